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
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { GraphLayout } from '../layout/graph-layout';
import type { PlacedGroup } from '../layout/grouped-layout';
import { ArrowMarkers, GraphLayer, edgeEnds, type GraphEdgeStyle, type GraphNodeStyle } from './GraphLayer';

export interface GraphCanvasProps {
  /** With `groups`, each group is drawn as a labelled box behind its members. */
  readonly layout: GraphLayout & { readonly groups?: readonly PlacedGroup[] };
  readonly nodeStyle: (id: string) => GraphNodeStyle;
  readonly edgeStyle: (from: string, to: string) => GraphEdgeStyle;
  readonly selected?: string | undefined;
  readonly onNodeClick?: ((id: string) => void) | undefined;
  readonly onBackgroundClick?: (() => void) | undefined;
  /** A group's header was clicked (or Enter / Space on it). */
  readonly onGroupClick?: ((id: string) => void) | undefined;
  readonly nodeTooltip?: ((id: string) => ReactNode) | undefined;
  readonly edgeTooltip?: ((from: string, to: string) => ReactNode) | undefined;
  /** Node ids to fit into view when this changes (all nodes when empty). */
  readonly fitTo?: readonly string[] | undefined;
  readonly ariaLabel: string;
  /** Edge labels are drawn when the graph has at most this many edges. */
  readonly maxEdgeLabels?: number | undefined;
}

interface Hover {
  readonly kind: 'node' | 'edge';
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export function GraphCanvas(props: GraphCanvasProps) {
  const { layout, fitTo, nodeTooltip, edgeTooltip, onNodeClick, onBackgroundClick, onGroupClick } = props;
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
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      for (const n of layout.nodes) {
        if (wanted && !wanted.has(n.id)) continue;
        minX = Math.min(minX, n.x - n.width / 2);
        maxX = Math.max(maxX, n.x + n.width / 2);
        minY = Math.min(minY, n.y - n.height / 2);
        maxY = Math.max(maxY, n.y + n.height / 2);
      }
      if (!Number.isFinite(minX)) return;
      const pad = 32;
      const k = Math.min(
        1.4,
        (size.width - 2 * pad) / Math.max(1, maxX - minX),
        (size.height - 2 * pad) / Math.max(1, maxY - minY),
      );
      const scale = Math.max(0.05, k);
      const t = zoomIdentity
        .translate(size.width / 2 - ((minX + maxX) / 2) * scale, size.height / 2 - ((minY + maxY) / 2) * scale)
        .scale(scale);
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

  const findTarget = (target: EventTarget | null): { kind: 'node' | 'edge' | 'group'; id: string } | undefined => {
    if (!(target instanceof Element)) return undefined;
    const group = target.closest('[data-group-id]')?.getAttribute('data-group-id');
    if (group) return { kind: 'group', id: group };
    const node = target.closest('[data-node-id]');
    const nodeId = node?.getAttribute('data-node-id');
    if (nodeId) return { kind: 'node', id: nodeId };
    const edge = target.closest('[data-edge-key]');
    const key = edge?.getAttribute('data-edge-key');
    if (key) return { kind: 'edge', id: key };
    return undefined;
  };

  const tooltip = hover
    ? hover.kind === 'node'
      ? nodeTooltip?.(hover.id)
      : edgeTooltipFor(edgeTooltip, hover.id)
    : undefined;

  return (
    // Structural positioning is inline so the canvas works without the app's stylesheet (bench page).
    <div
      ref={wrapRef}
      className="min-h-0"
      // Drawn and fitted once the box has a size (the fit runs right after that render).
      data-app-ready={size.width > 0 && size.height > 0 ? 'true' : 'false'}
      style={{ position: 'relative', width: '100%', height: '100%', overflow: 'hidden' }}
    >
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
          if (!t || t.kind === 'group' || !rect) {
            if (hover) setHover(undefined);
            return;
          }
          setHover({ kind: t.kind, id: t.id, x: e.clientX - rect.left, y: e.clientY - rect.top });
        }}
        onPointerLeave={() => setHover(undefined)}
        onClick={(e) => {
          const t = findTarget(e.target);
          if (t?.kind === 'node') onNodeClick?.(t.id);
          else if (t?.kind === 'group') onGroupClick?.(t.id);
          else if (!t) onBackgroundClick?.();
        }}
        onKeyDown={(e) => {
          // Nodes are focusable (Tab); Enter or Space acts like a click.
          if (e.key !== 'Enter' && e.key !== ' ') return;
          const t = findTarget(e.target);
          if (t?.kind === 'group') {
            e.preventDefault();
            onGroupClick?.(t.id);
            return;
          }
          if (t?.kind !== 'node') return;
          e.preventDefault();
          onNodeClick?.(t.id);
        }}
      >
        <div
          ref={layerRef}
          style={{
            position: 'absolute',
            left: 0,
            top: 0,
            transformOrigin: '0 0',
            width: layout.width,
            height: layout.height,
            willChange: 'transform',
          }}
        >
          <svg
            role="group"
            aria-label={props.ariaLabel}
            width={Math.ceil(layout.width)}
            height={Math.ceil(layout.height)}
            overflow="visible"
            className="block"
          >
            <ArrowMarkers />
            <GraphLayer
              layout={layout}
              nodeStyle={props.nodeStyle}
              edgeStyle={props.edgeStyle}
              selected={props.selected}
              maxEdgeLabels={props.maxEdgeLabels ?? 60}
            />
          </svg>
        </div>
      </div>
      <div className="absolute top-2 right-2 flex flex-col gap-1">
        <ZoomButton label="Zoom in" onClick={() => zoomBy(1.4)}>
          +
        </ZoomButton>
        <ZoomButton label="Zoom out" onClick={() => zoomBy(1 / 1.4)}>
          −
        </ZoomButton>
        <ZoomButton label="Fit the graph to the view" onClick={() => fit(fitKey ? fitKey.split('\u0000') : undefined)}>
          ⤢
        </ZoomButton>
      </div>
      {tooltip && hover && (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-10 max-w-xs rounded border border-slate-200 bg-white px-2.5 py-1.5 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-800"
          style={{
            left: Math.min(hover.x + 14, Math.max(0, size.width - 260)),
            top: Math.min(hover.y + 14, Math.max(0, size.height - 120)),
          }}
        >
          {tooltip}
        </div>
      )}
    </div>
  );
}

function edgeTooltipFor(fn: GraphCanvasProps['edgeTooltip'], key: string): ReactNode {
  const [from, to] = edgeEnds(key);
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
