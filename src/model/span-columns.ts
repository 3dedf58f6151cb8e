/**
 * A trace's per-span numbers as typed columns, where the trace has them: a trace unpacked on
 * the page (api/worker/unpack-trace.ts) registers its packed columns here, so a pass over
 * 1M spans (their times, services, statuses) reads typed arrays in order instead of a million
 * span objects. Any other trace has none, and callers read its spans.
 */
import type { Trace } from './types';

export interface SpanColumns {
  /** µs from the trace start, by span index (the same numbers as each span's startUs and durationUs). */
  readonly startUs: Float64Array;
  readonly durationUs: Float64Array;
  /** The span's service as an index into `strings`. */
  readonly service: Int32Array;
  readonly strings: readonly string[];
  /** True at the spans whose status is an error. */
  isError(i: number): boolean;
}

const registry = new WeakMap<Trace, SpanColumns>();

export function registerSpanColumns(trace: Trace, columns: SpanColumns): void {
  registry.set(trace, columns);
}

export function spanColumnsOf(trace: Trace): SpanColumns | undefined {
  return registry.get(trace);
}
