/**
 * Drag across an element to pick a range, as fractions 0..1 of its width; a click without
 * a drag (under 4 px) calls onClick instead. Used by the minimap and the time axis.
 */
import { useState, type PointerEvent } from 'react';

const CLICK_PX = 4;

export function useDragRange(onRange: (from: number, to: number) => void, onClick: () => void) {
  const [drag, setDrag] = useState<{ startPx: number; nowPx: number; widthPx: number } | undefined>(undefined);
  const local = (e: PointerEvent<HTMLElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { px: Math.min(box.width, Math.max(0, e.clientX - box.left)), width: box.width };
  };
  const handlers = {
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      if (e.button !== 0) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      const { px, width } = local(e);
      setDrag({ startPx: px, nowPx: px, widthPx: width });
    },
    onPointerMove: (e: PointerEvent<HTMLElement>) => {
      if (!drag) return;
      setDrag({ ...drag, nowPx: local(e).px });
    },
    onPointerUp: (e: PointerEvent<HTMLElement>) => {
      if (!drag) return;
      const end = local(e).px;
      setDrag(undefined);
      if (Math.abs(end - drag.startPx) < CLICK_PX || drag.widthPx <= 0) onClick();
      else onRange(Math.min(end, drag.startPx) / drag.widthPx, Math.max(end, drag.startPx) / drag.widthPx);
    },
    onPointerCancel: () => setDrag(undefined),
  };
  const range =
    drag && Math.abs(drag.nowPx - drag.startPx) >= CLICK_PX && drag.widthPx > 0
      ? {
          from: Math.min(drag.nowPx, drag.startPx) / drag.widthPx,
          to: Math.max(drag.nowPx, drag.startPx) / drag.widthPx,
        }
      : undefined;
  return { handlers, range };
}
