/**
 * Self time: a span's duration minus the union of its direct children's intervals,
 * each clipped to the span. Units: µs. Invariant: 0 ≤ selfTimeUs[i] ≤ durationUs[i].
 */
import type { TraceTree } from './analysis-types';
import type { Trace } from './types';

export function selfTimes(trace: Trace, tree: TraceTree): Float64Array {
  const spans = trace.spans;
  const n = spans.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    if (span === undefined) continue;
    const s = span.startUs;
    const e = s + span.durationUs;
    // Linear sweep: children are sorted by start, and clipping the start to s keeps that order.
    let covered = 0;
    let reach: number = s; // end of the union so far (µs)
    const to = tree.childStart[i + 1] ?? 0;
    for (let c = tree.childStart[i] ?? 0; c < to; c++) {
      const child = spans[tree.childIndex[c] ?? -1];
      if (child === undefined) continue;
      const cs = Math.max(child.startUs, s);
      const ce = Math.min(child.startUs + child.durationUs, e);
      if (ce <= cs) continue;
      if (cs >= reach) {
        covered += ce - cs;
        reach = ce;
      } else if (ce > reach) {
        covered += ce - reach;
        reach = ce;
      }
    }
    out[i] = Math.max(0, span.durationUs - covered);
  }
  return out;
}
