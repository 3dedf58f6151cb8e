import { describe, expect, it } from 'vitest';
import { placeEdgeLabels } from './edge-labels';
import { layoutGraph, type GraphLink, type GraphNodeBox } from './graph-layout';
import { GROUP_HEADER, layoutGrouped } from './grouped-layout';

const box = (id: string): GraphNodeBox => ({ id, width: 120, height: 40 });
const inside = (
  n: { x: number; y: number; width: number; height: number },
  g: { x: number; y: number; width: number; height: number },
) =>
  n.x - n.width / 2 >= g.x &&
  n.x + n.width / 2 <= g.x + g.width &&
  n.y - n.height / 2 >= g.y + GROUP_HEADER &&
  n.y + n.height / 2 <= g.y + g.height;
const apart = (
  a: { x0: number; y0: number; x1: number; y1: number },
  b: { x0: number; y0: number; x1: number; y1: number },
) => a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;

/**
 * Three namespaces of five services and four loose ones, calling around, and a namespace of
 * six whose services only call out (laid out as a grid).
 */
function sample() {
  const nodes: GraphNodeBox[] = [];
  const groupOf = new Map<string, string>();
  for (const g of ['red', 'green', 'blue'])
    for (let i = 0; i < 5; i++) {
      nodes.push(box(`${g}-${i}`));
      groupOf.set(`${g}-${i}`, g);
    }
  for (let i = 0; i < 4; i++) nodes.push(box(`loose-${i}`));
  const links: GraphLink[] = [];
  for (let i = 0; i < nodes.length; i++)
    for (const step of [1, 4, 7]) {
      const a = nodes[i];
      const b = nodes[(i + step) % nodes.length];
      if (a && b) links.push({ from: a.id, to: b.id });
    }
  for (let i = 0; i < 6; i++) {
    nodes.push(box(`grey-${i}`));
    groupOf.set(`grey-${i}`, 'grey');
    links.push({ from: `grey-${i}`, to: `loose-${i % 4}` });
  }
  return { nodes, links, groupOf };
}

describe('layoutGrouped', () => {
  for (const kind of ['layered', 'force'] as const)
    it(`puts every member inside its group's box, boxes apart from each other and from loose nodes (${kind})`, () => {
      const { nodes, links, groupOf } = sample();
      const l = layoutGrouped(kind, nodes, links, groupOf);
      expect(l.groups.map((g) => g.id)).toEqual(['blue', 'green', 'grey', 'red']);
      // The grid group is about as wide as tall, not one column of six.
      const grey = l.groups.find((g) => g.id === 'grey');
      expect(grey && grey.width > 2 * 120).toBe(true);
      const byId = new Map(l.nodes.map((n) => [n.id, n]));
      for (const [id, g] of groupOf) {
        const n = byId.get(id);
        const gb = l.groups.find((x) => x.id === g);
        expect(n && gb && inside(n, gb), `${id} inside ${g}`).toBe(true);
      }
      const rects = [
        ...l.groups.map((g) => ({ x0: g.x, y0: g.y, x1: g.x + g.width, y1: g.y + g.height })),
        ...l.nodes
          .filter((n) => !groupOf.has(n.id))
          .map((n) => ({
            x0: n.x - n.width / 2,
            y0: n.y - n.height / 2,
            x1: n.x + n.width / 2,
            y1: n.y + n.height / 2,
          })),
      ];
      for (let i = 0; i < rects.length; i++)
        for (let j = i + 1; j < rects.length; j++) {
          const a = rects[i];
          const b = rects[j];
          if (a && b) expect(apart(a, b), `boxes ${i} and ${j} overlap`).toBe(true);
        }
      expect(l.edges).toHaveLength(links.length);
      for (const e of l.edges) {
        expect(e.points.length).toBeGreaterThanOrEqual(2);
        for (const p of e.points) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      }
    });

  it('is the plain layout when nothing is grouped', () => {
    const { nodes, links } = sample();
    expect(layoutGrouped('layered', nodes, links, new Map())).toEqual({
      ...layoutGraph('layered', nodes, links),
      groups: [],
    });
  });
});

describe('placeEdgeLabels', () => {
  it('never lets two labels overlap, nor a label cover a node, and places all when there is room', () => {
    const { nodes, links, groupOf } = sample();
    const l = layoutGrouped('layered', nodes, links, groupOf);
    const requests = l.edges.map((e, i) => ({ key: `${e.from}>${e.to}`, edge: e, text: `${(i + 1) * 37} ms` }));
    const placed = placeEdgeLabels(l, requests);
    expect(placed.length).toBeGreaterThan(0);
    const rect = (p: { x: number; y: number; width: number; height: number }) => ({
      x0: p.x - p.width / 2,
      y0: p.y - p.height / 2,
      x1: p.x + p.width / 2,
      y1: p.y + p.height / 2,
    });
    for (let i = 0; i < placed.length; i++) {
      const a = placed[i];
      if (!a) continue;
      for (const n of l.nodes) expect(apart(rect(a), rect(n)), `${a.key} covers ${n.id}`).toBe(true);
      for (let j = i + 1; j < placed.length; j++) {
        const b = placed[j];
        if (b) expect(apart(rect(a), rect(b)), `${a.key} overlaps ${b.key}`).toBe(true);
      }
    }
    // Two nodes far apart: the one label fits.
    const far = layoutGraph('layered', [box('a'), box('b')], [{ from: 'a', to: 'b' }]);
    const edge = far.edges[0];
    expect(edge && placeEdgeLabels(far, [{ key: 'k', edge, text: '12 ms' }])).toHaveLength(1);
  });
});
