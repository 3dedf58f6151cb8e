/**
 * Where the time went across many traces. Each loaded trace is first reduced to a digest
 * (per service and per operation: span count, self time, critical-path time, span
 * durations), so the trace itself can be dropped; digests are then summed. Times are µs.
 * A trace's critical-path time is owned by its spans (critical-path.ts), so per trace the
 * rows of one kind add up to at most the trace's duration.
 */
import type { CoreAnalysis } from './analysis-types';
import { nearestRank } from './service-graph';
import type { Trace } from './types';

/** Span durations kept per operation per trace: enough for percentiles, bounded for huge traces. */
export const MAX_DURATIONS_PER_OP = 2_000;

export interface OperationDigest {
  readonly service: string;
  readonly name: string;
  readonly spans: number;
  readonly selfUs: number;
  readonly criticalUs: number;
  /** Durations of this operation's spans (at most MAX_DURATIONS_PER_OP), unsorted. */
  readonly durationsUs: readonly number[];
}

export interface TraceDigest {
  readonly traceId: string;
  readonly startUnixUs: number;
  readonly durationUs: number;
  readonly rootService: string;
  readonly rootName: string;
  readonly spanCount: number;
  readonly operations: readonly OperationDigest[];
}

/** NUL cannot appear in names we display, so the key is unambiguous. */
export const opKey = (service: string, name: string) => `${service}\u0000${name}`;

export function digestTrace(trace: Trace, analysis: CoreAnalysis): TraceDigest {
  const ops = new Map<
    string,
    { service: string; name: string; spans: number; selfUs: number; criticalUs: number; durationsUs: number[] }
  >();
  const spans = trace.spans;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (span === undefined) continue;
    const key = opKey(span.service, span.name);
    let op = ops.get(key);
    if (op === undefined)
      ops.set(
        key,
        (op = { service: span.service, name: span.name, spans: 0, selfUs: 0, criticalUs: 0, durationsUs: [] }),
      );
    op.spans++;
    op.selfUs += analysis.selfTimeUs[i] ?? 0;
    op.criticalUs += analysis.criticalUs[i] ?? 0;
    if (op.durationsUs.length < MAX_DURATIONS_PER_OP) op.durationsUs.push(span.durationUs);
  }
  const root = spans[analysis.tree.mainRoot];
  return {
    traceId: trace.traceId,
    startUnixUs: trace.startUnixUs,
    durationUs: trace.durationUs,
    rootService: root?.service ?? '',
    rootName: root?.name ?? '',
    spanCount: spans.length,
    operations: [...ops.values()],
  };
}

export interface AggregateRow {
  readonly service: string;
  /** Empty on a service row. */
  readonly operation: string;
  /** Critical-path µs summed over the traces. */
  readonly criticalUs: number;
  /** criticalUs over the summed duration of all the traces, 0..1. */
  readonly share: number;
  /** Traces with at least one span of this service / operation. */
  readonly traces: number;
  /** Nearest-rank percentiles of the per-trace critical-path µs, over the traces it appears in. */
  readonly p50Us: number;
  readonly p95Us: number;
  /** Traces where this row holds the most critical-path time of its kind, largest share first. */
  readonly dominates: readonly { readonly traceId: string; readonly share: number }[];
}

export interface Aggregate {
  readonly traceCount: number;
  readonly totalUs: number;
  readonly services: readonly AggregateRow[];
  readonly operations: readonly AggregateRow[];
}

interface Acc {
  service: string;
  operation: string;
  criticalUs: number;
  perTrace: number[];
  dominates: { traceId: string; share: number }[];
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function add(
  into: Map<string, Acc>,
  perTrace: ReadonlyMap<string, { service: string; operation: string; us: number }>,
  d: TraceDigest,
) {
  let top: { key: string; us: number; service: string; operation: string } | undefined;
  for (const [key, v] of perTrace) {
    let acc = into.get(key);
    if (acc === undefined)
      into.set(key, (acc = { service: v.service, operation: v.operation, criticalUs: 0, perTrace: [], dominates: [] }));
    acc.criticalUs += v.us;
    acc.perTrace.push(v.us);
    const better =
      top === undefined ||
      v.us > top.us ||
      (v.us === top.us && (cmpStr(v.service, top.service) || cmpStr(v.operation, top.operation)) < 0);
    if (better) top = { key, us: v.us, service: v.service, operation: v.operation };
  }
  if (top && top.us > 0)
    into.get(top.key)?.dominates.push({ traceId: d.traceId, share: d.durationUs > 0 ? top.us / d.durationUs : 0 });
}

function finish(acc: Map<string, Acc>, totalUs: number): AggregateRow[] {
  return [...acc.values()]
    .map((a) => {
      const sorted = a.perTrace.sort((x, y) => x - y);
      return {
        service: a.service,
        operation: a.operation,
        criticalUs: a.criticalUs,
        share: totalUs > 0 ? a.criticalUs / totalUs : 0,
        traces: sorted.length,
        p50Us: nearestRank(sorted, 0.5),
        p95Us: nearestRank(sorted, 0.95),
        dominates: a.dominates.sort((x, y) => y.share - x.share || cmpStr(x.traceId, y.traceId)),
      };
    })
    .sort((x, y) => y.criticalUs - x.criticalUs || cmpStr(x.service, y.service) || cmpStr(x.operation, y.operation));
}

/** Sums the digests: one row per service and one per (service, operation), most critical time first. */
export function aggregateDigests(digests: readonly TraceDigest[]): Aggregate {
  const services = new Map<string, Acc>();
  const operations = new Map<string, Acc>();
  let totalUs = 0;
  for (const d of digests) {
    totalUs += d.durationUs;
    const svc = new Map<string, { service: string; operation: string; us: number }>();
    const ops = new Map<string, { service: string; operation: string; us: number }>();
    for (const o of d.operations) {
      ops.set(opKey(o.service, o.name), { service: o.service, operation: o.name, us: o.criticalUs });
      const s = svc.get(o.service);
      if (s === undefined) svc.set(o.service, { service: o.service, operation: '', us: o.criticalUs });
      else s.us += o.criticalUs;
    }
    add(services, svc, d);
    add(operations, ops, d);
  }
  return {
    traceCount: digests.length,
    totalUs,
    services: finish(services, totalUs),
    operations: finish(operations, totalUs),
  };
}
