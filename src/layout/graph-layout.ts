/**
 * Node-link layouts for service and operation graphs, as pure functions.
 *
 * Coordinate space: "graph px", the unzoomed drawing space of the graph view. x grows to the
 * right, y downwards; a node's (x, y) is its centre and its box is width × height around it.
 * The layout's bounding box starts at (0, 0) and is `width` × `height` wide.
 *
 * - `layered`: dagre (Sugiyama), callers on the left, callees to the right. Large graphs
 *   switch to dagre's longest-path ranker and skip its optimal-order heuristic: network
 *   simplex on 300 services / 1,500 edges takes seconds, longest-path a few hundred ms.
 * - `force`: d3-force run to rest synchronously (a fixed number of ticks, so the result is
 *   deterministic: d3-force seeds its own random source).
 * Self-loops are left out of both (a node calling itself has nowhere to draw an arrow).
 */
import dagre from '@dagrejs/dagre';
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';

export type GraphLayoutKind = 'layered' | 'force';
export const GRAPH_LAYOUTS: readonly GraphLayoutKind[] = ['layered', 'force'];

export interface GraphNodeBox {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface GraphLink {
  readonly from: string;
  readonly to: string;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode extends GraphNodeBox {
  readonly x: number;
  readonly y: number;
}

export interface PlacedEdge extends GraphLink {
  /** From the edge of the caller's box to the edge of the callee's box (≥ 2 points). */
  readonly points: readonly Point[];
}

export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

/** Above this many nodes + edges the layered layout trades ordering quality for speed. */
export const LARGE_GRAPH = 400;
const MARGIN = 24;

export function layoutGraph(
  kind: GraphLayoutKind,
  nodes: readonly GraphNodeBox[],
  links: readonly GraphLink[],
): GraphLayout {
  return kind === 'force' ? layoutForce(nodes, links) : layoutLayered(nodes, links);
}

function usableLinks(nodes: readonly GraphNodeBox[], links: readonly GraphLink[]): GraphLink[] {
  const ids = new Set(nodes.map((n) => n.id));
  const seen = new Set<string>();
  const out: GraphLink[] = [];
  for (const l of links) {
    const key = `${l.from}\u0000${l.to}`;
    if (l.from === l.to || !ids.has(l.from) || !ids.has(l.to) || seen.has(key)) continue;
    seen.add(key);
    out.push(l);
  }
  // Edge order also steers dagre's ordering: sort so input order never changes the picture.
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
}

export function layoutLayered(nodes: readonly GraphNodeBox[], links: readonly GraphLink[]): GraphLayout {
  const edges = usableLinks(nodes, links);
  const large = nodes.length + edges.length > LARGE_GRAPH;
  const g = new dagre.graphlib.Graph<
    Record<string, unknown>,
    { width: number; height: number; x?: number; y?: number },
    { points?: Point[] }
  >();
  g.setGraph({
    rankdir: 'LR',
    nodesep: 14,
    ranksep: large ? 140 : 90,
    edgesep: 6,
    marginx: MARGIN,
    marginy: MARGIN,
    ranker: large ? 'longest-path' : 'network-simplex',
  });
  g.setDefaultEdgeLabel(() => ({}));
  // Insertion order decides dagre's initial order: sort by id so the same graph always looks the same.
  const sorted = [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const n of sorted) g.setNode(dagreId(n.id), { width: n.width, height: n.height });
  for (const e of edges) g.setEdge(dagreId(e.from), dagreId(e.to), {});
  dagre.layout(g, large ? { disableOptimalOrderHeuristic: true } : {});
  const placed: PlacedNode[] = nodes.map((n) => {
    const label = g.node(dagreId(n.id)) as { x?: number; y?: number } | undefined;
    return { ...n, x: finite(label?.x), y: finite(label?.y) };
  });
  const byId = new Map(placed.map((n) => [n.id, n]));
  const placedEdges: PlacedEdge[] = edges.map((e) => {
    const pts = (g.edge(dagreId(e.from), dagreId(e.to)) as { points?: Point[] } | undefined)?.points ?? [];
    const clean = pts.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => ({ x: p.x, y: p.y }));
    return { ...e, points: clean.length >= 2 ? clean : straight(byId.get(e.from), byId.get(e.to)) };
  });
  const graph = g.graph();
  const width = typeof graph.width === 'number' ? graph.width : boundsOf(placed).width;
  const height = typeof graph.height === 'number' ? graph.height : boundsOf(placed).height;
  return { nodes: placed, edges: placedEdges, width, height };
}

interface ForceNode extends SimulationNodeDatum {
  readonly id: string;
  readonly r: number;
}

export function layoutForce(nodes: readonly GraphNodeBox[], links: readonly GraphLink[]): GraphLayout {
  const edges = usableLinks(nodes, links);
  const simNodes: ForceNode[] = [...nodes]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((n) => ({ id: n.id, r: Math.hypot(n.width, n.height) / 2 + 8 }));
  const simLinks: SimulationLinkDatum<ForceNode>[] = edges.map((e) => ({ source: e.from, target: e.to }));
  const sim = forceSimulation(simNodes)
    .force(
      'link',
      forceLink<ForceNode, SimulationLinkDatum<ForceNode>>(simLinks)
        .id((d) => d.id)
        .distance(140)
        .strength(0.4),
    )
    .force('charge', forceManyBody<ForceNode>().strength(-500).distanceMax(900))
    .force('collide', forceCollide<ForceNode>((d) => d.r).iterations(2))
    .force('x', forceX<ForceNode>(0).strength(0.04))
    .force('y', forceY<ForceNode>(0).strength(0.06))
    .stop();
  const ticks = simNodes.length > 150 ? 200 : 300;
  for (let i = 0; i < ticks; i++) sim.tick();
  // Links and charge can leave big boxes (a namespace's) pressed into each other: finish with
  // collisions alone, so no two boxes overlap.
  sim.force('link', null).force('charge', null).force('x', null).force('y', null);
  sim.force('collide', forceCollide<ForceNode>((d) => d.r).iterations(4)).alpha(0.3);
  for (let i = 0; i < 60; i++) sim.tick();
  const pos = new Map(simNodes.map((n) => [n.id, { x: finite(n.x), y: finite(n.y) }]));
  let placed: PlacedNode[] = nodes.map((n) => ({ ...n, ...(pos.get(n.id) ?? { x: 0, y: 0 }) }));
  const b = boundsOf(placed);
  placed = placed.map((n) => ({ ...n, x: n.x - b.minX + MARGIN, y: n.y - b.minY + MARGIN }));
  const byId = new Map(placed.map((n) => [n.id, n]));
  return {
    nodes: placed,
    edges: edges.map((e) => ({ ...e, points: straight(byId.get(e.from), byId.get(e.to)) })),
    width: b.width + 2 * MARGIN,
    height: b.height + 2 * MARGIN,
  };
}

/**
 * graphlib keeps nodes and edges in plain objects keyed by id: a raw service name such as
 * "__proto__" or "constructor" would read or write Object.prototype and blank the page. A
 * prefix makes every id an ordinary key; ids leave the layout unprefixed.
 */
const dagreId = (id: string): string => `n:${id}`;

const finite = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : 0);

function boundsOf(nodes: readonly PlacedNode[]) {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.x - n.width / 2);
    maxX = Math.max(maxX, n.x + n.width / 2);
    minY = Math.min(minY, n.y - n.height / 2);
    maxY = Math.max(maxY, n.y + n.height / 2);
  }
  if (nodes.length === 0) return { minX: 0, minY: 0, width: 0, height: 0 };
  return { minX, minY, width: maxX - minX, height: maxY - minY };
}

/** Where the segment from a box's centre towards `toward` leaves the box. */
export function boxExit(box: PlacedNode, toward: Point): Point {
  const dx = toward.x - box.x;
  const dy = toward.y - box.y;
  if (dx === 0 && dy === 0) return { x: box.x, y: box.y };
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return { x: box.x + dx * s, y: box.y + dy * s };
}

function straight(a: PlacedNode | undefined, b: PlacedNode | undefined): Point[] {
  if (!a || !b)
    return [
      { x: 0, y: 0 },
      { x: 0, y: 0 },
    ];
  return [boxExit(a, b), boxExit(b, a)];
}
