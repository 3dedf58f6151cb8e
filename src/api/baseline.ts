/**
 * The baseline for a trace: up to N similar traces from the same source — same root service
 * and operation, started within BASELINE_WINDOW_US of this trace (the demo source has no
 * time, so there only the root matters) — found with the source's own search, loaded and
 * digested (many-traces.ts), then summed into per-operation percentiles (model/baseline.ts).
 * When there is none, the answer says why in plain words instead of failing.
 */
import { buildBaseline, type Baseline } from '../model/baseline';
import type { CoreAnalysis } from '../model/analysis-types';
import type { Trace } from '../model/types';
import { clientFor, type ClientSource } from './client';
import { digestTraces, type ManyProgress } from './many-traces';
import type { SearchRequest, TraceSummary } from './search/types';
import { traceTimeRange } from './trace-range';

export const BASELINE_DEFAULT = 50;
export const BASELINE_MAX = 500;
/** The search window each side of the trace's start. */
export const BASELINE_WINDOW_US = 60 * 60 * 1e6;

export type BaselineOutcome =
  | { readonly kind: 'ready'; readonly baseline: Baseline; readonly asked: number; readonly failed: number }
  | { readonly kind: 'none'; readonly reason: string };

export type BaselineProgress =
  { readonly phase: 'searching' } | { readonly phase: 'loading'; readonly progress: ManyProgress };

/** The search asked of the source; more than N, since a search matches any span, not only roots. */
export function baselineRequest(service: string, operation: string, startUnixUs: number, n: number): SearchRequest {
  return {
    service,
    operation,
    attributes: [],
    minDurationUs: undefined,
    maxDurationUs: undefined,
    startUs: startUnixUs - BASELINE_WINDOW_US,
    endUs: startUnixUs + BASELINE_WINDOW_US,
    limit: Math.min(BASELINE_MAX * 2, n * 2 + 1),
  };
}

/** Other traces with the same root, nearest in time first, at most `n`. */
export function similarTraces(
  summaries: readonly TraceSummary[],
  trace: Trace,
  rootService: string,
  rootName: string,
  n: number,
): TraceSummary[] {
  return summaries
    .filter((s) => s.traceId !== trace.traceId && s.rootService === rootService && s.rootName === rootName)
    .sort(
      (a, b) =>
        Math.abs(a.startUnixUs - trace.startUnixUs) - Math.abs(b.startUnixUs - trace.startUnixUs) ||
        (a.traceId < b.traceId ? -1 : 1),
    )
    .slice(0, n);
}

export async function loadBaseline(
  source: ClientSource,
  trace: Trace,
  analysis: CoreAnalysis,
  n: number,
  options: { signal?: AbortSignal | undefined; onProgress?: ((p: BaselineProgress) => void) | undefined } = {},
): Promise<BaselineOutcome> {
  const root = trace.spans[analysis.tree.mainRoot];
  if (!root) return { kind: 'none', reason: 'This trace has no spans, so there is nothing to compare.' };
  const client = clientFor(source);
  options.onProgress?.({ phase: 'searching' });
  const outcome = await client.search(baselineRequest(root.service, root.name, trace.startUnixUs, n), options.signal);
  const similar = similarTraces(outcome.summaries, trace, root.service, root.name, n);
  const where = client.capabilities.searchTimeRange ? ' within an hour of this one' : '';
  if (similar.length === 0)
    return {
      kind: 'none',
      reason: `${source.name} has no other trace of “${root.name}” in ${root.service}${where}, so there is no baseline to compare with.`,
    };
  const needsRange = client.capabilities.traceNeedsTimeRange;
  const { digests, failed, firstFailure } = await digestTraces(
    client,
    similar.map((s) => ({
      traceId: s.traceId,
      range: needsRange ? traceTimeRange(s.startUnixUs, s.durationUs) : {},
    })),
    { signal: options.signal, onProgress: (progress) => options.onProgress?.({ phase: 'loading', progress }) },
  );
  if (digests.length === 0)
    return {
      kind: 'none',
      reason: `${source.name} found ${similar.length} similar ${similar.length === 1 ? 'trace' : 'traces'}, but none could be loaded: ${firstFailure ?? 'no reason given'}`,
    };
  return { kind: 'ready', baseline: buildBaseline(digests), asked: similar.length, failed };
}
