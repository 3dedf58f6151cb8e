/**
 * One trace against a baseline of similar traces (same source, root service and operation,
 * started near it). From the baseline's digests (aggregate.ts), per (service, operation):
 * nearest-rank p50 / p95 of its per-trace self time and critical-path time (over the
 * baseline traces it appears in), and of its single spans' durations. A span of this trace
 * is an outlier when its duration is above its operation's baseline span p95 and the
 * operation appears in at least MIN_TRACES baseline traces (a p95 of one or two is noise).
 * Times are µs.
 */
import { formatDuration } from '../lib/format';
import type { CoreAnalysis, VerdictPart } from './analysis-types';
import { digestTrace, opKey, type TraceDigest } from './aggregate';
import { nearestRank } from './service-graph';
import type { Trace } from './types';

export const MIN_TRACES = 3;

export interface Percentiles {
  readonly p50Us: number;
  readonly p95Us: number;
}

export interface OperationBaseline {
  readonly service: string;
  readonly name: string;
  /** Baseline traces with at least one span of this operation. */
  readonly traces: number;
  readonly selfUs: Percentiles;
  readonly criticalUs: Percentiles;
  readonly spanUs: Percentiles;
}

export interface Baseline {
  readonly traceCount: number;
  readonly operations: ReadonlyMap<string, OperationBaseline>;
}

const pct = (values: number[]): Percentiles => {
  const sorted = values.sort((a, b) => a - b);
  return { p50Us: nearestRank(sorted, 0.5), p95Us: nearestRank(sorted, 0.95) };
};

export function buildBaseline(digests: readonly TraceDigest[]): Baseline {
  const acc = new Map<string, { service: string; name: string; self: number[]; critical: number[]; spans: number[] }>();
  for (const d of digests) {
    for (const o of d.operations) {
      const key = opKey(o.service, o.name);
      let a = acc.get(key);
      if (a === undefined) acc.set(key, (a = { service: o.service, name: o.name, self: [], critical: [], spans: [] }));
      a.self.push(o.selfUs);
      a.critical.push(o.criticalUs);
      for (const us of o.durationsUs) a.spans.push(us);
    }
  }
  const operations = new Map<string, OperationBaseline>();
  for (const [key, a] of acc)
    operations.set(key, {
      service: a.service,
      name: a.name,
      traces: a.self.length,
      selfUs: pct(a.self),
      criticalUs: pct(a.critical),
      spanUs: pct(a.spans),
    });
  return { traceCount: digests.length, operations };
}

export interface OperationComparison {
  readonly service: string;
  readonly name: string;
  readonly spans: number;
  readonly selfUs: number;
  readonly criticalUs: number;
  /** Undefined when no baseline trace has this operation. */
  readonly base: OperationBaseline | undefined;
}

export interface SpanOutlier {
  readonly span: number;
  readonly durationUs: number;
  readonly base: OperationBaseline;
}

export interface Comparison {
  readonly operations: readonly OperationComparison[];
  /** Spans above their operation's baseline span p95, the largest ratio to it first. */
  readonly outliers: readonly SpanOutlier[];
}

export function compareWithBaseline(trace: Trace, analysis: CoreAnalysis, baseline: Baseline): Comparison {
  const digest = digestTrace(trace, analysis);
  const operations = digest.operations
    .map((o) => ({
      service: o.service,
      name: o.name,
      spans: o.spans,
      selfUs: o.selfUs,
      criticalUs: o.criticalUs,
      base: baseline.operations.get(opKey(o.service, o.name)),
    }))
    .sort((a, b) => b.criticalUs - a.criticalUs || b.selfUs - a.selfUs);
  const outliers: SpanOutlier[] = [];
  trace.spans.forEach((span, i) => {
    const base = baseline.operations.get(opKey(span.service, span.name));
    if (base && base.traces >= MIN_TRACES && span.durationUs > base.spanUs.p95Us)
      outliers.push({ span: i, durationUs: span.durationUs, base });
  });
  // Most unusual first: the ratio to the p95 puts a slow leaf ahead of the parents it made slow.
  const ratio = (o: SpanOutlier) => o.durationUs / Math.max(1, o.base.spanUs.p95Us);
  outliers.sort((a, b) => ratio(b) - ratio(a) || a.span - b.span);
  return { operations, outliers };
}

/**
 * A span's duration next to its baseline p95, as text that shows the difference: a span just
 * above the p95 (35.2 ms against 34.9 ms) would otherwise read "35 ms … p95 35 ms".
 */
export function formatAgainst(us: number, p95Us: number): readonly [string, string] {
  const a = formatDuration(us);
  const b = formatDuration(p95Us);
  if (a !== b) return [a, b];
  const fine = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(1)} µs`);
  return [fine(us), fine(p95Us)];
}

/** The verdict's extra sentence about the worst outlier: "`SQL SELECT` took 309 ms, typically 12 ms (p95 40 ms)". */
export function outlierVerdict(trace: Trace, outliers: readonly SpanOutlier[]): VerdictPart[] {
  const worst = outliers[0];
  const span = worst && trace.spans[worst.span];
  if (!worst || !span) return [];
  const more = outliers.length - 1;
  const [took, p95] = formatAgainst(worst.durationUs, worst.base.spanUs.p95Us);
  return [
    { kind: 'text', text: ' ' },
    { kind: 'span', text: span.name, span: worst.span },
    {
      kind: 'text',
      text:
        ` took ${took}, typically ${formatDuration(worst.base.spanUs.p50Us)} (p95 ${p95})` +
        (more > 0 ? `; ${more} more ${more === 1 ? 'span is' : 'spans are'} above the baseline’s p95.` : '.'),
    },
  ];
}
