import { describe, expect, it } from 'vitest';
import { minimapRects, type MinimapInput } from './minimap-runs';

/** Which colour covers each pixel when the rectangles are painted in order (the canvas's rule). */
function paint(rects: ReturnType<typeof minimapRects>, w: number, h: number): string[] {
  const px: string[] = new Array<string>(w * h).fill('');
  for (const r of rects)
    for (let y = Math.floor(r.y); y < Math.min(h, Math.ceil(r.y + r.h)); y++)
      for (let x = Math.floor(r.x); x < Math.min(w, Math.ceil(r.x + r.w)); x++) px[y * w + x] = r.color;
  return px;
}

function input(spans: { start: number; dur: number; color: string }[], durationUs: number): MinimapInput {
  // the palette in order of first use, red not first: the error colour is found by its index
  const palette = [...new Set(['a', ...spans.map((s) => s.color), 'red'])];
  return {
    count: spans.length,
    startUs: (p) => spans[p]?.start ?? 0,
    durationUs: (p) => spans[p]?.dur ?? 0,
    colorIndex: (p) => palette.indexOf(spans[p]?.color ?? ''),
    palette,
    errorIndex: palette.indexOf('red'),
    traceDurationUs: durationUs,
  };
}

describe('minimapRects', () => {
  it('draws nothing for no spans', () => {
    expect(minimapRects(input([], 10), 100, 40)).toEqual([]);
  });

  it('gives each span its own rectangle when there are fewer spans than pixel rows', () => {
    const rects = minimapRects(
      input(
        [
          { start: 0, dur: 100, color: 'a' },
          { start: 50, dur: 10, color: 'b' },
        ],
        100,
      ),
      100,
      40,
    );
    expect(rects).toHaveLength(2);
    expect(rects[1]).toMatchObject({ color: 'b', x: 50, w: 10 });
  });

  it('covers the pixels a rectangle per span would, with far fewer rectangles, errors on top', () => {
    // 5,000 spans on a 200×20 strip: a deterministic mix of widths and colours
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const colors = ['a', 'b', 'c', 'red'];
    const spans = Array.from({ length: 5000 }, () => {
      const start = Math.floor(rnd() * 9000);
      return { start, dur: Math.floor(rnd() * rnd() * (10_000 - start)), color: colors[Math.floor(rnd() * 4)] ?? 'a' };
    });
    const w = 200;
    const h = 20;
    const rects = minimapRects(input(spans, 10_000), w, h);
    expect(rects.length).toBeLessThan(spans.length / 2);

    // brute force: every span's own pixels, by row; a pixel is covered iff some span covers it
    const covered = new Array<boolean>(w * h).fill(false);
    const hasError = new Array<boolean>(w * h).fill(false);
    const yScale = (h - 1) / (spans.length - 1);
    spans.forEach((s, p) => {
      const y = Math.min(h - 1, Math.floor(p * yScale));
      const x0 = Math.min(w - 1, Math.floor((s.start * w) / 10_000));
      const x1 = Math.min(w, Math.max(x0 + 1, Math.ceil(((s.start + s.dur) * w) / 10_000)));
      for (let x = x0; x < x1; x++) {
        covered[y * w + x] = true;
        if (s.color === 'red') hasError[y * w + x] = true;
      }
    });
    const painted = paint(rects, w, h);
    painted.forEach((c, i) => {
      expect(c !== '').toBe(covered[i]);
      if (hasError[i]) expect(c).toBe('red');
    });
  });
});
