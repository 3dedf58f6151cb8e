/**
 * The whole trace in one strip: every span as a thin line (rows compressed to the strip's
 * height, spans sharing a pixel row merged), drawn once per trace and width and shown as an image. The current zoom window is outlined;
 * drag across the strip to zoom, click to reset. From the keyboard it is a slider over the
 * window (zoom-slider.ts).
 */
import { useEffect, useRef } from 'react';
import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import type { TimeWindow } from '../../../layout/time-axis';
import { minimapRects } from '../../../layout/minimap-runs';
import { traceSpanTimes } from '../../../layout/trace-facts';
import { spanColumnsOf } from '../../../model/span-columns';
import { useDragRange } from './use-drag-range';
import { useWidth } from './TimeAxis';
import { ZOOM_KEYS_HINT, zoomSliderProps } from './zoom-slider';

const HEIGHT_PX = 44;

interface Props {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly colors: ReadonlyMap<string, string>;
  readonly window: TimeWindow;
  readonly zoomed: boolean;
  readonly onZoom: (fromUs: number, toUs: number) => void;
  readonly onReset: () => void;
}

export function Minimap({ trace, analysis, colors, window: w, zoomed, onZoom, onReset }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const imgRef = useRef<HTMLImageElement>(null);
  const widthPx = useWidth(boxRef);
  const durationUs = Math.max(trace.durationUs, 1);

  useEffect(() => {
    const img = imgRef.current;
    if (!img || widthPx <= 0) return;
    const dpr = globalThis.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    canvas.width = Math.round(widthPx * dpr);
    canvas.height = Math.round(HEIGHT_PX * dpr);
    let url: string | undefined;
    let live = true;
    // After the next frame, in a task of its own: at 1M spans it takes ~0.1 s, and a timer set
    // now ran before the page's first frame with rows (measured: that frame came ~0.2 s after
    // the rows were in the DOM). The strip is shown as an image, not a canvas in the page: a
    // canvas is a layer of its own, and with it the wheel test lost ~7 fps.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        drawMinimap(ctx, trace, analysis, colors, canvas.width, canvas.height);
        canvas.toBlob((blob) => {
          if (!live || !blob) return;
          url = URL.createObjectURL(blob);
          img.src = url;
        });
      }, 0);
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [trace, analysis, colors, widthPx]);

  const { handlers, range } = useDragRange((a, b) => onZoom(a * durationUs, b * durationUs), onReset);
  const from = w.fromUs / durationUs;
  const to = w.toUs / durationUs;
  return (
    <div
      ref={boxRef}
      {...handlers}
      {...zoomSliderProps('Trace minimap: drag to zoom, click to reset', w, trace.durationUs, onZoom, onReset)}
      title={`Drag to zoom into a time window; click to reset. Keys: ${ZOOM_KEYS_HINT}`}
      className="relative cursor-crosshair touch-none overflow-hidden rounded-md border border-slate-200 bg-slate-50 select-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:bg-slate-950 dark:focus-visible:outline-sky-400"
      style={{ height: HEIGHT_PX }}
    >
      <img ref={imgRef} alt="" className="absolute inset-0 h-full w-full" draggable={false} />
      {zoomed && (
        <>
          <div
            className="absolute inset-y-0 left-0 bg-slate-900/30 dark:bg-black/50"
            style={{ width: `${from * 100}%` }}
          />
          <div
            className="absolute inset-y-0 right-0 bg-slate-900/30 dark:bg-black/50"
            style={{ width: `${(1 - to) * 100}%` }}
          />
          <div
            data-testid="minimap-window"
            className="absolute inset-y-0 ring-2 ring-sky-600 ring-inset"
            style={{ left: `${from * 100}%`, width: `${(to - from) * 100}%` }}
          />
        </>
      )}
      {range && (
        <div
          className="absolute inset-y-0 bg-sky-500/30 ring-1 ring-sky-500"
          style={{ left: `${range.from * 100}%`, width: `${(range.to - range.from) * 100}%` }}
        />
      )}
    </div>
  );
}

const ERROR_COLOR = '#dc2626';
const FALLBACK_COLOR = '#64748b';

/**
 * Each span's palette index, by span index (the pre-order walk in minimapRects reads only
 * typed arrays). An unpacked trace's columns are read (model/span-columns.ts): reading each
 * span object in pre-order (a random order in memory) was most of a 1M-span minimap's time.
 */
export function minimapColors(
  trace: Trace,
  serviceIndex: ReadonlyMap<string, number>,
  fallback: number,
  errorIndex: number,
): Uint16Array {
  const n = trace.spans.length;
  const color = new Uint16Array(n);
  const columns = spanColumnsOf(trace);
  if (columns === undefined) {
    trace.spans.forEach((span, i) => {
      color[i] = span.status.code === 'error' ? errorIndex : (serviceIndex.get(span.service) ?? fallback);
    });
    return color;
  }
  // neighbours mostly share a service: one Map lookup per change of service
  let lastService = -2;
  let lastIndex = fallback;
  for (let i = 0; i < n; i++) {
    if (columns.isError(i)) color[i] = errorIndex;
    else {
      const service = columns.service[i] ?? -1;
      if (service !== lastService) {
        lastService = service;
        lastIndex = serviceIndex.get(columns.strings[service] ?? '') ?? fallback;
      }
      color[i] = lastIndex;
    }
  }
  return color;
}

/** The spans in pre-order as rectangles (layout/minimap-runs.ts merges the ones sharing a pixel row). */
function drawMinimap(
  ctx: CanvasRenderingContext2D,
  trace: Trace,
  analysis: CoreAnalysis,
  colors: ReadonlyMap<string, string>,
  w: number,
  h: number,
) {
  ctx.clearRect(0, 0, w, h);
  const order = analysis.tree.preorder;
  // Palette: the services' colours, the fallback grey, then the error red.
  const serviceIndex = new Map<string, number>();
  const palette: string[] = [];
  for (const [service, color] of colors) {
    serviceIndex.set(service, palette.length);
    palette.push(color);
  }
  const fallback = palette.push(FALLBACK_COLOR) - 1;
  const errorIndex = palette.push(ERROR_COLOR) - 1;
  const color = minimapColors(trace, serviceIndex, fallback, errorIndex);
  const { startUs, endUs } = traceSpanTimes(trace); // cached per trace, shared with the waterfall
  const rects = minimapRects(
    {
      count: order.length,
      startUs: (p) => startUs[order[p] ?? 0] ?? 0,
      durationUs: (p) => {
        const i = order[p] ?? 0;
        return (endUs[i] ?? 0) - (startUs[i] ?? 0);
      },
      colorIndex: (p) => color[order[p] ?? 0] ?? fallback,
      palette,
      errorIndex,
      traceDurationUs: trace.durationUs,
    },
    w,
    h,
  );
  let lastColor = '';
  for (const r of rects) {
    if (r.color !== lastColor) {
      ctx.fillStyle = r.color;
      lastColor = r.color;
    }
    ctx.fillRect(r.x, r.y, r.w, r.h);
  }
}
