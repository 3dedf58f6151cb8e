/**
 * Critical path: the chain of work that set the trace's end time, as DESIGN.md defines it.
 *
 * Walking backward from the main root's end with a cursor (µs from trace start): at a span,
 * take the not-yet-taken child that finishes last at or before the cursor (ties: later
 * start, then greater span id, then greater index); the span owns [child end, cursor] and the
 * walk descends into the child with the cursor at the child's end. With no such child the
 * span owns [its start, cursor] and the walk returns to its parent with the cursor at this
 * span's start. Asynchronous children (follows-from, consumer under producer) are left out
 * with their subtrees; children are clipped to their parent's *clipped* interval and dropped
 * when wholly outside it. All comparisons use clipped times.
 *
 * Invariant: the returned segments are in ascending time order, non-empty, never overlap and
 * tile the main root's interval exactly (adjacent segments of one span are merged).
 */
import type { CriticalSegment, TraceTree } from './analysis-types';
import { sortRuns } from './sort-runs';
import { isAsyncChild } from './tree';
import type { Trace } from './types';
import { toMicros } from './types';

export function criticalPath(trace: Trace, tree: TraceTree): CriticalSegment[] {
  const spans = trace.spans;
  /** Span id text order (for 16 hex digits, their numeric order), then index. */
  const byId = (a: number, b: number): number => {
    const ia = spans[a]?.spanId ?? '';
    const ib = spans[b]?.spanId ?? '';
    return ia < ib ? -1 : ia > ib ? 1 : a - b;
  };
  const n = spans.length;
  const root = tree.mainRoot;
  const rootSpan = spans[root];
  if (rootSpan === undefined) return [];

  // 1. Clipped intervals over the synchronous subtree of the main root (pre-order, parents first).
  const clipS = new Float64Array(n);
  const clipE = new Float64Array(n);
  const included: number[] = []; // spans reached, excluding the main root
  clipS[root] = rootSpan.startUs;
  clipE[root] = rootSpan.startUs + rootSpan.durationUs;
  const stack: number[] = [root];
  for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
    const parentSpan = spans[p];
    if (parentSpan === undefined) continue;
    const ps = clipS[p] ?? 0;
    const pe = clipE[p] ?? 0;
    const to = tree.childStart[p + 1] ?? 0;
    for (let c = tree.childStart[p] ?? 0; c < to; c++) {
      const ci = tree.childIndex[c] ?? -1;
      const child = spans[ci];
      if (child === undefined || isAsyncChild(child, parentSpan)) continue;
      const cs = Math.max(child.startUs, ps);
      const ce = Math.min(child.startUs + child.durationUs, pe);
      if (cs > ce) continue; // wholly outside the parent
      clipS[ci] = cs;
      clipE[ci] = ce;
      included.push(ci);
      stack.push(ci);
    }
  }

  // 2. Candidate lists per parent sorted by the pick order (end, start, span id, index)
  //    ascending, so the walk scans each list once from the right: CSR by parent, then each
  //    list sorted on its own. Ids are compared only on (end, start) ties, which are rare.
  const pickOrder = (a: number, b: number) =>
    (clipE[a] ?? 0) - (clipE[b] ?? 0) || (clipS[a] ?? 0) - (clipS[b] ?? 0) || byId(a, b);
  const listStart = new Int32Array(n + 1);
  for (const c of included) {
    const p = tree.parent[c] ?? -1;
    listStart[p + 1] = (listStart[p + 1] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) listStart[i + 1] = (listStart[i + 1] ?? 0) + (listStart[i] ?? 0);
  const list = new Int32Array(included.length);
  const fill = listStart.slice(0, n);
  for (const c of included) {
    const p = tree.parent[c] ?? -1;
    const at = fill[p] ?? 0;
    list[at] = c;
    fill[p] = at + 1;
  }
  sortRuns(list, listStart, pickOrder);
  // ptr[p]: rightmost position in p's list still worth looking at. The cursor only moves
  // left, so children skipped for ending after it, or already taken, never qualify again.
  const ptr = new Int32Array(n);
  for (let i = 0; i < n; i++) ptr[i] = (listStart[i + 1] ?? 0) - 1;

  // 3. The backward walk; segments come out in descending time order.
  const rev: CriticalSegment[] = [];
  const emit = (span: number, startUs: number, endUs: number): void => {
    if (endUs <= startUs) return;
    const last = rev[rev.length - 1];
    if (last !== undefined && last.span === span && last.startUs === endUs) {
      rev[rev.length - 1] = { span, startUs: toMicros(startUs), endUs: last.endUs };
    } else {
      rev.push({ span, startUs: toMicros(startUs), endUs: toMicros(endUs) });
    }
  };
  let cursor = clipE[root] ?? 0;
  const walk: number[] = [root];
  while (walk.length > 0) {
    const s = walk[walk.length - 1] ?? root;
    const from = listStart[s] ?? 0;
    let k = ptr[s] ?? -1;
    while (k >= from && (clipE[list[k] ?? 0] ?? 0) > cursor) k--;
    if (k >= from) {
      const child = list[k] ?? 0;
      ptr[s] = k - 1;
      const childEnd = clipE[child] ?? 0;
      emit(s, childEnd, cursor);
      cursor = childEnd;
      walk.push(child);
    } else {
      ptr[s] = k;
      const start = clipS[s] ?? 0;
      emit(s, start, cursor);
      cursor = start;
      walk.pop();
    }
  }
  return rev.reverse();
}

/** Critical-path µs owned by each of `n` spans (0 when off the path). */
export function criticalUsPerSpan(n: number, segments: readonly CriticalSegment[]): Float64Array {
  const out = new Float64Array(n);
  for (const seg of segments) {
    if (seg.span >= 0 && seg.span < n) out[seg.span] = (out[seg.span] ?? 0) + (seg.endUs - seg.startUs);
  }
  return out;
}
