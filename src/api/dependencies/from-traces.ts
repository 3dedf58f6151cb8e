/**
 * A dependency graph from a sample of traces: the model's service graph over all of them
 * (edge = parent span's service → child span's service), with errors and p50/p95 per edge,
 * and where the requests waited: critical-path time per service (owned by its spans) and per
 * edge (spent under the callee spans of the edge), summed over the traces. A service's
 * namespace comes from its resource (`service.namespace`, else `k8s.namespace.name`).
 */
import { criticalPath, criticalUsPerSpan } from '../../model/critical-path';
import { serviceGraph } from '../../model/service-graph';
import { buildTree } from '../../model/tree';
import type { TraceTree } from '../../model/analysis-types';
import type { Attribute, Trace } from '../../model/types';
import type { DependencyGraph } from './types';

export const NAMESPACE_KEYS = ['service.namespace', 'k8s.namespace.name'] as const;

/** The namespace a resource names, or undefined. */
export function namespaceOf(resource: readonly Attribute[]): string | undefined {
  for (const key of NAMESPACE_KEYS)
    for (const a of resource)
      if (a.key === key && typeof a.value === 'string' && a.value.trim() !== '') return a.value.trim();
  return undefined;
}

interface Critical {
  readonly nodeUs: Map<string, number>;
  readonly edgeUs: Map<string, number>;
}

/** Adds one trace's critical-path time per service and per service edge to `acc`. */
function addCritical(trace: Trace, tree: TraceTree, acc: Critical): void {
  const { spans } = trace;
  const n = spans.length;
  const owned = criticalUsPerSpan(n, criticalPath(trace, tree));
  // Critical µs of each span's subtree, children first (reverse pre-order): iterative.
  const subtree = Float64Array.from(owned);
  for (let k = tree.preorder.length - 1; k >= 0; k--) {
    const i = tree.preorder[k] ?? -1;
    const p = tree.parent[i] ?? -1;
    if (p >= 0) subtree[p] = (subtree[p] ?? 0) + (subtree[i] ?? 0);
  }
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    if (!span) continue;
    const own = owned[i] ?? 0;
    if (own > 0) acc.nodeUs.set(span.service, (acc.nodeUs.get(span.service) ?? 0) + own);
    const parent = spans[tree.parent[i] ?? -1];
    const under = subtree[i] ?? 0;
    if (!parent || parent.service === span.service || under <= 0) continue;
    const key = `${parent.service}\u0000${span.service}`;
    acc.edgeUs.set(key, (acc.edgeUs.get(key) ?? 0) + under);
  }
}

interface Acc {
  readonly inputs: { trace: Trace; tree: TraceTree }[];
  readonly critical: Critical;
  readonly namespaces: Map<string, string>;
  spans: number;
  totalUs: number;
}

const newAcc = (): Acc => ({
  inputs: [],
  critical: { nodeUs: new Map(), edgeUs: new Map() },
  namespaces: new Map(),
  spans: 0,
  totalUs: 0,
});

function addTrace(acc: Acc, trace: Trace): void {
  const tree = buildTree(trace).tree;
  acc.inputs.push({ trace, tree });
  acc.spans += trace.spans.length;
  acc.totalUs += trace.durationUs;
  addCritical(trace, tree, acc.critical);
  let lastResource: readonly Attribute[] | undefined;
  for (const s of trace.spans) {
    if (s.resource === lastResource || acc.namespaces.has(s.service)) continue;
    lastResource = s.resource;
    const ns = namespaceOf(s.resource);
    if (ns !== undefined) acc.namespaces.set(s.service, ns);
  }
}

function finish(acc: Acc): DependencyGraph {
  const g = serviceGraph(acc.inputs);
  const { critical, namespaces } = acc;
  return {
    origin: 'traces',
    nodes: g.nodes.map((n) => {
      const ns = namespaces.get(n.service);
      return {
        service: n.service,
        calls: n.spans,
        errors: n.errors,
        criticalUs: Math.round(critical.nodeUs.get(n.service) ?? 0),
        ...(ns !== undefined ? { namespace: ns } : {}),
      };
    }),
    edges: g.edges.map((e) => ({
      from: e.from,
      to: e.to,
      calls: e.calls,
      errors: e.errors,
      p50Us: e.p50Us,
      p95Us: e.p95Us,
      criticalUs: Math.round(critical.edgeUs.get(`${e.from}\u0000${e.to}`) ?? 0),
    })),
    traces: acc.inputs.length,
    spans: acc.spans,
    totalUs: acc.totalUs,
  };
}

export function graphFromTraces(traces: readonly Trace[]): DependencyGraph {
  const acc = newAcc();
  for (const t of traces) addTrace(acc, t);
  return finish(acc);
}

/**
 * The same graph, built in slices of about `sliceMs` with the page given the thread back in
 * between, so a big sample (hundreds of traces, tens of thousands of spans) never blocks the
 * page for long. The signal stops it between slices.
 */
export async function graphFromTracesInSlices(
  traces: readonly Trace[],
  signal?: AbortSignal,
  sliceMs = 40,
): Promise<DependencyGraph> {
  const acc = newAcc();
  let sliceStart = performance.now();
  for (const t of traces) {
    addTrace(acc, t);
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  return finish(acc);
}
