/**
 * The in-page half of the graph benchmark (bench/graph.mjs): a synthetic service mesh
 * (tiers of services calling into the next one or two tiers, in 12 namespaces when asked),
 * turned into the dependency page's service map (weighted by critical-path time, default edge
 * threshold) and drawn by its own component, laid out in the worker when big. render() times
 * map + layout + React commit until the first painted frame with the nodes in it, and the
 * longest main-thread task meanwhile; layoutOnly() times the layout of every edge, in place.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { DependencyGraph } from '../src/api/dependencies/types';
import { layoutGraph, type GraphLayoutKind } from '../src/layout/graph-layout';
import { DependencyGraphView } from '../src/views/dependencies/DependencyGraphView';
import { buildServiceMap } from '../src/views/dependencies/service-map';

export function meshGraph(services: number, edges: number, namespaces = 0, tiers = 8): DependencyGraph {
  let seed = 7;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const name = (i: number) => `service-${String(i).padStart(3, '0')}`;
  const tier = (i: number) => Math.floor((i * tiers) / services);
  const seen = new Set<string>();
  const list: DependencyGraph['edges'][number][] = [];
  while (list.length < edges) {
    const a = Math.floor(rnd() * services);
    const ta = tier(a);
    if (ta === tiers - 1) continue;
    const tb = Math.min(tiers - 1, ta + 1 + (rnd() < 0.2 ? 1 : 0));
    const lo = Math.floor((tb * services) / tiers);
    const hi = Math.floor(((tb + 1) * services) / tiers);
    const b = lo + Math.floor(rnd() * (hi - lo));
    if (a === b || seen.has(`${a}-${b}`)) continue;
    seen.add(`${a}-${b}`);
    const calls = 1 + Math.floor(rnd() * 5000);
    list.push({
      from: name(a),
      to: name(b),
      calls,
      errors: Math.floor(calls * rnd() * 0.1),
      p50Us: 1000,
      p95Us: 9000,
      criticalUs: Math.floor(rnd() * rnd() * 5e7),
    });
  }
  const nodes = Array.from({ length: services }, (_, i) => ({
    service: name(i),
    calls: 1 + Math.floor(rnd() * 20000),
    errors: Math.floor(rnd() * 100),
    criticalUs: Math.floor(rnd() * rnd() * 5e7),
    // Neighbouring services share a namespace, as teams own a slice of the mesh.
    ...(namespaces > 0
      ? { namespace: `team-${String(Math.floor((i * namespaces) / services)).padStart(2, '0')}` }
      : {}),
  }));
  return { origin: 'traces', nodes, edges: list, traces: 1000, spans: 50000, totalUs: 1e9 };
}

let root: Root | undefined;
const frame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));

export interface RenderOptions {
  /** Namespaces in the mesh (0: none). */
  readonly namespaces?: number;
  /** Namespaces drawn as one node: undefined for the page's default. */
  readonly collapsed?: readonly string[];
}

const bench = {
  layoutOnly(services: number, edges: number, kind: GraphLayoutKind) {
    const g = meshGraph(services, edges);
    const t0 = performance.now();
    layoutGraph(
      kind,
      g.nodes.map((n) => ({ id: n.service, width: 150, height: 40 })),
      g.edges,
    );
    return performance.now() - t0;
  },
  async render(services: number, edges: number, kind: GraphLayoutKind, options: RenderOptions = {}) {
    const el = document.getElementById('graph');
    if (!el) throw new Error('no #graph');
    root?.unmount();
    root = createRoot(el);
    const g = meshGraph(services, edges, options.namespaces ?? 0);
    await frame();
    let longestTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    const t0 = performance.now();
    const map = buildServiceMap(g, {
      weight: 'critical',
      collapsed: options.collapsed,
      threshold: undefined,
      focus: undefined,
      hops: 1,
    });
    flushSync(() =>
      root?.render(
        createElement(DependencyGraphView, {
          graph: g,
          map,
          weight: 'critical',
          layoutKind: kind,
          onFocus: () => undefined,
          onToggleGroup: () => undefined,
        }),
      ),
    );
    const committed = performance.now();
    // Big maps are laid out in the worker: wait (frame by frame) until the nodes are in the DOM.
    const deadline = t0 + 20_000;
    while (el.querySelectorAll('[data-testid="graph-node"]').length === 0) {
      if (performance.now() > deadline) throw new Error('the map was not drawn within 20 s');
      await frame();
    }
    await frame();
    const painted = await frame(); // the frame after the first paint with the graph in it
    observer.disconnect();
    return {
      commitMs: committed - t0,
      totalMs: painted - t0,
      longestTaskMs,
      nodes: el.querySelectorAll('[data-testid="graph-node"]').length,
      edges: el.querySelectorAll('[data-testid="graph-edge"]').length,
      mapNodes: map.nodes.length,
      mapEdges: map.edges.length,
      groups: el.querySelectorAll('[data-testid="graph-group"]').length,
    };
  },
};

declare global {
  interface Window {
    pathlightGraphBench?: typeof bench;
  }
}
window.pathlightGraphBench = bench;
const status = document.getElementById('status');
if (status) status.textContent = 'ready';
