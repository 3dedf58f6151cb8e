/**
 * The waterfall's time axis. Coordinate spaces: `Us` are µs from the trace start; a
 * "fraction" is 0..1 across the visible window [fromUs, toUs]. Bars and ticks are placed
 * as percentages of the timeline column, so no pixel width is needed except to pick how
 * many ticks fit.
 */
import { scaleLinear } from 'd3-scale';
import { formatDuration } from '../lib/format';

export interface TimeWindow {
  readonly fromUs: number;
  readonly toUs: number;
}

export interface Tick {
  readonly us: number;
  readonly fraction: number;
  readonly label: string;
}

/** The window a zoom asks for, clamped into the trace and at least 1 µs wide. */
export function clampWindow(zoom: readonly [number, number] | undefined, durationUs: number): TimeWindow {
  const full = { fromUs: 0, toUs: Math.max(durationUs, 1) };
  if (!zoom) return full;
  const from = Math.max(0, Math.min(zoom[0], zoom[1]));
  const to = Math.min(full.toUs, Math.max(zoom[0], zoom[1]));
  if (!(to - from >= 1)) return full;
  return { fromUs: from, toUs: to };
}

export const usToFraction = (w: TimeWindow, us: number) => (us - w.fromUs) / (w.toUs - w.fromUs);
export const fractionToUs = (w: TimeWindow, f: number) => w.fromUs + f * (w.toUs - w.fromUs);

/** "Nice" ticks across the window, about one per 100 px; labels are offsets from the trace start. */
export function timeTicks(w: TimeWindow, widthPx: number): Tick[] {
  const count = Math.max(2, Math.min(12, Math.floor(widthPx / 100)));
  const scale = scaleLinear().domain([w.fromUs, w.toUs]).range([0, 1]);
  return scale.ticks(count).map((us) => ({ us, fraction: scale(us), label: formatDuration(us) }));
}

/**
 * Where a bar's duration label goes: after the bar while it ends before 78% of the row, else
 * before it when at least 15% of the row is free there, else inside the bar, at its end (a bar
 * that fills the row would otherwise push its label off the row's left edge).
 */
export function durationLabelPlace(bar: { leftPct: number; widthPct: number }): 'after' | 'before' | 'inside' {
  if (bar.leftPct + bar.widthPct < 78) return 'after';
  return bar.leftPct >= 15 ? 'before' : 'inside';
}

/**
 * A bar's left and width as percentages of the window, clipped to it; width at least
 * `minPct` so a 1 µs span in a 10 s trace is still visible.
 */
export function barPercent(
  w: TimeWindow,
  startUs: number,
  endUs: number,
  minPct = 0.15,
): { leftPct: number; widthPct: number } {
  const left = Math.max(0, usToFraction(w, startUs)) * 100;
  const right = Math.min(1, usToFraction(w, endUs)) * 100;
  const width = Math.max(minPct, right - left);
  return { leftPct: Math.min(left, 100 - minPct), widthPct: width };
}
