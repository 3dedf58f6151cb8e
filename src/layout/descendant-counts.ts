/**
 * How many descendants of each span (itself excluded) have an error status, and how many are
 * on the critical path: a collapsed row says what it hides. One pass over the pre-order from
 * the end, adding each span's total to its parent (no recursion: traces can be 100k deep).
 */
import type { TraceTree } from '../model/analysis-types';
import type { Span } from '../model/types';

export interface DescendantCounts {
  readonly errors: Int32Array;
  readonly critical: Int32Array;
}

export function descendantCounts(
  tree: TraceTree,
  spans: readonly Span[],
  criticalUs: ArrayLike<number>,
): DescendantCounts {
  const n = spans.length;
  const errors = new Int32Array(n);
  const critical = new Int32Array(n);
  for (let p = tree.preorder.length - 1; p >= 0; p--) {
    const i = tree.preorder[p] ?? 0;
    const parent = tree.parent[i] ?? -1;
    if (parent < 0) continue;
    errors[parent] = (errors[parent] ?? 0) + (errors[i] ?? 0) + (spans[i]?.status.code === 'error' ? 1 : 0);
    critical[parent] = (critical[parent] ?? 0) + (critical[i] ?? 0) + ((criticalUs[i] ?? 0) > 0 ? 1 : 0);
  }
  return { errors, critical };
}
