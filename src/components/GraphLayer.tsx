/**
 * The SVG picture of a laid-out graph, in graph px (see layout/graph-layout.ts): edges as
 * curves with arrowheads, their labels, and nodes as labelled boxes that are keyboard buttons.
 * GraphCanvas.tsx puts it in a zoomable layer; the caller's style functions say what each
 * node and edge looks like.
 */
import { line, curveBasis } from 'd3-shape';
import { memo, useMemo } from 'react';
import { placeEdgeLabels } from '../layout/edge-labels';
import type { GraphLayout, PlacedEdge, PlacedNode } from '../layout/graph-layout';
import { GROUP_HEADER, type PlacedGroup } from '../layout/grouped-layout';

export interface GraphNodeStyle {
  readonly label: string;
  /** Second line under the label (numbers), optional. */
  readonly detail?: string | undefined;
  /** Fill and outline colours (CSS colours). */
  readonly fill: string;
  readonly stroke: string;
  readonly strokeWidth?: number | undefined;
  readonly dimmed?: boolean | undefined;
  /** Extra data-* attributes for tests and styling. */
  readonly data?: Readonly<Record<string, string>> | undefined;
}

export interface GraphEdgeStyle {
  readonly width: number;
  readonly color: string;
  readonly dimmed?: boolean | undefined;
  /** Short text at the middle of the edge (e.g. the call count); drawn only on small graphs. */
  readonly label?: string | undefined;
  /** Drawn dashed: the edge stands for calls through nodes that are not drawn. */
  readonly dashed?: boolean | undefined;
  readonly data?: Readonly<Record<string, string>> | undefined;
}

export const edgeKey = (from: string, to: string) => `${from}\u0000${to}`;
/** The two ends of an edgeKey. */
export const edgeEnds = (key: string): [string | undefined, string | undefined] => {
  const [from, to] = key.split('\u0000');
  return [from, to];
};

/** Arrowheads in three sizes so thick edges still show their direction. */
const ARROW_SIZES = [9, 13, 18] as const;
const arrowFor = (width: number) => `url(#graph-arrow-${width < 3 ? 9 : width < 5 ? 13 : 18})`;

const pathOf = line<{ x: number; y: number }>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(curveBasis);

/** The arrowhead markers the edges refer to; put once inside the graph's <svg>. */
export function ArrowMarkers() {
  return (
    <defs>
      {ARROW_SIZES.map((size) => (
        <marker
          key={size}
          id={`graph-arrow-${size}`}
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth={size}
          markerHeight={size}
          orient="auto-start-reverse"
          markerUnits="userSpaceOnUse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="fill-slate-500 dark:fill-slate-400" />
        </marker>
      ))}
    </defs>
  );
}

export interface LayerProps {
  readonly layout: GraphLayout & { readonly groups?: readonly PlacedGroup[] };
  readonly nodeStyle: (id: string) => GraphNodeStyle;
  readonly edgeStyle: (from: string, to: string) => GraphEdgeStyle;
  readonly selected: string | undefined;
  readonly maxEdgeLabels: number;
}

/** The static picture: re-rendered only when the graph or its styles change (never on hover or pan). */
export const GraphLayer = memo(function GraphLayer({
  layout,
  nodeStyle,
  edgeStyle,
  selected,
  maxEdgeLabels,
}: LayerProps) {
  const edges = useMemo(() => layout.edges.map((e) => ({ e, s: edgeStyle(e.from, e.to) })), [layout, edgeStyle]);
  // Dimmed first, so highlighted edges draw on top.
  const ordered = useMemo(
    () => [...edges].sort((a, b) => Number(!a.s.dimmed) - Number(!b.s.dimmed) || a.s.width - b.s.width),
    [edges],
  );
  const showLabels = layout.edges.length <= maxEdgeLabels;
  // Labels that would overlap another label or a node are moved along their edge or left
  // out: lit edges first, heaviest first, so the ones that matter get the room.
  const labels = useMemo(() => {
    if (!showLabels) return [];
    const wanted = [...edges]
      .filter(({ s }) => s.label)
      .sort((a, b) => Number(!!a.s.dimmed) - Number(!!b.s.dimmed) || b.s.width - a.s.width)
      .map(({ e, s }) => ({ key: edgeKey(e.from, e.to), edge: e, text: s.label ?? '', dimmed: !!s.dimmed }));
    const dimmed = new Set(wanted.filter((w) => w.dimmed).map((w) => w.key));
    return placeEdgeLabels(layout, wanted).map((l) => ({ ...l, dimmed: dimmed.has(l.key) }));
  }, [showLabels, edges, layout]);
  return (
    <>
      {layout.groups && layout.groups.length > 0 && (
        <g>
          {layout.groups.map((g) => (
            <GroupBox key={g.id} group={g} />
          ))}
        </g>
      )}
      <g fill="none">
        {ordered.map(({ e, s }) => (
          <EdgePath key={edgeKey(e.from, e.to)} edge={e} style={s} />
        ))}
      </g>
      {labels.length > 0 && (
        <g className="pointer-events-none text-[11px] font-medium" data-testid="graph-edge-labels">
          {labels.map((l) => (
            <text
              key={l.key}
              x={l.x}
              y={l.y}
              dy="0.35em"
              textAnchor="middle"
              opacity={l.dimmed ? 0.2 : 1}
              className="fill-slate-700 stroke-white dark:fill-slate-200 dark:stroke-slate-900"
              strokeWidth={4}
              strokeLinejoin="round"
              paintOrder="stroke"
              data-edge-label={l.key}
            >
              {l.text}
            </text>
          ))}
        </g>
      )}
      <g>
        {layout.nodes.map((n) => (
          <NodeBox key={n.id} node={n} style={nodeStyle(n.id)} selected={selected === n.id} />
        ))}
      </g>
    </>
  );
});

/** A group's box behind its members; its header is a button that collapses the group. */
function GroupBox({ group }: { group: PlacedGroup }) {
  return (
    <g data-testid="graph-group" data-group={group.id}>
      <rect
        x={group.x + 4}
        y={group.y + 4}
        width={Math.max(0, group.width - 8)}
        height={Math.max(0, group.height - 8)}
        rx={10}
        strokeWidth={1.5}
        strokeDasharray="5 4"
        className="fill-slate-100/70 stroke-slate-400 dark:fill-slate-800/50 dark:stroke-slate-500"
      />
      <g
        data-group-id={group.id}
        role="button"
        tabIndex={0}
        aria-label={`Collapse namespace ${group.label}`}
        className="group/hdr cursor-pointer outline-none"
      >
        <rect
          x={group.x + 4}
          y={group.y + 4}
          width={Math.max(0, group.width - 8)}
          height={GROUP_HEADER - 4}
          rx={10}
          className="fill-transparent stroke-slate-900 stroke-2 [stroke-opacity:0] group-focus-visible/hdr:[stroke-opacity:1] dark:stroke-white"
        />
        <text
          x={group.x + 14}
          y={group.y + 4 + (GROUP_HEADER - 4) / 2}
          dy="0.35em"
          className="fill-slate-700 text-[12px] font-semibold dark:fill-slate-200"
        >
          ▾ {group.label}
        </text>
      </g>
    </g>
  );
}

function EdgePath({ edge, style }: { edge: PlacedEdge; style: GraphEdgeStyle }) {
  const d = pathOf(edge.points.map((p) => ({ x: p.x, y: p.y }))) ?? '';
  const dataAttrs = Object.fromEntries(Object.entries(style.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <g
      data-edge-key={edgeKey(edge.from, edge.to)}
      data-testid="graph-edge"
      data-from={edge.from}
      data-to={edge.to}
      {...dataAttrs}
      opacity={style.dimmed ? 0.12 : 1}
    >
      {/* a wide invisible stroke makes thin edges easy to hover */}
      <path d={d} stroke="transparent" strokeWidth={Math.max(10, style.width + 6)} />
      <path
        d={d}
        stroke={style.color}
        strokeWidth={style.width}
        strokeLinecap="round"
        strokeDasharray={style.dashed ? `${style.width * 2 + 3} ${style.width + 4}` : undefined}
        markerEnd={arrowFor(style.width)}
      />
    </g>
  );
}

function NodeBox({ node, style, selected }: { node: PlacedNode; style: GraphNodeStyle; selected: boolean }) {
  const x = node.x - node.width / 2;
  const y = node.y - node.height / 2;
  const maxChars = Math.max(4, Math.floor((node.width - 16) / 6.6));
  const label = style.label.length > maxChars ? `${style.label.slice(0, maxChars - 1)}…` : style.label;
  const detailChars = Math.max(4, Math.floor((node.width - 12) / 5.8));
  const detail =
    style.detail && style.detail.length > detailChars ? `${style.detail.slice(0, detailChars - 1)}…` : style.detail;
  const dataAttrs = Object.fromEntries(Object.entries(style.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <g
      data-node-id={node.id}
      data-testid="graph-node"
      role="button"
      tabIndex={0}
      aria-label={style.detail ? `${style.label}: ${style.detail}` : style.label}
      aria-pressed={selected}
      {...dataAttrs}
      opacity={style.dimmed ? 0.2 : 1}
      className="group/node cursor-pointer outline-none"
    >
      {/* Focus and selection look different: focus is a dashed outer ring in the text colour, selection a solid blue one. */}
      <rect
        data-focus-ring
        x={x - 9}
        y={y - 9}
        width={node.width + 18}
        height={node.height + 18}
        rx={13}
        strokeWidth={2}
        strokeDasharray="6 4"
        className="invisible fill-none stroke-slate-900 group-focus-visible/node:visible dark:stroke-white"
      />
      {selected && (
        <rect
          x={x - 4}
          y={y - 4}
          width={node.width + 8}
          height={node.height + 8}
          rx={10}
          className="fill-none stroke-sky-700 dark:stroke-sky-300"
          strokeWidth={3}
        />
      )}
      <rect
        x={x}
        y={y}
        width={node.width}
        height={node.height}
        rx={7}
        fill={style.fill}
        stroke={style.stroke}
        strokeWidth={style.strokeWidth ?? 1.5}
      />
      <text
        x={node.x}
        y={detail ? node.y - 3 : node.y}
        dy={detail ? '-0.1em' : '0.35em'}
        textAnchor="middle"
        className="fill-slate-900 text-[12px] font-semibold dark:fill-slate-50"
      >
        {label}
      </text>
      {detail && (
        <text
          x={node.x}
          y={node.y + 4}
          dy="0.85em"
          textAnchor="middle"
          className="fill-slate-600 text-[10.5px] dark:fill-slate-300"
        >
          {detail}
        </text>
      )}
    </g>
  );
}
