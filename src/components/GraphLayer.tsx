/**
 * The SVG picture of a laid-out graph, in graph px (see layout/graph-layout.ts): edges as
 * curves with arrowheads, their labels, and nodes as labelled boxes that are keyboard buttons.
 * GraphCanvas.tsx puts it in a zoomable layer; the caller's style functions say what each
 * node and edge looks like.
 */
import { line, curveBasis } from 'd3-shape';
import { memo, useMemo } from 'react';
import type { GraphLayout, PlacedEdge, PlacedNode } from '../layout/graph-layout';

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
  readonly layout: GraphLayout;
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
  return (
    <>
      <g fill="none">
        {ordered.map(({ e, s }) => (
          <EdgePath key={edgeKey(e.from, e.to)} edge={e} style={s} />
        ))}
      </g>
      {showLabels && (
        <g className="pointer-events-none text-[11px] font-medium">
          {ordered.map(({ e, s }) => {
            if (!s.label) return null;
            const mid = midpoint(e);
            return (
              <text
                key={edgeKey(e.from, e.to)}
                x={mid.x}
                y={mid.y}
                dy="0.35em"
                textAnchor="middle"
                opacity={s.dimmed ? 0.2 : 1}
                className="fill-slate-700 stroke-white dark:fill-slate-200 dark:stroke-slate-900"
                strokeWidth={4}
                strokeLinejoin="round"
                paintOrder="stroke"
              >
                {s.label}
              </text>
            );
          })}
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

/** Halfway along the edge's polyline (by length), where its label goes. */
function midpoint(e: PlacedEdge): { x: number; y: number } {
  const pts = e.points;
  let total = 0;
  for (let i = 1; i < pts.length; i++) total += dist(pts[i - 1], pts[i]);
  let left = total / 2;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    if (!a || !b) continue;
    const d = dist(a, b);
    if (d >= left && d > 0) return { x: a.x + ((b.x - a.x) * left) / d, y: a.y + ((b.y - a.y) * left) / d };
    left -= d;
  }
  return pts[0] ?? { x: 0, y: 0 };
}

const dist = (a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined) =>
  a && b ? Math.hypot(b.x - a.x, b.y - a.y) : 0;

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
