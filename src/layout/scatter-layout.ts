/**
 * The search scatter plot: trace start time (x) × duration (y). Coordinate spaces: inputs
 * are absolute µs since the epoch (x) and durations in µs (y); outputs are CSS pixels inside
 * the plot area (0,0 top-left, [width, height] bottom-right), margins excluded. The y axis is
 * logarithmic when durations span more than 20×, so one slow outlier does not flatten the rest.
 */
import { scaleLinear, scaleLog, scaleTime } from 'd3-scale';
import { formatDuration } from '../lib/format';

export interface ScatterInput {
  readonly startUnixUs: number;
  readonly durationUs: number;
}

export interface ScatterTick {
  readonly px: number;
  readonly label: string;
}

export interface ScatterLayout {
  /** Per input, in input order. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly xTicks: readonly ScatterTick[];
  readonly yTicks: readonly ScatterTick[];
  readonly log: boolean;
}

export interface ScatterOptions {
  readonly width: number;
  readonly height: number;
  /** The searched window, µs since the epoch: the x domain covers at least the results. */
  readonly fromUs?: number | undefined;
  readonly toUs?: number | undefined;
  /** Formats an x tick (µs since the epoch); injectable so tests do not depend on the time zone. */
  readonly formatTime?: (us: number, spanUs: number) => string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local time: "09:03:07", "09:03", or "Jan 5 09:03" for a range over 36 h (no Intl: see lib/format.ts). */
export function defaultTimeLabel(us: number, spanUs: number): string {
  const d = new Date(us / 1000);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (spanUs < 5 * 60e6) return `${hm}:${String(d.getSeconds()).padStart(2, '0')}`;
  if (spanUs < 36 * 3600e6) return hm;
  return `${MONTHS[d.getMonth()] ?? ''} ${d.getDate()} ${hm}`;
}

export function scatterLayout(points: readonly ScatterInput[], o: ScatterOptions): ScatterLayout {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = 0;
  for (const p of points) {
    minX = Math.min(minX, p.startUnixUs);
    maxX = Math.max(maxX, p.startUnixUs);
    if (p.durationUs > 0) minY = Math.min(minY, p.durationUs);
    maxY = Math.max(maxY, p.durationUs);
  }
  // x: the results' extent, padded 3% so edge points are not cut; a single point gets ±1 min.
  if (!Number.isFinite(minX)) [minX, maxX] = [o.fromUs ?? 0, o.toUs ?? 60e6];
  if (maxX - minX < 1000) [minX, maxX] = [minX - 60e6, maxX + 60e6];
  const padX = (maxX - minX) * 0.03;
  const x = scaleTime()
    .domain([new Date((minX - padX) / 1000), new Date((maxX + padX) / 1000)])
    .range([0, o.width]);
  const xUs = (us: number) => x(new Date(us / 1000));

  if (!Number.isFinite(minY)) minY = 1;
  if (maxY <= minY) maxY = minY * 2;
  const log = maxY / minY > 20;
  const y = log
    ? scaleLog()
        .domain([niceLogBound(minY / 1.05, 'down'), niceLogBound(maxY * 1.05, 'up')])
        .range([o.height, 0])
        .clamp(true)
    : scaleLinear()
        .domain([0, maxY * 1.1])
        .range([o.height, 0])
        .nice();

  const xs = new Float64Array(points.length);
  const ys = new Float64Array(points.length);
  points.forEach((p, i) => {
    xs[i] = xUs(p.startUnixUs);
    ys[i] = y(Math.max(p.durationUs, log ? minY : 0));
  });

  const spanUs = maxX - minX + 2 * padX;
  const fmt = o.formatTime ?? defaultTimeLabel;
  const xTicks = x
    .ticks(Math.max(2, Math.floor(o.width / 110)))
    .map((d) => ({ px: x(d), label: fmt(d.getTime() * 1000, spanUs) }));
  const yValues = log ? logTicks(y.domain(), (v) => y(v)) : y.ticks(Math.max(2, Math.floor(o.height / 36)));
  const yTicks = yValues.map((v) => ({ px: y(v), label: formatDuration(v) }));
  return { xs, ys, xTicks, yTicks, log };
}

/**
 * The nearest 1 or 3 × 10^n at or beyond v, so a log axis ends on a labelled round value
 * (a 760 ms trace sits under a "1 s" tick, not above the last label).
 */
function niceLogBound(v: number, dir: 'up' | 'down'): number {
  const e = Math.floor(Math.log10(v));
  const steps = [1, 3, 10].map((m) => m * 10 ** e);
  if (dir === 'up') return steps.find((s) => s >= v) ?? 10 ** (e + 1);
  return [...steps].reverse().find((s) => s <= v) ?? 10 ** e;
}

/** Minimum gap between y labels, px (10 px text). */
const MIN_LABEL_GAP_PX = 20;

/**
 * Round log ticks: 1-2-5 per decade if they fit, else 1-3, else powers of ten only
 * (every other one when even those crowd), so a wide range still gets several labels.
 */
function logTicks(domain: readonly number[], toPx: (v: number) => number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of domain) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  let best: number[] = [];
  for (const mantissas of [[1, 2, 5], [1, 3], [1]]) {
    const values: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = m * 10 ** e;
        if (v >= lo && v <= hi) values.push(v);
      }
    }
    best = values;
    const px = values.map(toPx);
    const gap = px.slice(1).reduce((g, p, i) => Math.min(g, Math.abs(p - (px[i] ?? p))), Infinity);
    if (gap >= MIN_LABEL_GAP_PX) return values;
  }
  return best.filter((_, i) => i % 2 === 0);
}

/** Index of the point nearest to (px, py) within `radius` px, or -1. Linear: 1,000 points take microseconds. */
export function nearestPoint(layout: Pick<ScatterLayout, 'xs' | 'ys'>, px: number, py: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < layout.xs.length; i++) {
    const dx = (layout.xs[i] ?? 0) - px;
    const dy = (layout.ys[i] ?? 0) - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}
