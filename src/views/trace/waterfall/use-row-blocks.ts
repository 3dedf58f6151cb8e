/**
 * Which rows of the waterfall are in the DOM, in fixed blocks of BLOCK_ROWS rows.
 *
 * Why blocks and not a per-row virtualizer: a per-row window changes on every scroll frame,
 * so every frame re-rendered the body and re-laid out and re-painted rows (about 16 ms of main
 * thread per 100 px wheel step, so the wheel test ran at 42 fps at any trace size). A block
 * range changes once every BLOCK_ROWS rows; between those changes the browser scrolls
 * painted content and the main thread does nothing. A block next to the view is rendered ahead
 * as a transition (React splits it into short slices); only a jump past the rendered blocks
 * (a scrollbar drag, Home/End, selecting a far row) renders at once.
 */
import { startTransition, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { ROW_HEIGHT_PX } from './WaterfallRow';

export const BLOCK_ROWS = 32;
export const BLOCK_PX = BLOCK_ROWS * ROW_HEIGHT_PX;
/** How far beyond the view blocks are rendered ahead, in px (one block each way). */
const AHEAD_PX = BLOCK_PX;

/** Blocks `first..last` (inclusive); `last < first` when there are no rows. */
export interface BlockRange {
  readonly first: number;
  readonly last: number;
}

/** The blocks that cover `[scrollTop - marginPx, scrollTop + viewportPx + marginPx)` of `rowCount` rows. */
export function blocksInView(scrollTop: number, viewportPx: number, rowCount: number, marginPx: number): BlockRange {
  const blocks = Math.ceil(rowCount / BLOCK_ROWS);
  if (blocks === 0) return { first: 0, last: -1 };
  const clamp = (b: number) => Math.min(blocks - 1, Math.max(0, b));
  const first = clamp(Math.floor((scrollTop - marginPx) / BLOCK_PX));
  const last = clamp(Math.floor((scrollTop + Math.max(viewportPx, 1) - 1 + marginPx) / BLOCK_PX));
  return { first, last: Math.max(first, last) };
}

const covers = (outer: BlockRange, inner: BlockRange) => inner.first >= outer.first && inner.last <= outer.last;
const same = (a: BlockRange, b: BlockRange) => a.first === b.first && a.last === b.last;

/** The block range to render for the scroll element `ref`, following its scroll position and size. */
export function useRowBlocks(ref: RefObject<HTMLElement | null>, rowCount: number): BlockRange {
  const [range, setRange] = useState<BlockRange>(() => blocksInView(0, 0, rowCount, AHEAD_PX));
  const shown = useRef(range); // what the DOM has now
  const asked = useRef(range); // the last range asked for (may still be rendering)
  useLayoutEffect(() => {
    shown.current = range;
  }, [range]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const top = el.scrollTop;
      const height = el.clientHeight;
      const want = blocksInView(top, height, rowCount, AHEAD_PX);
      if (same(want, asked.current) && covers(shown.current, blocksInView(top, height, rowCount, 0))) return;
      asked.current = want;
      if (covers(shown.current, blocksInView(top, height, rowCount, 0))) startTransition(() => setRange(want));
      else setRange(want); // the view is past what is rendered: no waiting
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize?.disconnect();
    };
  }, [ref, rowCount]);
  return range;
}

/** Scrolls `el` as little as needed to show row `row` whole (the virtualizer's "auto" alignment). */
export function scrollRowIntoView(el: HTMLElement, row: number): void {
  const top = row * ROW_HEIGHT_PX;
  const bottom = top + ROW_HEIGHT_PX;
  if (top < el.scrollTop) el.scrollTop = top;
  else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
}
