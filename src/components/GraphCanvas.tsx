/**
 * Draws a laid-out node-link graph in SVG with zoom, pan and fit. Shared by the dependency
 * page and the trace page's graph view; what the nodes mean is up to the caller.
 *
 * Coordinate spaces: the layout is in "graph px" (see layout/graph-layout.ts). The SVG is drawn
 * at layout size inside one layer <div>, and the zoom transform graph px → screen px is that
 * div's CSS transform. d3-zoom owns the transform and writes it straight to the div (no React
 * render per frame). The div is its own compositor layer (will-change: transform), so a pan
 * moves already-rasterized tiles instead of repainting 1,500 SVG paths (22 → 60 fps in
 * `npm run bench -- graph`); when a zoom gesture ends at a new scale the layer is re-rasterized
 * once so text stays sharp.
 */
import { select } from 'd3-selection';
import { line, curveBasis } from 'd3-shape';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
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

export interface GraphCanvasProps {
  readonly layout: GraphLayout;
  readonly nodeStyle: (id: string) => GraphNodeStyle;
  readonly edgeStyle: (from: string, to: string) => GraphEdgeStyle;
  readonly selected?: string | undefined;
  readonly onNodeClick?: ((id: string) => void) | undefined;
  readonly onBackgroundClick?: (() => void) | undefined;
  readonly nodeTooltip?: ((id: string) => ReactNode) | undefined;
  readonly edgeTooltip?: ((from: string, to: string) => ReactNode) | undefined;
  /** Node ids to fit into view when this changes (all nodes when empty). */
  readonly fitTo?: readonly string[] | undefined;
  readonly ariaLabel: string;
  /** Edge labels are drawn when the graph has at most this many edges. */
  readonly maxEdgeLabels?: number | undefined;
}

/** Arrowheads in three sizes so thick edges still show their direction. */
const ARROW_SIZES = [9, 13, 18] as const;
const arrowFor = (width: number) => `url(#graph-arrow-${width < 3 ? 9 : width < 5 ? 13 : 18})`;

const pathOf = line<{ x: number; y: number }>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(curveBasis);

interface Hover {
  readonly kind: 'node' | 'edge';
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export function GraphCanvas(props: GraphCanvasProps) {
  const { layout, fitTo, nodeTooltip, edgeTooltip, onNodeClick, onBackgroundClick } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const zoomRef = useRef<ZoomBehavior<HTMLDivElement, unknown> | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [hover, setHover] = useState<Hover | undefined>(undefined);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    let rasterK = NaN;
    let k = 1;
    let frame = 0;
    const behaviour = zoom<HTMLDivElement, unknown>()
      .scaleExtent([0.05, 4])
      .on('zoom', (event: { transform: { x: number; y: number; k: number } }) => {
        const t = event.transform;
        k = t.k;
        const layer = layerRef.current;
        if (layer) layer.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.k})`;
      })
      .on('end', () => {
        const layer = layerRef.current;
        if (!layer || k === rasterK) return;
        rasterK = k;
        // Drop and re-create the compositor layer so it is rasterized at the new scale.
        layer.style.willChange = 'auto';
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          layer.style.willChange = 'transform';
        });
      });
    zoomRef.current = behaviour;
    const sel = select(view);
    sel.call(behaviour).on('dblclick.zoom', null);
    return () => {
      cancelAnimationFrame(frame);
      sel.on('.zoom', null);
    };
  }, []);

  const fit = useCallback(
    (ids: readonly string[] | undefined) => {
      const view = viewRef.current;
      const behaviour = zoomRef.current;
      if (!view || !behaviour || size.width === 0 || size.height === 0) return;
      const wanted = ids && ids.length > 0 ? new Set(ids) : undefined;
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const n of layout.nodes) {
        if (wanted && !wanted.has(n.id)) continue;
        minX = Math.min(minX, n.x - n.width / 2);
        maxX = Math.max(maxX, n.x + n.width / 2);
        minY = Math.min(minY, n.y - n.height / 2);
        maxY = Math.max(maxY, n.y + n.height / 2);
      }
      if (!Number.isFinite(minX)) return;
      const pad = 32;
      const k = Math.min(1.4, (size.width - 2 * pad) / Math.max(1, maxX - minX), (size.height - 2 * pad) / Math.max(1, maxY - minY));
      const scale = Math.max(0.05, k);
      const t = zoomIdentity.translate(size.width / 2 - ((minX + maxX) / 2) * scale, size.height / 2 - ((minY + maxY) / 2) * scale).scale(scale);
      select(view).call(behaviour.transform, t);
    },
    [layout, size.width, size.height],
  );

  const fitKey = (fitTo ?? []).join('\u0000');
  useEffect(() => {
    fit(fitKey ? fitKey.split('\u0000') : undefined);
  }, [fit, fitKey]);

  const zoomBy = (factor: number) => {
    const view = viewRef.current;
    const behaviour = zoomRef.current;
    if (view && behaviour) select(view).call(behaviour.scaleBy, factor);
  };

  const findTarget = (target: EventTarget | null): { kind: 'node' | 'edge'; id: string } | undefined => {
    if (!(target instanceof Element)) return undefined;
    const node = target.closest('[data-node-id]');
    const nodeId = node?.getAttribute('data-node-id');
    if (nodeId) return { kind: 'node', id: nodeId };
    const edge = target.closest('[data-edge-key]');
    const key = edge?.getAttribute('data-edge-key');
    if (key) return { kind: 'edge', id: key };
    return undefined;
  };

  const tooltip = hover ? (hover.kind === 'node' ? nodeTooltip?.(hover.id) : edgeTooltipFor(edgeTooltip, hover.id)) : undefined;

  return (
    // Structural positioning is inline so the canvas works without the app's stylesheet (bench page).
    <div ref={wrapRef} className="min-h-0" style={{ position: 'relative', width: '100%', height: '100%', overflow: 'hidden' }}>
      <div
        ref={viewRef}
        data-testid="graph-viewport"
        className="cursor-grab touch-none select-none active:cursor-grabbing"
        style={{ position: 'absolute', inset: 0, overflow: 'hidden' }}
        onPointerMove={(e) => {
          if (e.buttons !== 0) {
            if (hover) setHover(undefined); // no tooltips while dragging
            return;
          }
          const t = findTarget(e.target);
          const rect = wrapRef.current?.getBoundingClientRect();
          if (!t || !rect) {
            if (hover) setHover(undefined);
            return;
          }
          setHover({ ...t, x: e.clientX - rect.left, y: e.clientY - rect.top });
        }}
        onPointerLeave={() => setHover(undefined)}
        onClick={(e) => {
          const t = findTarget(e.target);
          if (t?.kind === 'node') onNodeClick?.(t.id);
          else if (!t) onBackgroundClick?.();
        }}
        onKeyDown={(e) => {
          // Nodes are focusable (Tab); Enter or Space acts like a click.
          if (e.key !== 'Enter' && e.key !== ' ') return;
          const t = findTarget(e.target);
          if (t?.kind !== 'node') return;
          e.preventDefault();
          onNodeClick?.(t.id);
        }}
      >
       <div ref={layerRef} style={{ position: 'absolute', left: 0, top: 0, transformOrigin: '0 0', width: layout.width, height: layout.height, willChange: 'transform' }}>
       <svg role="group" aria-label={props.ariaLabel} width={Math.ceil(layout.width)} height={Math.ceil(layout.height)} overflow="visible" className="block">
        <defs>
          {ARROW_SIZES.map((size) => (
            <marker key={size} id={`graph-arrow-${size}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth={size} markerHeight={size} orient="auto-start-reverse" markerUnits="userSpaceOnUse">
              <path d="M0,0 L10,5 L0,10 z" className="fill-slate-500 dark:fill-slate-400" />
            </marker>
          ))}
        </defs>
        <GraphLayer layout={layout} nodeStyle={props.nodeStyle} edgeStyle={props.edgeStyle} selected={props.selected} maxEdgeLabels={props.maxEdgeLabels ?? 60} />
       </svg>
       </div>
      </div>
      <div className="absolute top-2 right-2 flex flex-col gap-1">
        <ZoomButton label="Zoom in" onClick={() => zoomBy(1.4)}>+</ZoomButton>
        <ZoomButton label="Zoom out" onClick={() => zoomBy(1 / 1.4)}>−</ZoomButton>
        <ZoomButton label="Fit the graph to the view" onClick={() => fit(fitKey ? fitKey.split('\u0000') : undefined)}>⤢</ZoomButton>
      </div>
      {tooltip && hover && (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-10 max-w-xs rounded border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-800"
          style={{ left: Math.min(hover.x + 14, Math.max(0, size.width - 260)), top: Math.min(hover.y + 14, Math.max(0, size.height - 120)) }}
        >
          {tooltip}
        </div>
      )}
    </div>
  );
}

function edgeTooltipFor(fn: GraphCanvasProps['edgeTooltip'], key: string): ReactNode {
  const [from, to] = key.split('\u0000');
  return fn && from !== undefined && to !== undefined ? fn(from, to) : undefined;
}

function ZoomButton({ label, onClick, children }: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="h-8 w-8 rounded border border-slate-300 bg-white/90 text-base leading-none shadow-sm hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800/90 dark:hover:bg-slate-700"
    >
      {children}
    </button>
  );
}

interface LayerProps {
  readonly layout: GraphLayout;
  readonly nodeStyle: (id: string) => GraphNodeStyle;
  readonly edgeStyle: (from: string, to: string) => GraphEdgeStyle;
  readonly selected: string | undefined;
  readonly maxEdgeLabels: number;
}

/** The static picture: re-rendered only when the graph or its styles change (never on hover or pan). */
const GraphLayer = memo(function GraphLayer({ layout, nodeStyle, edgeStyle, selected, maxEdgeLabels }: LayerProps) {
  const edges = useMemo(() => layout.edges.map((e) => ({ e, s: edgeStyle(e.from, e.to) })), [layout, edgeStyle]);
  // Dimmed first, so highlighted edges draw on top.
  const ordered = useMemo(() => [...edges].sort((a, b) => Number(!a.s.dimmed) - Number(!b.s.dimmed) || a.s.width - b.s.width), [edges]);
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
              <text key={edgeKey(e.from, e.to)} x={mid.x} y={mid.y} dy="0.35em" textAnchor="middle" opacity={s.dimmed ? 0.2 : 1} className="fill-slate-700 stroke-white dark:fill-slate-200 dark:stroke-slate-900" strokeWidth={4} strokeLinejoin="round" paintOrder="stroke">
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

const dist = (a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined) => (a && b ? Math.hypot(b.x - a.x, b.y - a.y) : 0);

function EdgePath({ edge, style }: { edge: PlacedEdge; style: GraphEdgeStyle }) {
  const d = pathOf(edge.points.map((p) => ({ x: p.x, y: p.y }))) ?? '';
  const dataAttrs = Object.fromEntries(Object.entries(style.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <g data-edge-key={edgeKey(edge.from, edge.to)} data-testid="graph-edge" data-from={edge.from} data-to={edge.to} {...dataAttrs} opacity={style.dimmed ? 0.12 : 1}>
      {/* a wide invisible stroke makes thin edges easy to hover */}
      <path d={d} stroke="transparent" strokeWidth={Math.max(10, style.width + 6)} />
      <path d={d} stroke={style.color} strokeWidth={style.width} strokeLinecap="round" strokeDasharray={style.dashed ? `${style.width * 2 + 3} ${style.width + 4}` : undefined} markerEnd={arrowFor(style.width)} />
    </g>
  );
}

function NodeBox({ node, style, selected }: { node: PlacedNode; style: GraphNodeStyle; selected: boolean }) {
  const x = node.x - node.width / 2;
  const y = node.y - node.height / 2;
  const maxChars = Math.max(4, Math.floor((node.width - 16) / 6.6));
  const label = style.label.length > maxChars ? `${style.label.slice(0, maxChars - 1)}…` : style.label;
  const detailChars = Math.max(4, Math.floor((node.width - 12) / 5.8));
  const detail = style.detail && style.detail.length > detailChars ? `${style.detail.slice(0, detailChars - 1)}…` : style.detail;
  const dataAttrs = Object.fromEntries(Object.entries(style.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <g data-node-id={node.id} data-testid="graph-node" role="button" tabIndex={0} aria-label={style.detail ? `${style.label}: ${style.detail}` : style.label} aria-pressed={selected} {...dataAttrs} opacity={style.dimmed ? 0.2 : 1} className="cursor-pointer outline-none focus-visible:[&>rect:last-of-type]:stroke-sky-500 focus-visible:[&>rect:last-of-type]:[stroke-width:3px]">
      {selected && <rect x={x - 4} y={y - 4} width={node.width + 8} height={node.height + 8} rx={10} className="fill-none stroke-sky-500" strokeWidth={2.5} />}
      <rect x={x} y={y} width={node.width} height={node.height} rx={7} fill={style.fill} stroke={style.stroke} strokeWidth={style.strokeWidth ?? 1.5} />
      <text x={node.x} y={detail ? node.y - 3 : node.y} dy={detail ? '-0.1em' : '0.35em'} textAnchor="middle" className="fill-slate-900 text-[12px] font-semibold dark:fill-slate-50">
        {label}
      </text>
      {detail && (
        <text x={node.x} y={node.y + 4} dy="0.85em" textAnchor="middle" className="fill-slate-600 text-[10.5px] dark:fill-slate-300">
          {detail}
        </text>
      )}
    </g>
  );
}
