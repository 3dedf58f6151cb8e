import { useLayoutEffect, useRef, useState } from 'react';
import { fractionToUs, timeTicks, type TimeWindow } from '../../../layout/time-axis';
import { useDragRange } from './use-drag-range';
import { ZOOM_KEYS_HINT, zoomSliderProps } from './zoom-slider';

/** Tick labels over the timeline column; drag across it to zoom, click to reset the zoom; keys zoom too (zoom-slider.ts). */
export function TimeAxis({
  window: w,
  durationUs,
  onZoom,
  onReset,
}: {
  window: TimeWindow;
  durationUs: number;
  onZoom: (fromUs: number, toUs: number) => void;
  onReset: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const widthPx = useWidth(ref);
  const ticks = timeTicks(w, widthPx);
  const { handlers, range } = useDragRange((a, b) => onZoom(fractionToUs(w, a), fractionToUs(w, b)), onReset);
  return (
    <div
      ref={ref}
      {...handlers}
      {...zoomSliderProps('Time axis', w, durationUs, onZoom, onReset)}
      title={`Drag to zoom into a time window; click to reset. Keys: ${ZOOM_KEYS_HINT}`}
      className="relative h-7 cursor-col-resize touch-none select-none focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400"
    >
      {ticks.map((t) =>
        // A label needs about 60 px to its right; near the end it would be clipped or collide.
        (1 - t.fraction) * widthPx < 60 ? null : (
          <span
            key={t.us}
            className="absolute top-1.5 pl-1 text-xs whitespace-nowrap text-slate-500 tabular-nums dark:text-slate-400"
            style={{ left: `${t.fraction * 100}%` }}
          >
            {t.label}
          </span>
        ),
      )}
      {ticks.map((t) => (
        <span
          key={`l${t.us}`}
          className="absolute bottom-0 h-2 w-px bg-slate-400 dark:bg-slate-500"
          style={{ left: `${t.fraction * 100}%` }}
          aria-hidden
        />
      ))}
      {range && (
        <div
          className="absolute inset-y-0 bg-sky-500/25 ring-1 ring-sky-500"
          style={{ left: `${range.from * 100}%`, width: `${(range.to - range.from) * 100}%` }}
        />
      )}
    </div>
  );
}

export function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(800);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
