import { useEffect, useMemo, useRef, useState } from 'react';
import type { TraceSummary } from '../../api/search/types';
import { nearestPoint, scatterLayout } from '../../layout/scatter-layout';
import { formatDuration } from '../../lib/format';
import { formatAbsolute } from '../../lib/format';
import { clipLabel } from '../../lib/truncate';

const HEIGHT = 170;
const M = { top: 10, right: 14, bottom: 22, left: 60 };

/** Start time × duration, errors in red; hover names the trace, click opens it. d3 computes, SVG draws. */
export function ScatterPlot({
  results,
  activeId,
  onOpen,
  fromUs,
  toUs,
}: {
  results: readonly TraceSummary[];
  activeId: string | undefined;
  onOpen: (s: TraceSummary) => void;
  fromUs?: number | undefined;
  toUs?: number | undefined;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState(-1);
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(200, Math.floor(entry.contentRect.width)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const innerW = width - M.left - M.right;
  const innerH = HEIGHT - M.top - M.bottom;
  const layout = useMemo(
    () => scatterLayout(results, { width: innerW, height: innerH, fromUs, toUs }),
    [results, innerW, innerH, fromUs, toUs],
  );
  // Errors drawn last so red stays visible in dense clusters.
  const order = useMemo(
    () =>
      results
        .map((_, i) => i)
        .sort((a, b) => Number((results[a]?.errorCount ?? 0) > 0) - Number((results[b]?.errorCount ?? 0) > 0)),
    [results],
  );
  const hovered = hover >= 0 ? results[hover] : undefined;
  const activeIndex = activeId === undefined ? -1 : results.findIndex((r) => r.traceId === activeId);

  const pick = (e: React.MouseEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return nearestPoint(layout, e.clientX - r.left, e.clientY - r.top, 8);
  };

  return (
    <div ref={boxRef} className="relative" data-testid="search-scatter">
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`Scatter plot of ${results.length} traces: start time against duration; errors in red`}
        className="block text-slate-500 dark:text-slate-400"
      >
        <g transform={`translate(${M.left},${M.top})`}>
          {layout.yTicks.map((t) => (
            <g key={`y${t.px}`} transform={`translate(0,${t.px})`}>
              <line x2={innerW} className="stroke-slate-200 dark:stroke-slate-800" />
              <text x={-6} dy="0.32em" textAnchor="end" className="fill-current text-[10px]">
                {t.label}
              </text>
            </g>
          ))}
          {layout.xTicks.map((t) => (
            <text key={`x${t.px}`} x={t.px} y={innerH + 15} textAnchor="middle" className="fill-current text-[10px]">
              {t.label}
            </text>
          ))}
          <line y1={innerH} y2={innerH} x2={innerW} className="stroke-slate-300 dark:stroke-slate-700" />
          {order.map((i) => {
            const s = results[i];
            if (!s) return null;
            const err = (s.errorCount ?? 0) > 0;
            return (
              <circle
                key={s.traceId}
                cx={layout.xs[i]}
                cy={layout.ys[i]}
                r={i === hover || i === activeIndex ? 6 : 4}
                className={
                  err
                    ? 'fill-red-500/70 stroke-red-700 dark:fill-red-500/80 dark:stroke-red-300'
                    : 'fill-blue-500/50 stroke-blue-700 dark:fill-sky-400/50 dark:stroke-sky-300'
                }
                strokeWidth={i === hover || i === activeIndex ? 2 : 1}
              />
            );
          })}
          <rect
            width={innerW}
            height={innerH}
            fill="transparent"
            className={hover >= 0 ? 'cursor-pointer' : ''}
            onMouseMove={(e) => setHover(pick(e))}
            onMouseLeave={() => setHover(-1)}
            onClick={(e) => {
              const s = results[pick(e)];
              if (s) onOpen(s);
            }}
          />
        </g>
      </svg>
      {hovered && (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-10 max-w-xs rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow dark:border-slate-700 dark:bg-slate-900"
          style={{
            left: Math.min(width - 260, (layout.xs[hover] ?? 0) + M.left + 10),
            top: Math.max(0, (layout.ys[hover] ?? 0) + M.top - 10),
          }}
        >
          <div className="font-medium">
            {clipLabel(hovered.rootService, 100) || '(no root)'}: {clipLabel(hovered.rootName, 200)}
          </div>
          <div>
            {formatDuration(hovered.durationUs)} · {hovered.spanCount ?? '?'} spans
            {(hovered.errorCount ?? 0) > 0 && (
              <span className="text-red-700 dark:text-red-300"> · {hovered.errorCount} errors</span>
            )}
          </div>
          <div className="text-slate-500 dark:text-slate-400">{formatAbsolute(hovered.startUnixUs)}</div>
          <div className="font-mono text-slate-500 dark:text-slate-400">{hovered.traceId}</div>
        </div>
      )}
    </div>
  );
}
