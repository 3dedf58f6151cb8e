/**
 * What the service map draws, from the whole dependency graph and the page's choices (pure):
 * - weight: edges and nodes weighted by calls or by critical-path time (graphs built from traces);
 * - groups: services with a namespace (`service.namespace` / `k8s.namespace.name`) form groups;
 *   a collapsed group is one node, its edges merged (calls, errors and critical time summed);
 * - threshold: only edges whose weight reaches it are laid out and drawn (by default the one
 *   that leaves at most DEFAULT_MAX_EDGES, and about two per node); edges within the focused neighbourhood are drawn
 *   too, straight, so focusing never moves the picture;
 * - services left without a drawn edge are hidden on big maps (and counted), so the picture
 *   is not a column of loose boxes; the focused service is always drawn.
 */
import type { DependencyEdge, DependencyGraph, DependencyNode } from '../../api/dependencies/types';
import { neighbourhood } from '../../layout/graph-focus';

export type MapWeight = 'calls' | 'critical';
export const MAP_WEIGHTS: readonly MapWeight[] = ['calls', 'critical'];

/** At most about this many edges are drawn by default, and about EDGES_PER_NODE per node drawn. */
export const DEFAULT_MAX_EDGES = 150;
export const EDGES_PER_NODE = 2;
/** Above this many services loose services are hidden. */
export const BIG_MAP = 60;
/** Above this many services, or edges among them, the namespaces start collapsed. */
export const COLLAPSE_SERVICES = 20;
export const COLLAPSE_EDGES = 60;

export const GROUP_PREFIX = 'group:';
export const groupNodeId = (namespace: string) => `${GROUP_PREFIX}${namespace}`;

export interface MapNode extends DependencyNode {
  /** A collapsed group: its namespace and how many services it holds. */
  readonly group?: { readonly namespace: string; readonly services: number; readonly internalCalls: number };
}

export interface MapOptions {
  readonly weight: MapWeight;
  /** Namespaces drawn as one node; undefined: all of them on a busy map, none on a small one. */
  readonly collapsed: readonly string[] | undefined;
  /** Minimum edge weight drawn; undefined: the default threshold. */
  readonly threshold: number | undefined;
  readonly focus: string | undefined;
  readonly hops: number;
}

export interface ServiceMap {
  readonly nodes: readonly MapNode[];
  /** The edges at or above the threshold: laid out and drawn. */
  readonly edges: readonly DependencyEdge[];
  /** Edges below the threshold inside the focused neighbourhood: drawn straight, not laid out. */
  readonly focusEdges: readonly DependencyEdge[];
  /** Every edge at this grouping, before the threshold, heaviest first. */
  readonly allEdges: readonly DependencyEdge[];
  readonly threshold: number;
  readonly defaultThreshold: number;
  /** Namespaces present, sorted, with their member count. */
  readonly namespaces: readonly { readonly namespace: string; readonly services: number }[];
  readonly collapsed: ReadonlySet<string>;
  readonly hiddenServices: number;
  /** Focus resolved at this grouping (a service inside a collapsed group focuses the group). */
  readonly focus: string | undefined;
  readonly near: ReadonlyMap<string, number> | undefined;
  /** Largest node and edge weight, for scales. */
  readonly maxNodeWeight: number;
  readonly maxEdgeWeight: number;
}

export const canWeighByCritical = (g: DependencyGraph): boolean =>
  g.origin === 'traces' && g.nodes.some((n) => n.criticalUs !== undefined);

export const edgeWeight = (e: DependencyEdge, w: MapWeight): number =>
  w === 'critical' ? (e.criticalUs ?? 0) : e.calls;
export const nodeWeight = (n: DependencyNode, w: MapWeight): number =>
  w === 'critical' ? (n.criticalUs ?? 0) : n.calls;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The smallest weight such that at most `max` edges weigh at least it (the weights heaviest
 * first). 0 when all fit. Ties at the cut are left out, so the count never exceeds `max`
 * (unless every edge weighs the same, when it would show none: then they all show).
 */
export function thresholdFor(weightsDesc: readonly number[], max: number): number {
  if (weightsDesc.length <= max) return 0;
  const cut = weightsDesc[max] ?? 0; // the first edge left out
  const above = weightsDesc.findIndex((w) => w <= cut);
  if (above <= 0) return 0;
  return weightsDesc[above - 1] ?? 0;
}

export function namespacesOf(graph: DependencyGraph): { namespace: string; services: number }[] {
  const count = new Map<string, number>();
  for (const n of graph.nodes) if (n.namespace !== undefined) count.set(n.namespace, (count.get(n.namespace) ?? 0) + 1);
  return [...count.entries()]
    .map(([namespace, services]) => ({ namespace, services }))
    .sort((a, b) => cmp(a.namespace, b.namespace));
}

export function buildServiceMap(graph: DependencyGraph, o: MapOptions): ServiceMap {
  const namespaces = namespacesOf(graph);
  const big = graph.nodes.length > BIG_MAP;
  const known = new Set(namespaces.map((n) => n.namespace));
  const busy = graph.nodes.length > COLLAPSE_SERVICES || graph.edges.length > COLLAPSE_EDGES;
  const collapsed = new Set(
    (o.collapsed ?? (busy ? namespaces.map((n) => n.namespace) : [])).filter((ns) => known.has(ns)),
  );
  // Where each service is drawn: itself, or its collapsed group.
  const drawnAs = new Map<string, string>();
  const groups = new Map<
    string,
    { calls: number; errors: number | undefined; criticalUs: number | undefined; services: number; internal: number }
  >();
  const nodes: MapNode[] = [];
  for (const n of graph.nodes) {
    if (n.namespace !== undefined && collapsed.has(n.namespace)) {
      const id = groupNodeId(n.namespace);
      drawnAs.set(n.service, id);
      const g = groups.get(id) ?? { calls: 0, errors: undefined, criticalUs: undefined, services: 0, internal: 0 };
      g.calls += n.calls;
      if (n.errors !== undefined) g.errors = (g.errors ?? 0) + n.errors;
      if (n.criticalUs !== undefined) g.criticalUs = (g.criticalUs ?? 0) + n.criticalUs;
      g.services++;
      groups.set(id, g);
    } else {
      drawnAs.set(n.service, n.service);
      nodes.push(n);
    }
  }
  const merged = new Map<
    string,
    {
      from: string;
      to: string;
      calls: number;
      errors: number | undefined;
      criticalUs: number | undefined;
      parts: number;
      p50Us: number | undefined;
      p95Us: number | undefined;
    }
  >();
  for (const e of graph.edges) {
    const from = drawnAs.get(e.from) ?? e.from;
    const to = drawnAs.get(e.to) ?? e.to;
    if (from === to) {
      const g = groups.get(from);
      if (g) g.internal += e.calls;
      continue;
    }
    const key = `${from}\u0000${to}`;
    const m = merged.get(key);
    if (!m) {
      merged.set(key, {
        from,
        to,
        calls: e.calls,
        errors: e.errors,
        criticalUs: e.criticalUs,
        parts: 1,
        p50Us: e.p50Us,
        p95Us: e.p95Us,
      });
      continue;
    }
    m.calls += e.calls;
    m.errors = m.errors === undefined || e.errors === undefined ? (m.errors ?? e.errors) : m.errors + e.errors;
    if (e.criticalUs !== undefined) m.criticalUs = (m.criticalUs ?? 0) + e.criticalUs;
    m.parts++;
    m.p50Us = undefined; // percentiles of merged edges cannot be added up
    m.p95Us = undefined;
  }
  for (const [id, g] of groups) {
    const namespace = id.slice(GROUP_PREFIX.length);
    nodes.push({
      service: id,
      calls: g.calls,
      errors: g.errors,
      ...(g.criticalUs !== undefined ? { criticalUs: g.criticalUs } : {}),
      namespace,
      group: { namespace, services: g.services, internalCalls: g.internal },
    });
  }
  nodes.sort((a, b) => cmp(a.service, b.service));
  const allEdges: DependencyEdge[] = [...merged.values()]
    .map(({ parts: _parts, ...e }) => e)
    .sort((a, b) => edgeWeight(b, o.weight) - edgeWeight(a, o.weight) || cmp(a.from, b.from) || cmp(a.to, b.to));
  const defaultThreshold = thresholdFor(
    allEdges.map((e) => edgeWeight(e, o.weight)),
    Math.min(DEFAULT_MAX_EDGES, Math.max(20, EDGES_PER_NODE * nodes.length)),
  );
  const threshold = o.threshold ?? defaultThreshold;
  const focus =
    o.focus !== undefined
      ? (drawnAs.get(o.focus) ?? (nodes.some((n) => n.service === o.focus) ? o.focus : undefined))
      : undefined;
  const near = focus !== undefined ? neighbourhood(allEdges, focus, o.hops) : undefined;
  const edges: DependencyEdge[] = [];
  const focusEdges: DependencyEdge[] = [];
  for (const e of allEdges) {
    if (edgeWeight(e, o.weight) >= threshold) edges.push(e);
    else if (near !== undefined && near.has(e.from) && near.has(e.to)) focusEdges.push(e);
  }
  let shown = nodes;
  let hiddenServices = 0;
  if (big && edges.length < allEdges.length) {
    const touched = new Set<string>();
    for (const e of edges) {
      touched.add(e.from);
      touched.add(e.to);
    }
    shown = nodes.filter((n) => touched.has(n.service) || n.service === focus || n.group !== undefined);
    hiddenServices = nodes.length - shown.length;
  }
  let maxNodeWeight = 0;
  for (const n of shown) maxNodeWeight = Math.max(maxNodeWeight, nodeWeight(n, o.weight));
  let maxEdgeWeight = 0;
  for (const e of allEdges) maxEdgeWeight = Math.max(maxEdgeWeight, edgeWeight(e, o.weight));
  const drawn = new Set(shown.map((n) => n.service));
  return {
    nodes: shown,
    edges,
    focusEdges: focusEdges.filter((e) => drawn.has(e.from) && drawn.has(e.to)),
    allEdges,
    threshold,
    defaultThreshold,
    namespaces,
    collapsed,
    hiddenServices,
    focus,
    near,
    maxNodeWeight,
    maxEdgeWeight,
  };
}
