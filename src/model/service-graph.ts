/**
 * Service dependency graph of one trace or many: an edge from the parent span's service to
 * the child's service whenever they differ, with call and error counts and the child span
 * durations (µs) with nearest-rank p50 / p95. Nodes count every span of a service.
 * Output is sorted by name (edges by from, then to) so it is deterministic.
 */
import type { ServiceEdge, ServiceGraph, ServiceNode, TraceTree } from './analysis-types';
import type { Trace } from './types';

/** Nearest-rank percentile of an ascending array (p in 0..1); 0 for an empty array. */
export function nearestRank(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sortedAsc.length));
  return sortedAsc[Math.min(rank, sortedAsc.length) - 1] ?? 0;
}

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function serviceGraph(inputs: ReadonlyArray<{ trace: Trace; tree: TraceTree }>): ServiceGraph {
  const nodes = new Map<string, { spans: number; errors: number }>();
  const edges = new Map<string, { from: string; to: string; calls: number; errors: number; durationsUs: number[] }>();
  for (const { trace, tree } of inputs) {
    const spans = trace.spans;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      if (span === undefined) continue;
      const failed = span.status.code === 'error';
      const node = nodes.get(span.service);
      if (node === undefined) nodes.set(span.service, { spans: 1, errors: failed ? 1 : 0 });
      else {
        node.spans++;
        if (failed) node.errors++;
      }
      const parent = spans[tree.parent[i] ?? -1];
      if (parent === undefined || parent.service === span.service) continue;
      const key = `${parent.service}\u0000${span.service}`;
      let edge = edges.get(key);
      if (edge === undefined) {
        edge = { from: parent.service, to: span.service, calls: 0, errors: 0, durationsUs: [] };
        edges.set(key, edge);
      }
      edge.calls++;
      if (failed) edge.errors++;
      edge.durationsUs.push(span.durationUs);
    }
  }
  const nodeList: ServiceNode[] = [...nodes.entries()]
    .map(([service, c]) => ({ service, spans: c.spans, errors: c.errors }))
    .sort((a, b) => cmpStr(a.service, b.service));
  const edgeList: ServiceEdge[] = [...edges.values()]
    .map((e) => {
      const durationsUs = e.durationsUs.sort((a, b) => a - b);
      return { ...e, durationsUs, p50Us: nearestRank(durationsUs, 0.5), p95Us: nearestRank(durationsUs, 0.95) };
    })
    .sort((a, b) => cmpStr(a.from, b.from) || cmpStr(a.to, b.to));
  return { nodes: nodeList, edges: edgeList };
}
