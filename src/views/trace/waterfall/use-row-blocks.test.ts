import { describe, expect, it } from 'vitest';
import { BLOCK_PX, BLOCK_ROWS, blocksInView, scrollRowIntoView } from './use-row-blocks';
import { ROW_HEIGHT_PX } from './WaterfallRow';

describe('blocksInView', () => {
  it('has no blocks without rows', () => {
    const r = blocksInView(0, 800, 0, BLOCK_PX);
    expect(r.last).toBeLessThan(r.first);
  });

  it('covers the view plus the margin, clamped to the rows that exist', () => {
    expect(blocksInView(0, 800, 10_000, 0)).toEqual({ first: 0, last: 0 });
    expect(blocksInView(0, 800, 10_000, BLOCK_PX)).toEqual({ first: 0, last: 1 });
    // scrolled to the middle of block 10: one block either side of the one in view
    const top = 10 * BLOCK_PX + 10;
    expect(blocksInView(top, 200, 10_000, BLOCK_PX)).toEqual({ first: 9, last: 11 });
    // the last block is partial and is never passed
    const rows = 5 * BLOCK_ROWS + 3;
    expect(blocksInView(rows * ROW_HEIGHT_PX, 800, rows, BLOCK_PX)).toEqual({ first: 4, last: 5 });
  });

  it('changes only when a block boundary is crossed, not on every scroll step', () => {
    const seen = new Set<string>();
    for (let top = 0; top < 10 * BLOCK_PX; top += 100) {
      const r = blocksInView(top, 800, 100_000, BLOCK_PX);
      seen.add(`${r.first}-${r.last}`);
      // the view itself is always inside the range
      expect(r.first * BLOCK_PX).toBeLessThanOrEqual(top);
      expect((r.last + 1) * BLOCK_PX).toBeGreaterThanOrEqual(top + 800);
    }
    expect(seen.size).toBeGreaterThan(5);
    expect(seen.size).toBeLessThan(100); // 100 scroll steps, far fewer renders
  });
});

describe('scrollRowIntoView', () => {
  const el = (scrollTop: number) => ({ scrollTop, clientHeight: 10 * ROW_HEIGHT_PX }) as unknown as HTMLElement;

  it('scrolls as little as needed and not at all when the row is in view', () => {
    const a = el(0);
    scrollRowIntoView(a, 5);
    expect(a.scrollTop).toBe(0);
    scrollRowIntoView(a, 30); // below: its bottom edge meets the view's
    expect(a.scrollTop).toBe(31 * ROW_HEIGHT_PX - 10 * ROW_HEIGHT_PX);
    scrollRowIntoView(a, 2); // above: its top edge meets the view's
    expect(a.scrollTop).toBe(2 * ROW_HEIGHT_PX);
  });
});
