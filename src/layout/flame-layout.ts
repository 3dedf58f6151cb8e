/**
 * The flame graph's geometry (view=flame): an icicle on the trace's time axis, one level per
 * tree depth. Spans are bucketed by depth with one counting sort over the pre-order, so each
 * level lists its spans in row order (by start within a parent); drawing and hit-testing
 * touch only the levels in view. Also the keyboard's moves between nodes. No recursion.
 */
import type { CriticalSegment, TraceTree } from '../model/analysis-types';
import type { Trace } from '../model/types';

export interface FlameLevels {
  /** Spans of depth d: spans[offsets[d] .. offsets[d+1]). */
  readonly offsets: Int32Array;
  readonly spans: Int32Array;
  /** Position of each span in `spans`, for moving to its neighbours. */
  readonly slot: Int32Array;
  readonly levels: number;
}

export function flameLevels(tree: TraceTree): FlameLevels {
  const n = tree.preorder.length;
  const levels = n === 0 ? 0 : tree.maxDepth + 1;
  const offsets = new Int32Array(levels + 1);
  for (let p = 0; p < n; p++) {
    const d = tree.depth[tree.preorder[p] ?? 0] ?? 0;
    offsets[d + 1] = (offsets[d + 1] ?? 0) + 1;
  }
  for (let d = 0; d < levels; d++) offsets[d + 1] = (offsets[d + 1] ?? 0) + (offsets[d] ?? 0);
  const fill = offsets.slice(0, Math.max(levels, 1));
  const spans = new Int32Array(n);
  const slot = new Int32Array(tree.depth.length).fill(-1);
  for (let p = 0; p < n; p++) {
    const i = tree.preorder[p] ?? 0;
    const d = tree.depth[i] ?? 0;
    const k = fill[d] ?? 0;
    spans[k] = i;
    slot[i] = k;
    fill[d] = k + 1;
  }
  return { offsets, spans, slot, levels };
}

/**
 * The span drawn at time `us` on level `depth` (the last one covering it, as it is drawn on
 * top), or -1. `slackUs` widens thin bars so a one-pixel span can still be clicked.
 */
export function spanAt(trace: Trace, levels: FlameLevels, depth: number, us: number, slackUs: number): number {
  if (depth < 0 || depth >= levels.levels) return -1;
  const from = levels.offsets[depth] ?? 0;
  const to = levels.offsets[depth + 1] ?? 0;
  let hit = -1;
  let near = -1;
  let nearGap = Infinity;
  for (let k = from; k < to; k++) {
    const i = levels.spans[k] ?? 0;
    const s = trace.spans[i];
    if (!s) continue;
    const end = s.startUs + s.durationUs;
    if (us >= s.startUs && us <= end) hit = i;
    else {
      const gap = us < s.startUs ? s.startUs - us : us - end;
      if (gap <= slackUs && gap < nearGap) {
        nearGap = gap;
        near = i;
      }
    }
  }
  return hit >= 0 ? hit : near;
}

export type FlameMove = 'parent' | 'child' | 'previous' | 'next';

/** Where an arrow key goes from span `from`: its parent, its first child, or its neighbour on the level. */
export function flameMove(tree: TraceTree, levels: FlameLevels, from: number, move: FlameMove): number {
  if (from < 0) return levels.spans[0] ?? -1;
  switch (move) {
    case 'parent':
      return tree.parent[from] ?? -1;
    case 'child': {
      const a = tree.childStart[from] ?? 0;
      return a < (tree.childStart[from + 1] ?? 0) ? (tree.childIndex[a] ?? -1) : -1;
    }
    case 'previous':
    case 'next': {
      const k = (levels.slot[from] ?? -1) + (move === 'next' ? 1 : -1);
      const d = tree.depth[from] ?? 0;
      return k >= (levels.offsets[d] ?? 0) && k < (levels.offsets[d + 1] ?? 0) ? (levels.spans[k] ?? -1) : -1;
    }
  }
}

/** What the flame graph draws per level, in flat typed arrays so a draw reads no span objects. */
export interface FlameGeometry {
  /** Start and end (µs) of levels.spans[k]. */
  readonly startUs: Float64Array;
  readonly endUs: Float64Array;
  /** Critical-path segments of depth d: seg*[segOffsets[d] .. segOffsets[d+1]). */
  readonly segOffsets: Int32Array;
  readonly segSpan: Int32Array;
  readonly segFromUs: Float64Array;
  readonly segToUs: Float64Array;
}

export function flameGeometry(
  trace: Trace,
  tree: TraceTree,
  levels: FlameLevels,
  path: readonly CriticalSegment[],
): FlameGeometry {
  const n = levels.spans.length;
  const startUs = new Float64Array(n);
  const endUs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const s = trace.spans[levels.spans[k] ?? 0];
    startUs[k] = s?.startUs ?? 0;
    endUs[k] = (s?.startUs ?? 0) + (s?.durationUs ?? 0);
  }
  const segOffsets = new Int32Array(levels.levels + 1);
  const depthOf = (seg: CriticalSegment) => tree.depth[seg.span] ?? 0;
  for (const seg of path) {
    const d = depthOf(seg);
    if (d < levels.levels) segOffsets[d + 1] = (segOffsets[d + 1] ?? 0) + 1;
  }
  for (let d = 0; d < levels.levels; d++) segOffsets[d + 1] = (segOffsets[d + 1] ?? 0) + (segOffsets[d] ?? 0);
  const fill = segOffsets.slice(0, Math.max(levels.levels, 1));
  const m = segOffsets[levels.levels] ?? 0;
  const segSpan = new Int32Array(m);
  const segFromUs = new Float64Array(m);
  const segToUs = new Float64Array(m);
  for (const seg of path) {
    const d = depthOf(seg);
    if (d >= levels.levels) continue;
    const k = fill[d] ?? 0;
    segSpan[k] = seg.span;
    segFromUs[k] = seg.startUs;
    segToUs[k] = seg.endUs;
    fill[d] = k + 1;
  }
  return { startUs, endUs, segOffsets, segSpan, segFromUs, segToUs };
}
