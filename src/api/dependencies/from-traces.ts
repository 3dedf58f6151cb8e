/**
 * A dependency graph from a sample of traces: the model's service graph over all of them
 * (edge = parent span's service → child span's service), with errors and p50/p95 per edge.
 */
import { serviceGraph } from '../../model/service-graph';
import { buildTree } from '../../model/tree';
import type { Trace } from '../../model/types';
import type { DependencyGraph } from './types';

export function graphFromTraces(traces: readonly Trace[]): DependencyGraph {
  const g = serviceGraph(traces.map((trace) => ({ trace, tree: buildTree(trace).tree })));
  let spans = 0;
  for (const t of traces) spans += t.spans.length;
  return {
    origin: 'traces',
    nodes: g.nodes.map((n) => ({ service: n.service, calls: n.spans, errors: n.errors })),
    edges: g.edges.map((e) => ({
      from: e.from,
      to: e.to,
      calls: e.calls,
      errors: e.errors,
      p50Us: e.p50Us,
      p95Us: e.p95Us,
    })),
    traces: traces.length,
    spans,
  };
}
