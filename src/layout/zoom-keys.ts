/**
 * Keyboard zoom for the minimap and the time axis (both act on the same time window, in µs
 * from the trace start): + and − zoom in and out around the window's middle, ← and → move it
 * by a tenth of its width (Page Up / Page Down by a half), Home and End move it to the trace's
 * start or end, 0 (and Enter or Space, like a click) show the whole trace again.
 */
import type { TimeWindow } from './time-axis';

export type ZoomKeyResult =
  { readonly kind: 'zoom'; readonly fromUs: number; readonly toUs: number } | { readonly kind: 'reset' };

const ZOOM_STEP = 2;
const PAN_STEP = 0.1;
const PAGE_STEP = 0.5;
/** The narrowest window keys zoom into, so repeated + never ends in an empty axis. */
const MIN_WIDTH_US = 1;

/** What a key does to the window, or undefined when the key is not one of ours (or changes nothing). */
export function zoomKey(key: string, w: TimeWindow, durationUs: number): ZoomKeyResult | undefined {
  const total = Math.max(durationUs, 1);
  const width = w.toUs - w.fromUs;
  const whole = w.fromUs <= 0 && w.toUs >= total;
  const place = (fromUs: number, widthUs: number): ZoomKeyResult | undefined => {
    const wUs = Math.min(total, Math.max(MIN_WIDTH_US, widthUs));
    if (wUs >= total) return whole ? undefined : { kind: 'reset' };
    const from = Math.min(total - wUs, Math.max(0, fromUs));
    if (from === w.fromUs && from + wUs === w.toUs) return undefined;
    return { kind: 'zoom', fromUs: from, toUs: from + wUs };
  };
  const mid = w.fromUs + width / 2;
  const around = (widthUs: number) => {
    const wUs = Math.max(MIN_WIDTH_US, widthUs);
    return place(mid - wUs / 2, wUs);
  };
  switch (key) {
    case '+':
    case '=':
      return around(width / ZOOM_STEP);
    case '-':
    case '_':
      return around(width * ZOOM_STEP);
    case 'ArrowLeft':
    case 'ArrowDown':
      return place(w.fromUs - width * PAN_STEP, width);
    case 'ArrowRight':
    case 'ArrowUp':
      return place(w.fromUs + width * PAN_STEP, width);
    case 'PageDown':
      return place(w.fromUs - width * PAGE_STEP, width);
    case 'PageUp':
      return place(w.fromUs + width * PAGE_STEP, width);
    case 'Home':
      return place(0, width);
    case 'End':
      return place(total - width, width);
    case '0':
    case 'Enter':
    case ' ':
      return whole ? undefined : { kind: 'reset' };
    default:
      return undefined;
  }
}

/** The slider's spoken value: "12 ms to 340 ms of 1.2 s", or "the whole trace, 1.2 s". */
export function windowText(w: TimeWindow, durationUs: number, format: (us: number) => string): string {
  if (w.fromUs <= 0 && w.toUs >= durationUs) return `the whole trace, ${format(durationUs)}`;
  return `${format(w.fromUs)} to ${format(w.toUs)} of ${format(durationUs)}`;
}
