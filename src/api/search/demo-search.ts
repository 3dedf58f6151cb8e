/**
 * The demo source's search, so the search page works with no backend: a fixed corpus of
 * generated traces (the small demos over many seeds, and the 1,000-span export), filtered
 * the way Jaeger filters — some span has the service, the operation, every tag (span or
 * resource attribute, `error=true` meaning an error status) and a duration within the bounds.
 * Demo traces are generated, so the time range does not apply. Runs in the trace worker.
 */
import type { Span, Trace } from '../../model/types';
import { literalText } from './logfmt';
import { summarizeTrace } from './summarize';
import type { SearchRequest, TraceSummary } from './types';

/** What the demo source holds: the matching summaries, and its service and operation lists. */
export interface DemoCorpus {
  readonly summaries: TraceSummary[];
  readonly services: string[];
  /** Operations per service. */
  readonly operations: Readonly<Record<string, readonly string[]>>;
}

/** The demos searched, and the seeds each is generated with (ids encode both: links reopen them). */
export const DEMO_SEARCH_CORPUS: readonly { readonly demoId: string; readonly seeds: readonly number[] }[] = [
  { demoId: 'hotrod', seeds: Array.from({ length: 12 }, (_, i) => i + 1) },
  { demoId: 'checkout', seeds: Array.from({ length: 12 }, (_, i) => i + 1) },
  { demoId: 'big-1k', seeds: [42] },
];

function attrText(span: Span, key: string): string | undefined {
  for (const list of [span.attributes, span.resource]) {
    for (const a of list) if (a.key === key) return typeof a.value === 'string' ? a.value : JSON.stringify(a.value);
  }
  return undefined;
}

export function spanMatches(span: Span, r: SearchRequest): boolean {
  if (r.service && span.service !== r.service) return false;
  if (r.operation && span.name !== r.operation) return false;
  if (r.minDurationUs !== undefined && span.durationUs < r.minDurationUs) return false;
  if (r.maxDurationUs !== undefined && span.durationUs > r.maxDurationUs) return false;
  for (const [key, value] of r.attributes) {
    if (key === 'error' && value.kind === 'bool') {
      if ((span.status.code === 'error') !== value.value) return false;
    } else if (attrText(span, key) !== literalText(value)) return false;
  }
  return true;
}

export const traceMatches = (trace: Trace, r: SearchRequest): boolean => trace.spans.some((s) => spanMatches(s, r));

/** The corpus' lists, and the summaries of the traces matching `request` (all of them without one), newest first. */
export function searchDemoTraces(traces: readonly Trace[], request: SearchRequest | undefined): DemoCorpus {
  const operations = new Map<string, Set<string>>();
  for (const t of traces) {
    for (const s of t.spans) {
      let ops = operations.get(s.service);
      if (!ops) operations.set(s.service, (ops = new Set()));
      ops.add(s.name);
    }
  }
  const hits = request === undefined ? traces : traces.filter((t) => traceMatches(t, request));
  const sorted = [...operations.keys()].sort((a, b) => a.localeCompare(b));
  return {
    summaries: hits.slice(0, request?.limit ?? hits.length).map(summarizeTrace),
    services: sorted,
    operations: Object.fromEntries(
      sorted.map((s) => [s, [...(operations.get(s) ?? [])].sort((a, b) => a.localeCompare(b))]),
    ),
  };
}
