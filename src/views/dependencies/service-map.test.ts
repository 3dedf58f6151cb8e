import { describe, expect, it } from 'vitest';
import type { DependencyEdge, DependencyGraph, DependencyNode } from '../../api/dependencies/types';
import {
  buildServiceMap,
  DEFAULT_MAX_EDGES,
  edgeWeight,
  groupNodeId,
  thresholdFor,
  type MapOptions,
} from './service-map';

const OPTS: MapOptions = { weight: 'critical', collapsed: undefined, threshold: undefined, focus: undefined, hops: 1 };

const edge = (from: string, to: string, calls: number, criticalUs: number, errors = 0): DependencyEdge => ({
  from,
  to,
  calls,
  errors,
  p50Us: 10,
  p95Us: 20,
  criticalUs,
});
const node = (service: string, namespace?: string, calls = 10, criticalUs = 100): DependencyNode => ({
  service,
  calls,
  errors: 0,
  criticalUs,
  ...(namespace !== undefined ? { namespace } : {}),
});
const graph = (nodes: DependencyNode[], edges: DependencyEdge[]): DependencyGraph => ({
  origin: 'traces',
  nodes,
  edges,
  traces: 1,
  spans: 1,
  totalUs: 1000,
});

/** A 300-service, 1,500-edge mesh in 12 namespaces, with its own little random source. */
function mesh(namespaces: number): DependencyGraph {
  let seed = 11;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const name = (i: number) => `s${String(i).padStart(3, '0')}`;
  const nodes = Array.from({ length: 300 }, (_, i) =>
    node(name(i), namespaces > 0 ? `ns${Math.floor((i * namespaces) / 300)}` : undefined, 1 + i, 1000 + i),
  );
  const seen = new Set<string>();
  const edges: DependencyEdge[] = [];
  while (edges.length < 1500) {
    const a = Math.floor(rnd() * 300);
    const b = Math.floor(rnd() * 300);
    if (a === b || seen.has(`${a}-${b}`)) continue;
    seen.add(`${a}-${b}`);
    edges.push(edge(name(a), name(b), 1 + Math.floor(rnd() * 1000), Math.floor(rnd() * 1e6)));
  }
  return graph(nodes, edges);
}

describe('thresholdFor', () => {
  it('keeps at most `max` edges, leaving ties at the cut out', () => {
    expect(thresholdFor([9, 8, 7], 5)).toBe(0);
    expect(thresholdFor([9, 8, 7, 6], 2)).toBe(8);
    expect(thresholdFor([9, 8, 8, 8, 6], 2)).toBe(9);
    // All equal: nothing can be cut fairly, so all stay.
    expect(thresholdFor([5, 5, 5], 1)).toBe(0);
  });
});

describe('buildServiceMap', () => {
  it('draws at most 150 edges of 1,500 by default, the heaviest by critical time, and hides loose services', () => {
    const g = mesh(0);
    const m = buildServiceMap(g, OPTS);
    expect(m.allEdges).toHaveLength(1500);
    expect(m.edges.length).toBeGreaterThan(100);
    expect(m.edges.length).toBeLessThanOrEqual(DEFAULT_MAX_EDGES);
    const lightestDrawn = Math.min(...m.edges.map((e) => edgeWeight(e, 'critical')));
    const heaviestLeftOut = Math.max(
      ...m.allEdges.filter((e) => !m.edges.includes(e)).map((e) => edgeWeight(e, 'critical')),
    );
    expect(lightestDrawn).toBeGreaterThan(heaviestLeftOut);
    const touched = new Set(m.edges.flatMap((e) => [e.from, e.to]));
    expect(m.nodes.every((n) => touched.has(n.service))).toBe(true);
    expect(m.nodes.length + m.hiddenServices).toBe(300);
  });

  it('weighs by calls when asked, and honours a threshold from the URL', () => {
    const g = mesh(0);
    const m = buildServiceMap(g, { ...OPTS, weight: 'calls', threshold: 900 });
    expect(m.edges.length).toBe(g.edges.filter((e) => e.calls >= 900).length);
    expect(m.edges.every((e) => e.calls >= 900)).toBe(true);
  });

  it('collapses namespaces into one node each on a busy map, summing what it merges', () => {
    const m = buildServiceMap(mesh(12), { ...OPTS, threshold: 0 });
    expect(m.namespaces).toHaveLength(12);
    expect(m.nodes).toHaveLength(12);
    const g0 = m.nodes.find((n) => n.service === groupNodeId('ns0'));
    expect(g0?.group?.services).toBe(25);
    // Calls from ns0 to ns1: every edge of the mesh between their members, added up.
    const g = mesh(12);
    const nsOf = new Map(g.nodes.map((n) => [n.service, n.namespace]));
    const between = g.edges.filter((e) => nsOf.get(e.from) === 'ns0' && nsOf.get(e.to) === 'ns1');
    const merged = m.allEdges.find((e) => e.from === groupNodeId('ns0') && e.to === groupNodeId('ns1'));
    expect(merged?.calls).toBe(between.reduce((s, e) => s + e.calls, 0));
    expect(merged?.criticalUs).toBe(between.reduce((s, e) => s + (e.criticalUs ?? 0), 0));
    expect(merged?.p95Us).toBeUndefined();
    expect(m.allEdges.some((e) => e.from === e.to)).toBe(false);
  });

  it('expands the namespaces the URL leaves open, and focuses a collapsed service’s group', () => {
    const g = mesh(12);
    const m = buildServiceMap(g, { ...OPTS, collapsed: ['ns1', 'ns2'], threshold: 0, focus: 's000' });
    expect(m.nodes.filter((n) => n.group).map((n) => n.service)).toEqual([groupNodeId('ns1'), groupNodeId('ns2')]);
    expect(m.focus).toBe('s000');
    const inside = buildServiceMap(g, { ...OPTS, collapsed: ['ns0'], focus: 's000' });
    expect(inside.focus).toBe(groupNodeId('ns0'));
  });

  it('starts small maps expanded, and draws the focused neighbourhood’s light edges aside from the layout', () => {
    const g = graph(
      [node('a', 'x'), node('b', 'x'), node('c'), node('d')],
      [edge('a', 'b', 5, 500), edge('b', 'c', 5, 400), edge('c', 'd', 5, 1)],
    );
    const plain = buildServiceMap(g, { ...OPTS, threshold: 100 });
    expect(plain.collapsed.size).toBe(0);
    expect(plain.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['a>b', 'b>c']);
    const focused = buildServiceMap(g, { ...OPTS, threshold: 100, focus: 'd' });
    expect(focused.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['a>b', 'b>c']);
    expect(focused.focusEdges.map((e) => `${e.from}>${e.to}`)).toEqual(['c>d']);
    expect([...(focused.near?.keys() ?? [])].sort()).toEqual(['c', 'd']);
  });
});
