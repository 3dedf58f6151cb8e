/**
 * The diff tree's rows: the aligned nodes in tree order, siblings sorted by the size of
 * their change (critical-path delta of their subtree by default), optionally only the nodes that changed by
 * at least some percentage (with their ancestors, so every row keeps its context).
 * Iterative: an explicit stack, whatever the depth.
 */
import type { AlignedNode, Alignment, SideStats } from './compare';

export const COMPARE_SORTS = ['critical', 'total', 'self', 'count', 'name'] as const;
export type CompareSort = (typeof COMPARE_SORTS)[number];

const MEASURE: Record<Exclude<CompareSort, 'name'>, keyof SideStats> = {
  critical: 'criticalUs',
  total: 'totalUs',
  self: 'selfUs',
  count: 'count',
};

/**
 * How much a node changed, in percent of A: the larger of the change in summed duration and
 * in span count. A node in only one trace changed completely (Infinity).
 */
export function changePercent(node: AlignedNode): number {
  if (node.change !== 'both') return Infinity;
  const total = (Math.abs(node.b.totalUs - node.a.totalUs) / Math.max(node.a.totalUs, 1)) * 100;
  const count = (Math.abs(node.b.count - node.a.count) / Math.max(node.a.count, 1)) * 100;
  return Math.max(total, count);
}

export interface DiffRow {
  readonly node: number;
  readonly depth: number;
}

export function diffRows(alignment: Alignment, sort: CompareSort, minPercent: number): DiffRow[] {
  const { nodes, children } = alignment;
  // A node is kept when it or a descendant changed enough: children come after parents.
  const keep = new Uint8Array(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (n === undefined) continue;
    if (minPercent <= 0 || changePercent(n) >= minPercent) keep[i] = 1;
    if (keep[i] === 1 && n.parent >= 0) keep[n.parent] = 1;
  }
  // The change a sibling stands for: for critical-path and self time, which partition the
  // trace's time, its whole subtree's (so a parent whose children slowed sorts first);
  // for durations and counts, its own.
  const measure = sort === 'name' ? undefined : MEASURE[sort];
  const weight = new Float64Array(nodes.length);
  if (measure !== undefined)
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      if (n === undefined) continue;
      weight[i] = (weight[i] ?? 0) + n.b[measure] - n.a[measure];
      if (n.parent >= 0 && (sort === 'critical' || sort === 'self'))
        weight[n.parent] = (weight[n.parent] ?? 0) + (weight[i] ?? 0);
    }
  const order = (ids: readonly number[]): number[] =>
    ids
      .filter((id) => keep[id] === 1)
      .sort((x, y) => {
        const nx = nodes[x];
        const ny = nodes[y];
        if (nx === undefined || ny === undefined) return 0;
        const d = Math.abs(weight[y] ?? 0) - Math.abs(weight[x] ?? 0);
        if (d !== 0) return d;
        return (
          nx.service.localeCompare(ny.service) || nx.operation.localeCompare(ny.operation) || (nx.key < ny.key ? -1 : 1)
        );
      });

  const rows: DiffRow[] = [];
  const stack = order(children[nodes.length] ?? []).reverse();
  while (stack.length > 0) {
    const id = stack.pop();
    const n = id === undefined ? undefined : nodes[id];
    if (id === undefined || n === undefined) continue;
    rows.push({ node: id, depth: n.depth });
    const kids = order(children[id] ?? []);
    for (let k = kids.length - 1; k >= 0; k--) {
      const kid = kids[k];
      if (kid !== undefined) stack.push(kid);
    }
  }
  return rows;
}

/** Services in one order for both critical-path bars: A's largest first, then B's new ones. */
export function sharedServiceOrder(
  a: readonly { readonly service: string }[],
  b: readonly { readonly service: string }[],
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of [a, b])
    for (const { service } of list)
      if (!seen.has(service)) {
        seen.add(service);
        out.push(service);
      }
  return out;
}
