/**
 * "Focus a node and its neighbours 1–3 hops away": hop distances from one node over the
 * call edges taken in both directions (callers and callees), breadth first.
 */
import type { GraphLink } from './graph-layout';

/** Node id → hops from `focus` (0 for the focus itself), for nodes within `maxHops`. */
export function neighbourhood(
  links: readonly GraphLink[],
  focus: string,
  maxHops: number,
): ReadonlyMap<string, number> {
  const adjacent = new Map<string, string[]>();
  const add = (a: string, b: string) => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  for (const l of links) {
    add(l.from, l.to);
    add(l.to, l.from);
  }
  const dist = new Map<string, number>([[focus, 0]]);
  let frontier = [focus];
  for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const id of frontier)
      for (const other of adjacent.get(id) ?? [])
        if (!dist.has(other)) {
          dist.set(other, hop);
          next.push(other);
        }
    frontier = next;
  }
  return dist;
}
