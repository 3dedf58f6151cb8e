/**
 * The minimap and the time axis are sliders over the visible time window: focusable, named,
 * with the window as their spoken value, and zoomed from the keyboard (layout/zoom-keys.ts).
 */
import type { KeyboardEvent } from 'react';
import type { TimeWindow } from '../../../layout/time-axis';
import { windowText, zoomKey } from '../../../layout/zoom-keys';
import { formatDuration } from '../../../lib/format';

export const ZOOM_KEYS_HINT = '+ and − zoom, ← and → move, 0 shows the whole trace';

export function zoomSliderProps(
  label: string,
  w: TimeWindow,
  durationUs: number,
  onZoom: (fromUs: number, toUs: number) => void,
  onReset: () => void,
) {
  const total = Math.max(durationUs, 1);
  return {
    role: 'slider',
    tabIndex: 0,
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    // Where the window starts, in percent of the trace; the text says the whole window.
    'aria-valuenow': Math.round((w.fromUs / total) * 100),
    'aria-valuetext': windowText(w, durationUs, formatDuration),
    'aria-keyshortcuts': '+ - ArrowLeft ArrowRight Home End 0',
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const r = zoomKey(e.key, w, durationUs);
      if (!r) return;
      e.preventDefault();
      e.stopPropagation();
      if (r.kind === 'reset') onReset();
      else onZoom(r.fromUs, r.toUs);
    },
  } as const;
}
