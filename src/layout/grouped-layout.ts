/**
 * A two-level layout for graphs whose nodes belong to groups (services in namespaces): each
 * group's members are laid out on their own (layered, with the edges inside the group), the
 * group becomes one box of that size, and the boxes and the ungrouped nodes are laid out
 * together with the chosen layout. Done by hand rather than with dagre's compound graphs,
 * which cost two to four times as much and still mix groups on big maps.
 *
 * Coordinates are graph px as in graph-layout.ts. Edges inside a group follow the group's own
 * routing; edges between units (groups and ungrouped nodes) the top level's route between
 * them, extended inside a group from the member to where the route crosses the box.
 */
import {
  boxExit,
  layoutGraph,
  layoutLayered,
  type GraphLayout,
  type GraphLayoutKind,
  type GraphLink,
  type GraphNodeBox,
  type PlacedEdge,
  type PlacedNode,
} from './graph-layout';

export interface PlacedGroup {
  readonly id: string;
  readonly label: string;
  /** Top-left corner and size of the group's box. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GroupedLayout extends GraphLayout {
  readonly groups: readonly PlacedGroup[];
}

const GRID_GAP = 14;
const GRID_MARGIN = 16;

/**
 * A group's inside: members that call each other laid out in layers, the rest (services of a
 * namespace often only talk to other namespaces) in a grid under them, about as wide as tall,
 * instead of one long column.
 */
function layoutMembers(list: readonly GraphNodeBox[], links: readonly GraphLink[]): GraphLayout {
  const linked = new Set<string>();
  for (const l of links)
    if (l.from !== l.to) {
      linked.add(l.from);
      linked.add(l.to);
    }
  const connected = list.filter((n) => linked.has(n.id));
  const loose = list.filter((n) => !linked.has(n.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const top = connected.length > 0 ? layoutLayered(connected, links) : undefined;
  if (loose.length === 0 && top) return top;
  let cellW = 0;
  let cellH = 0;
  for (const n of loose) {
    cellW = Math.max(cellW, n.width);
    cellH = Math.max(cellH, n.height);
  }
  const columns = Math.max(
    1,
    Math.min(loose.length, Math.round(Math.sqrt((loose.length * (cellH + GRID_GAP)) / (cellW + GRID_GAP)) * 1.6)),
  );
  const y0 = top ? top.height : GRID_MARGIN;
  const placed: PlacedNode[] = loose.map((n, i) => ({
    ...n,
    x: GRID_MARGIN + (i % columns) * (cellW + GRID_GAP) + cellW / 2,
    y: y0 + Math.floor(i / columns) * (cellH + GRID_GAP) + cellH / 2,
  }));
  const rows = Math.ceil(loose.length / columns);
  const gridW = 2 * GRID_MARGIN + columns * cellW + (columns - 1) * GRID_GAP;
  return {
    nodes: [...(top?.nodes ?? []), ...placed],
    edges: top?.edges ?? [],
    width: Math.max(top?.width ?? 0, gridW),
    height: y0 + rows * cellH + (rows - 1) * GRID_GAP + GRID_MARGIN,
  };
}

/** Room above a group's members for its name. */
export const GROUP_HEADER = 26;
const GROUP_UNIT = '\u0000group\u0000';

export function layoutGrouped(
  kind: GraphLayoutKind,
  nodes: readonly GraphNodeBox[],
  links: readonly GraphLink[],
  groupOf: ReadonlyMap<string, string>,
): GroupedLayout {
  const members = new Map<string, GraphNodeBox[]>();
  for (const n of nodes) {
    const g = groupOf.get(n.id);
    if (g === undefined) continue;
    const list = members.get(g);
    if (list) list.push(n);
    else members.set(g, [n]);
  }
  if (members.size === 0) return { ...layoutGraph(kind, nodes, links), groups: [] };
  const unitOf = (id: string) => {
    const g = groupOf.get(id);
    return g !== undefined && members.has(g) ? `${GROUP_UNIT}${g}` : id;
  };
  const inner = new Map<string, GraphLayout>();
  const innerLinks = new Map<string, GraphLink[]>();
  const topLinks: GraphLink[] = [];
  for (const l of links) {
    const a = unitOf(l.from);
    const b = unitOf(l.to);
    if (a === b && a.startsWith(GROUP_UNIT)) {
      const g = a.slice(GROUP_UNIT.length);
      const list = innerLinks.get(g);
      if (list) list.push(l);
      else innerLinks.set(g, [l]);
    } else if (a !== b) topLinks.push({ from: a, to: b });
  }
  const units: GraphNodeBox[] = [];
  for (const [g, list] of members) {
    const lay = layoutMembers(list, innerLinks.get(g) ?? []);
    inner.set(g, lay);
    units.push({ id: `${GROUP_UNIT}${g}`, width: lay.width, height: lay.height + GROUP_HEADER });
  }
  for (const n of nodes) if (unitOf(n.id) === n.id) units.push(n);
  const top = layoutGraph(kind, units, topLinks);
  const topById = new Map(top.nodes.map((n) => [n.id, n]));

  const placed = new Map<string, PlacedNode>();
  const groups: PlacedGroup[] = [];
  const offsets = new Map<string, { dx: number; dy: number }>();
  for (const [g, lay] of inner) {
    const box = topById.get(`${GROUP_UNIT}${g}`);
    if (!box) continue;
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    groups.push({ id: g, label: g, x, y, width: box.width, height: box.height });
    const dx = x;
    const dy = y + GROUP_HEADER;
    offsets.set(g, { dx, dy });
    for (const n of lay.nodes) placed.set(n.id, { ...n, x: n.x + dx, y: n.y + dy });
  }
  for (const n of top.nodes) if (!n.id.startsWith(GROUP_UNIT)) placed.set(n.id, n);

  const edges: PlacedEdge[] = [];
  for (const [g, lay] of inner) {
    const o = offsets.get(g);
    if (!o) continue;
    for (const e of lay.edges) edges.push({ ...e, points: e.points.map((p) => ({ x: p.x + o.dx, y: p.y + o.dy })) });
  }
  // Edges between units follow the top level's route; an end inside a group first runs from
  // its node to where that route leaves (or enters) the group's box, so such edges bundle.
  const topEdges = new Map(top.edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
  const seen = new Set(edges.map((e) => `${e.from}\u0000${e.to}`));
  for (const l of links) {
    const key = `${l.from}\u0000${l.to}`;
    if (l.from === l.to || seen.has(key)) continue;
    const a = placed.get(l.from);
    const b = placed.get(l.to);
    if (!a || !b) continue;
    seen.add(key);
    const ua = unitOf(l.from);
    const ub = unitOf(l.to);
    const route = topEdges.get(`${ua}\u0000${ub}`)?.points ?? [];
    const first = route[0];
    const last = route[route.length - 1];
    if (!first || !last || route.length < 2) {
      edges.push({ from: l.from, to: l.to, points: [boxExit(a, b), boxExit(b, a)] });
      continue;
    }
    const points = [
      ...(ua !== l.from ? [boxExit(a, first)] : []),
      ...route,
      ...(ub !== l.to ? [boxExit(b, last)] : []),
    ];
    edges.push({ from: l.from, to: l.to, points });
  }
  return {
    nodes: nodes.map((n) => placed.get(n.id) ?? { ...n, x: 0, y: 0 }),
    edges,
    width: top.width,
    height: top.height,
    groups: groups.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}
