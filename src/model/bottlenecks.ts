/**
 * Where the time went: critical-path µs summed per span, per operation (service + name) and
 * per service, each as a share of the trace duration, largest first; and the slowest spans
 * by self time (SLOWEST_KEPT of them). Shares are 0 for a zero-length trace rather than NaN.
 */
import type { Bottlenecks, CriticalSegment, OperationShare, ServiceShare, SpanShare } from './analysis-types';
import { criticalUsPerSpan } from './critical-path';
import type { Trace } from './types';
import { toMicros } from './types';

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `slowest`: slowestSpans' answer when the caller has it already. */
export function bottlenecks(
  trace: Trace,
  segments: readonly CriticalSegment[],
  selfTimeUs: Float64Array,
  slowest?: readonly number[],
): Bottlenecks {
  const spans = trace.spans;
  const n = spans.length;
  const total = trace.durationUs > 0 ? trace.durationUs : 0;
  const share = (us: number): number => (total > 0 ? us / total : 0);
  // Starts in a typed array: the sorts below compare ~n log n pairs (1.7M at 100k spans).
  const starts = new Float64Array(n);
  for (let i = 0; i < n; i++) starts[i] = spans[i]?.startUs ?? 0;
  const startOf = (i: number): number => starts[i] ?? 0;

  const critical = criticalUsPerSpan(n, segments);
  const bySpan: SpanShare[] = [];
  // service → name → sum: no key string built per span
  const opUs = new Map<string, Map<string, { service: string; name: string; us: number }>>();
  const serviceUs = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const us = critical[i] ?? 0;
    const span = spans[i];
    if (us <= 0 || span === undefined) continue;
    bySpan.push({ span: i, us: toMicros(us), share: share(us) });
    let ops = opUs.get(span.service);
    if (ops === undefined) opUs.set(span.service, (ops = new Map()));
    const op = ops.get(span.name);
    if (op === undefined) ops.set(span.name, { service: span.service, name: span.name, us });
    else op.us += us;
    serviceUs.set(span.service, (serviceUs.get(span.service) ?? 0) + us);
  }
  bySpan.sort((a, b) => b.us - a.us || startOf(a.span) - startOf(b.span) || a.span - b.span);

  const byOperation: OperationShare[] = [...opUs.values()]
    .flatMap((ops) => [...ops.values()])
    .map((o) => ({ service: o.service, name: o.name, us: toMicros(o.us), share: share(o.us) }))
    .sort((a, b) => b.us - a.us || cmpStr(a.service, b.service) || cmpStr(a.name, b.name));
  const byService: ServiceShare[] = [...serviceUs.entries()]
    .map(([service, us]) => ({ service, us: toMicros(us), share: share(us) }))
    .sort((a, b) => b.us - a.us || cmpStr(a.service, b.service));

  return {
    bySpan,
    byOperation,
    byService,
    slowestBySelfTime: slowest ?? slowestBySelfTime(selfTimeUs, startOf, SLOWEST_KEPT),
  };
}

/** The SLOWEST_KEPT spans with the most self time, in order (ties: earlier start, then index). */
export function slowestSpans(trace: Trace, selfTimeUs: Float64Array): number[] {
  const spans = trace.spans;
  return slowestBySelfTime(selfTimeUs, (i) => spans[i]?.startUs ?? 0, SLOWEST_KEPT);
}

/** How many of the slowest spans are kept (the page lists 15): ranking all 1M spans was a 1M-item sort. */
export const SLOWEST_KEPT = 1000;

/**
 * The `k` spans with the most self time, in order (ties: earlier start, then index): those at
 * or above the k-th largest self time (quickselect on a copy), then sorted.
 */
function slowestBySelfTime(selfTimeUs: Float64Array, startOf: (i: number) => number, k: number): number[] {
  const n = selfTimeUs.length;
  let threshold = Number.NEGATIVE_INFINITY;
  if (n > k) threshold = kthLargest(selfTimeUs, k);
  const picked: number[] = [];
  for (let i = 0; i < n; i++) if ((selfTimeUs[i] ?? 0) >= threshold) picked.push(i);
  picked.sort((a, b) => (selfTimeUs[b] ?? 0) - (selfTimeUs[a] ?? 0) || startOf(a) - startOf(b) || a - b);
  return picked.length > k ? picked.slice(0, k) : picked;
}

/**
 * The k-th largest of `values` (1 ≤ k ≤ length), by quickselect on a copy: O(n) where sorting
 * a copy to read it was O(n log n), 9 ms of the trace's first rows at 100k spans.
 * Hoare partitions around a median of three; runs of equal values (many spans have no self
 * time) split evenly, so they cannot make it quadratic.
 */
export function kthLargest(values: Float64Array, k: number): number {
  const a = Float64Array.from(values);
  const target = a.length - k; // its index in ascending order
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo] ?? 0;
    const y = a[mid] ?? 0;
    const z = a[hi] ?? 0;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i] = a[j] ?? 0;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break; // between j and i: every value there equals the pivot
  }
  return a[target] ?? 0;
}
