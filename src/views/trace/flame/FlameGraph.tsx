/**
 * view=flame: the span tree as an icicle on the trace's time axis (one level per depth),
 * drawn on one canvas that covers the visible part of a tall scroll area, so a 100k-span
 * trace redraws only the levels in view. The critical path's segments are drawn solid and
 * underlined over translucent bars (as in the waterfall). Click selects a span; clicking the
 * selected span (or double-clicking, or Enter) zooms into its subtree; the zoom is the URL's
 * `zoom` window, shared with the timeline. Keyboard: the canvas is one focusable node whose
 * label names the selected span; arrows move to the parent, first child and neighbours.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { flameGeometry, flameLevels, flameMove, spanAt, type FlameMove } from '../../../layout/flame-layout';
import { formatCount, formatDuration } from '../../../lib/format';
import { clipLabel } from '../../../lib/truncate';
import { drawFlame, FLAME_ROW_PX } from './draw-flame';

interface Props {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly colors: ReadonlyMap<string, string>;
  readonly selected: number;
  readonly zoom: readonly [number, number] | undefined;
  readonly onSelect: (span: number) => void;
  readonly onZoom: (fromUs: number, toUs: number) => void;
  readonly onResetZoom: () => void;
}

const KEY_MOVES: Record<string, FlameMove> = {
  ArrowUp: 'parent',
  ArrowDown: 'child',
  ArrowLeft: 'previous',
  ArrowRight: 'next',
};

export function FlameGraph({ trace, analysis, colors, selected, zoom, onSelect, onZoom, onResetZoom }: Props) {
  const { tree } = analysis;
  const levels = useMemo(() => flameLevels(tree), [tree]);
  const geometry = useMemo(
    () => flameGeometry(trace, tree, levels, analysis.criticalPath),
    [trace, tree, levels, analysis.criticalPath],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  // Scrolling redraws straight from the scroll position, without a React render per frame.
  const frameRef = useRef(0);
  // y is in the scroll area's content (scroll offset included), where the tooltip is placed.
  const [hover, setHover] = useState<{ span: number; x: number; y: number } | undefined>(undefined);
  const windowUs = useMemo(
    (): readonly [number, number] => zoom ?? [0, Math.max(trace.durationUs, 1)],
    [zoom, trace.durationUs],
  );

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const redraw = useCallback(() => {
    cancelAnimationFrame(frameRef.current);
    frameRef.current = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const top = scrollRef.current?.scrollTop ?? 0;
      if (canvas && size.width > 0)
        drawFlame(canvas, { trace, analysis, levels, geometry, colors, selected, windowUs, scrollTop: top, ...size });
    });
  }, [trace, analysis, levels, geometry, colors, selected, windowUs, size]);
  useEffect(() => {
    redraw();
    return () => cancelAnimationFrame(frameRef.current);
  }, [redraw]);

  // Keep the selected span's level in view when the selection moves (keyboard, other views).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || selected < 0) return;
    const y = (tree.depth[selected] ?? 0) * FLAME_ROW_PX;
    if (y < el.scrollTop || y + FLAME_ROW_PX > el.scrollTop + el.clientHeight)
      el.scrollTop = Math.max(0, y - el.clientHeight / 2);
  }, [selected, tree]);

  const pointAt = useCallback(
    (e: MouseEvent<HTMLElement>): { span: number; x: number; y: number } => {
      const rect = e.currentTarget.getBoundingClientRect();
      const x = e.clientX - rect.left;
      const y = e.clientY - rect.top;
      const [from, to] = windowUs;
      const usPerPx = (to - from) / Math.max(size.width, 1);
      const top = scrollRef.current?.scrollTop ?? 0;
      const depth = Math.floor((y + top) / FLAME_ROW_PX);
      return { span: spanAt(trace, levels, depth, from + x * usPerPx, usPerPx * 2), x, y: y + top };
    },
    [windowUs, size.width, trace, levels],
  );
  const zoomInto = (i: number) => {
    const s = trace.spans[i];
    if (s) onZoom(s.startUs, s.startUs + Math.max(s.durationUs, 1));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const move = KEY_MOVES[e.key];
    if (move) {
      e.preventDefault();
      const next = flameMove(tree, levels, selected, move);
      if (next >= 0) onSelect(next);
    } else if ((e.key === 'Enter' || e.key === ' ') && selected >= 0) {
      e.preventDefault();
      zoomInto(selected);
    } else if (e.key === 'Escape' && zoom) {
      e.preventDefault();
      onResetZoom();
    }
  };

  const sel = trace.spans[selected];
  const label = sel
    ? `Flame graph. Selected: ${clipLabel(sel.service)}: ${clipLabel(sel.name)}, ${formatDuration(sel.durationUs)}, depth ${(tree.depth[selected] ?? 0) + 1}${(analysis.criticalUs[selected] ?? 0) > 0 ? ', on the critical path' : ''}. Arrows move, Enter zooms in, Escape zooms out.`
    : 'Flame graph. Arrows move between spans, Enter zooms into the selected span.';
  const hovered = hover ? trace.spans[hover.span] : undefined;

  return (
    <section
      aria-label="Flame graph"
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-1.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
        <span>
          {formatDuration(windowUs[0])} – {formatDuration(windowUs[1])} · {formatCount(levels.levels)} levels
        </span>
        <span className="flex items-center gap-1">
          <span
            className="inline-block h-2.5 w-4 rounded-sm border-b-[3px] border-slate-900 bg-slate-400 dark:border-white"
            aria-hidden
          />
          critical path
        </span>
        <span>Click selects · click again or double-click zooms in · arrows move · Enter zooms</span>
        {zoom && (
          <button
            type="button"
            onClick={onResetZoom}
            className="ml-auto rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Zoom out
          </button>
        )}
      </div>
      <div
        ref={scrollRef}
        className="relative min-h-0 flex-1 overflow-auto bg-white dark:bg-slate-900"
        onScroll={() => {
          redraw();
          if (hover) setHover(undefined);
        }}
      >
        <div style={{ height: Math.max(levels.levels * FLAME_ROW_PX, size.height) }}>
          <canvas
            ref={canvasRef}
            data-testid="flame-canvas"
            tabIndex={0}
            role="application"
            aria-roledescription="flame graph"
            aria-label={label}
            onKeyDown={onKeyDown}
            onClick={(e) => {
              const { span } = pointAt(e);
              if (span < 0) return;
              if (span === selected) zoomInto(span);
              else onSelect(span);
            }}
            onDoubleClick={(e) => {
              const { span } = pointAt(e);
              if (span >= 0) zoomInto(span);
            }}
            onMouseMove={(e) => {
              const p = pointAt(e);
              setHover(p.span >= 0 ? p : undefined);
            }}
            onMouseLeave={() => setHover(undefined)}
            className="sticky top-0 block cursor-pointer text-slate-900 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset dark:text-slate-100"
            style={{ width: size.width, height: size.height }}
          />
        </div>
        {hovered && hover && (
          <div
            role="tooltip"
            className="pointer-events-none absolute z-10 max-w-sm rounded bg-slate-900 px-2 py-1 text-xs text-white shadow dark:bg-slate-100 dark:text-slate-900"
            style={{ left: Math.min(hover.x + 12, Math.max(0, size.width - 240)), top: hover.y + 14 }}
          >
            {clipLabel(hovered.service)}: {clipLabel(hovered.name)} · {formatDuration(hovered.durationUs)}
            {(analysis.criticalUs[hover.span] ?? 0) > 0 &&
              ` · critical ${formatDuration(analysis.criticalUs[hover.span] ?? 0)}`}
          </div>
        )}
      </div>
      <p className="sr-only" aria-live="polite">
        {sel ? `${clipLabel(sel.service)}: ${clipLabel(sel.name)}, ${formatDuration(sel.durationUs)}` : ''}
      </p>
    </section>
  );
}
