/**
 * The graph of one trace, by service or by operation: who called whom inside this request,
 * each node's self time and share of the critical path, and which edges the critical path
 * runs along. Pure and iterative (traces can be 100k spans deep): one pass over the spans,
 * one backward pass over the pre-order to mark the ancestors of critical spans.
 *
 * An edge joins a parent span's node to its child's node when they differ. It is critical
 * when the child lies on the critical path: the child owns critical time, or one of its
 * descendants does (the walk went through it).
 *
 * Big traces can have thousands of operations, more than a layered layout can place quickly
 * or a person can read. With `maxNodes`, only the nodes holding the most critical-path time
 * (then self time, then spans) are kept, and a kept span's edge comes from its nearest kept
 * ancestor, so the graph stays connected; such an edge is `indirect` (it passes hidden nodes).
 * With `maxEdges`, the critical edges are kept first, then the busiest.
 */
import type { CoreAnalysis } from '../model/analysis-types';
import type { Trace } from '../model/types';

export type TraceGraphLevel = 'service' | 'operation';
export const TRACE_GRAPH_LEVELS: readonly TraceGraphLevel[] = ['service', 'operation'];

export interface TraceGraphNode {
  readonly id: string;
  readonly service: string;
  /** The operation name at operation level. */
  readonly operation: string | undefined;
  readonly spans: number;
  readonly errors: number;
  readonly selfUs: number;
  readonly criticalUs: number;
  /** criticalUs as a share of the trace duration, 0..1. */
  readonly criticalShare: number;
  readonly onCriticalPath: boolean;
  /** The span to select when the node is clicked: most critical time, then most self time. */
  readonly representativeSpan: number;
}

export interface TraceGraphEdge {
  readonly from: string;
  readonly to: string;
  readonly calls: number;
  readonly errors: number;
  readonly critical: boolean;
  /** Critical-path µs spent under the callee spans of this edge (their subtrees), and as a share of the trace. */
  readonly criticalUs: number;
  readonly criticalShare: number;
  /** The calls pass through nodes left out by maxNodes. */
  readonly indirect: boolean;
}

export interface TraceGraph {
  readonly nodes: readonly TraceGraphNode[];
  readonly edges: readonly TraceGraphEdge[];
  /** Nodes of the whole trace at this level, and edges left out by maxEdges. */
  readonly totalNodes: number;
  readonly hiddenEdges: number;
}

export interface TraceGraphLimits {
  readonly maxNodes?: number;
  readonly maxEdges?: number;
}

/** What the graph view draws at most: more makes the layered layout slow and the picture unreadable. */
export const TRACE_GRAPH_LIMITS: Required<TraceGraphLimits> = { maxNodes: 30, maxEdges: 60 };

export const operationNodeId = (service: string, operation: string) => `${service}::${operation}`;

interface NodeAcc {
  id: string;
  service: string;
  operation: string | undefined;
  spans: number;
  errors: number;
  selfUs: number;
  criticalUs: number;
  onPath: boolean;
  best: number;
}

export function traceGraph(
  trace: Trace,
  analysis: CoreAnalysis,
  level: TraceGraphLevel,
  limits: TraceGraphLimits = {},
): TraceGraph {
  const { spans } = trace;
  const { tree, criticalUs, selfTimeUs } = analysis;
  const n = spans.length;
  // Spans the critical path runs through: owners of critical time and all their ancestors.
  const onPath = new Uint8Array(n);
  for (let i = 0; i < n; i++) if ((criticalUs[i] ?? 0) > 0) onPath[i] = 1;
  // Critical µs of each span's subtree, summed children-first (reverse pre-order).
  const subtreeCritical = Float64Array.from(criticalUs.subarray(0, n));
  for (let k = tree.preorder.length - 1; k >= 0; k--) {
    const i = tree.preorder[k] ?? -1;
    const p = tree.parent[i] ?? -1;
    if (p < 0) continue;
    if (onPath[i] === 1) onPath[p] = 1;
    subtreeCritical[p] = (subtreeCritical[p] ?? 0) + (subtreeCritical[i] ?? 0);
  }
  const nodeOf: string[] = new Array<string>(n);
  const nodes = new Map<string, NodeAcc>();
  const rank = (i: number) => [criticalUs[i] ?? 0, selfTimeUs[i] ?? 0] as const;
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    if (!span) continue;
    const id = level === 'service' ? span.service : operationNodeId(span.service, span.name);
    nodeOf[i] = id;
    let acc = nodes.get(id);
    if (!acc) {
      acc = {
        id,
        service: span.service,
        operation: level === 'operation' ? span.name : undefined,
        spans: 0,
        errors: 0,
        selfUs: 0,
        criticalUs: 0,
        onPath: false,
        best: i,
      };
      nodes.set(id, acc);
    }
    acc.spans++;
    if (span.status.code === 'error') acc.errors++;
    acc.selfUs += selfTimeUs[i] ?? 0;
    acc.criticalUs += criticalUs[i] ?? 0;
    if (onPath[i] === 1) acc.onPath = true;
    const [c, s] = rank(i);
    const [bc, bs] = rank(acc.best);
    if (c > bc || (c === bc && s > bs)) acc.best = i;
  }
  const kept = keptNodes(
    nodes,
    tree.roots.map((r) => nodeOf[r]),
    limits.maxNodes ?? Infinity,
  );
  const edges = new Map<
    string,
    {
      from: string;
      to: string;
      calls: number;
      errors: number;
      critical: boolean;
      criticalUs: number;
      indirect: boolean;
    }
  >();
  // up[i]: the node of span i when kept, else that of its nearest kept ancestor (pre-order: parents first).
  const up: (string | undefined)[] = new Array<string | undefined>(n);
  for (let k = 0; k < tree.preorder.length; k++) {
    const i = tree.preorder[k] ?? -1;
    const span = spans[i];
    const own = nodeOf[i];
    if (!span || own === undefined) continue;
    const p = tree.parent[i] ?? -1;
    const above = p >= 0 ? up[p] : undefined;
    const isKept = kept === undefined || kept.has(own);
    up[i] = isKept ? own : above;
    if (!isKept || above === undefined || above === own) continue;
    const key = `${above}\u0000${own}`;
    let e = edges.get(key);
    if (!e) {
      e = { from: above, to: own, calls: 0, errors: 0, critical: false, criticalUs: 0, indirect: false };
      edges.set(key, e);
    }
    e.calls++;
    if (span.status.code === 'error') e.errors++;
    if (onPath[i] === 1) e.critical = true;
    if (nodeOf[p] !== above) e.indirect = true;
    e.criticalUs += subtreeCritical[i] ?? 0;
  }
  const duration = trace.durationUs > 0 ? trace.durationUs : 1;
  const nodeList: TraceGraphNode[] = [...nodes.values()]
    .filter((a) => kept === undefined || kept.has(a.id))
    .map((a) => ({
      id: a.id,
      service: a.service,
      operation: a.operation,
      spans: a.spans,
      errors: a.errors,
      selfUs: a.selfUs,
      criticalUs: a.criticalUs,
      criticalShare: Math.min(1, a.criticalUs / duration),
      onCriticalPath: a.onPath,
      representativeSpan: a.best,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const maxEdges = limits.maxEdges ?? Infinity;
  let edgeList = [...edges.values()];
  const hiddenEdges = Math.max(0, edgeList.length - maxEdges);
  if (hiddenEdges > 0)
    edgeList = edgeList
      .sort((a, b) => Number(b.critical) - Number(a.critical) || b.criticalUs - a.criticalUs || b.calls - a.calls)
      .slice(0, maxEdges);
  const edgeOut = edgeList
    .map((e) => ({ ...e, criticalShare: Math.min(1, e.criticalUs / duration) }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return { nodes: nodeList, edges: edgeOut, totalNodes: nodes.size, hiddenEdges };
}

/**
 * The ids to keep when there are more than maxNodes (undefined: keep all): the nodes of the
 * roots, then by critical-path time, self time and span count.
 */
function keptNodes(
  nodes: ReadonlyMap<string, NodeAcc>,
  rootNodes: readonly (string | undefined)[],
  maxNodes: number,
): Set<string> | undefined {
  if (nodes.size <= maxNodes) return undefined;
  const kept = new Set<string>();
  for (const id of rootNodes) if (id !== undefined && kept.size < maxNodes) kept.add(id);
  const ranked = [...nodes.values()].sort(
    (a, b) => b.criticalUs - a.criticalUs || b.selfUs - a.selfUs || b.spans - a.spans || (a.id < b.id ? -1 : 1),
  );
  for (const a of ranked) {
    if (kept.size >= maxNodes) break;
    kept.add(a.id);
  }
  return kept;
}
