/**
 * The in-page half of the graph benchmark (bench/graph.mjs): a synthetic service mesh
 * (tiers of services calling into the next one or two tiers), laid out and drawn by the
 * dependency page's own graph component. render() times layout + React commit + the first
 * painted frame; layoutOnly() times the layout function alone.
 */
import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { DependencyGraph } from '../src/api/dependencies/types';
import { layoutGraph, type GraphLayoutKind } from '../src/layout/graph-layout';
import { DependencyGraphView } from '../src/views/dependencies/DependencyGraphView';

export function meshGraph(services: number, edges: number, tiers = 8): DependencyGraph {
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
    list.push({ from: name(a), to: name(b), calls, errors: Math.floor(calls * rnd() * 0.1), p50Us: 1000, p95Us: 9000 });
  }
  const nodes = Array.from({ length: services }, (_, i) => ({
    service: name(i),
    calls: 1 + Math.floor(rnd() * 20000),
    errors: Math.floor(rnd() * 100),
  }));
  return { origin: 'traces', nodes, edges: list, traces: 1000, spans: 50000 };
}

let root: Root | undefined;
const frame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));

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
  async render(services: number, edges: number, kind: GraphLayoutKind) {
    const el = document.getElementById('graph');
    if (!el) throw new Error('no #graph');
    root?.unmount();
    root = createRoot(el);
    const g = meshGraph(services, edges);
    await frame();
    const t0 = performance.now();
    flushSync(() =>
      root?.render(
        createElement(DependencyGraphView, {
          graph: g,
          layoutKind: kind,
          focus: undefined,
          hops: 1,
          onFocus: () => undefined,
        }),
      ),
    );
    const committed = performance.now();
    await frame();
    const painted = await frame(); // the frame after the first paint with the graph in it
    return {
      commitMs: committed - t0,
      totalMs: painted - t0,
      nodes: el.querySelectorAll('[data-testid="graph-node"]').length,
      edges: el.querySelectorAll('[data-testid="graph-edge"]').length,
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
