import { describe, expect, it } from 'vitest';
import { layoutForce, layoutLayered, type GraphLayout, type GraphLink, type GraphNodeBox } from './graph-layout';

const box = (id: string, width = 120, height = 32): GraphNodeBox => ({ id, width, height });

const HOTROD_NODES = ['frontend', 'customer', 'mysql', 'driver', 'redis-manual', 'route'].map((id) => box(id));
const HOTROD_LINKS: GraphLink[] = [
  { from: 'frontend', to: 'customer' },
  { from: 'customer', to: 'mysql' },
  { from: 'frontend', to: 'driver' },
  { from: 'driver', to: 'redis-manual' },
  { from: 'frontend', to: 'route' },
];

/** A tiered service mesh like the bench's: tiers of services, each calling into the next one or two tiers. */
export function tieredGraph(services: number, edges: number, tiers = 8): { nodes: GraphNodeBox[]; links: GraphLink[] } {
  let seed = 7;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const nodes = Array.from({ length: services }, (_, i) =>
    box(`svc-${String(i).padStart(3, '0')}`, 90 + (i % 7) * 10, 28 + (i % 3) * 8),
  );
  const tier = (i: number) => Math.floor((i * tiers) / services);
  const seen = new Set<string>();
  const links: GraphLink[] = [];
  while (links.length < edges) {
    const a = Math.floor(rnd() * services);
    const ta = tier(a);
    if (ta === tiers - 1) continue;
    const tb = Math.min(tiers - 1, ta + 1 + (rnd() < 0.2 ? 1 : 0));
    const lo = Math.floor((tb * services) / tiers);
    const hi = Math.floor(((tb + 1) * services) / tiers);
    const b = lo + Math.floor(rnd() * (hi - lo));
    const key = `${a}-${b}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    links.push({ from: `svc-${String(a).padStart(3, '0')}`, to: `svc-${String(b).padStart(3, '0')}` });
  }
  return { nodes, links };
}

function expectSane(layout: GraphLayout, nodeCount: number) {
  expect(layout.nodes).toHaveLength(nodeCount);
  for (const n of layout.nodes) {
    expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
    expect(n.x - n.width / 2).toBeGreaterThanOrEqual(-0.5);
    expect(n.y - n.height / 2).toBeGreaterThanOrEqual(-0.5);
    expect(n.x + n.width / 2).toBeLessThanOrEqual(layout.width + 0.5);
    expect(n.y + n.height / 2).toBeLessThanOrEqual(layout.height + 0.5);
  }
  for (const e of layout.edges) {
    expect(e.points.length).toBeGreaterThanOrEqual(2);
    for (const p of e.points) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  }
}

/** Nodes sharing a layer (same x in a left-to-right layout) must not overlap vertically. */
function expectNoOverlapInLayers(layout: GraphLayout) {
  const layers = new Map<number, (typeof layout.nodes)[number][]>();
  for (const n of layout.nodes) {
    const key = Math.round(n.x);
    layers.set(key, [...(layers.get(key) ?? []), n]);
  }
  for (const layer of layers.values()) {
    const sorted = [...layer].sort((a, b) => a.y - b.y);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1];
      const b = sorted[i];
      if (!a || !b) continue;
      expect(b.y - b.height / 2).toBeGreaterThanOrEqual(a.y + a.height / 2);
    }
  }
}

describe('layoutLayered', () => {
  it('puts callers left of callees for the HotROD services', () => {
    const layout = layoutLayered(HOTROD_NODES, HOTROD_LINKS);
    expectSane(layout, 6);
    const x = new Map(layout.nodes.map((n) => [n.id, n.x]));
    for (const l of HOTROD_LINKS) expect(x.get(l.from)).toBeLessThan(x.get(l.to) ?? -1);
    expectNoOverlapInLayers(layout);
  });

  it('is deterministic and independent of input order', () => {
    const a = layoutLayered(HOTROD_NODES, HOTROD_LINKS);
    const b = layoutLayered([...HOTROD_NODES].reverse(), [...HOTROD_LINKS].reverse());
    const pos = (l: GraphLayout) => Object.fromEntries(l.nodes.map((n) => [n.id, [n.x, n.y]]));
    expect(pos(b)).toEqual(pos(a));
  });

  it('drops self-loops, duplicate and dangling links, and survives cycles and an empty graph', () => {
    const layout = layoutLayered(
      [box('a'), box('b')],
      [
        { from: 'a', to: 'a' },
        { from: 'a', to: 'b' },
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
        { from: 'a', to: 'ghost' },
      ],
    );
    expectSane(layout, 2);
    expect(layout.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['a>b', 'b>a']);
    expect(layoutLayered([], []).nodes).toEqual([]);
  });

  it('lays out a 300-service, 1,500-edge mesh with finite, non-overlapping positions', () => {
    const { nodes, links } = tieredGraph(300, 1500);
    const layout = layoutLayered(nodes, links);
    expectSane(layout, 300);
    expect(layout.edges).toHaveLength(1500);
    expectNoOverlapInLayers(layout);
  }, 20_000);
});

describe('layoutForce', () => {
  it('gives finite positions, deterministically', () => {
    const a = layoutForce(HOTROD_NODES, HOTROD_LINKS);
    const b = layoutForce(HOTROD_NODES, HOTROD_LINKS);
    expectSane(a, 6);
    expect(b.nodes).toEqual(a.nodes);
  });

  it('keeps nodes mostly apart', () => {
    const layout = layoutForce(HOTROD_NODES, HOTROD_LINKS);
    for (let i = 0; i < layout.nodes.length; i++)
      for (let j = i + 1; j < layout.nodes.length; j++) {
        const a = layout.nodes[i];
        const b = layout.nodes[j];
        if (!a || !b) continue;
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(40);
      }
  });
});
