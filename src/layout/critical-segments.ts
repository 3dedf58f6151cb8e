/**
 * The critical path regrouped per span, so a waterfall row can draw the parts of its bar
 * that are on the path in O(its segments): segments of span i are
 * fromUs/toUs[start[i] .. start[i+1]). Built with one counting sort over the path.
 */
import type { CriticalSegment } from '../model/analysis-types';

export interface SegmentsBySpan {
  readonly start: Int32Array;
  readonly fromUs: Float64Array;
  readonly toUs: Float64Array;
}

export function segmentsBySpan(spanCount: number, path: readonly CriticalSegment[]): SegmentsBySpan {
  const start = new Int32Array(spanCount + 1);
  for (const seg of path)
    if (seg.span >= 0 && seg.span < spanCount) start[seg.span + 1] = (start[seg.span + 1] ?? 0) + 1;
  for (let i = 0; i < spanCount; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
  const fill = start.slice(0, spanCount);
  const fromUs = new Float64Array(path.length);
  const toUs = new Float64Array(path.length);
  for (const seg of path) {
    if (seg.span < 0 || seg.span >= spanCount) continue;
    const k = fill[seg.span] ?? 0;
    fromUs[k] = seg.startUs;
    toUs[k] = seg.endUs;
    fill[seg.span] = k + 1;
  }
  return { start, fromUs, toUs };
}
