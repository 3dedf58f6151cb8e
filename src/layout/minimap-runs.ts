/**
 * What the minimap draws, as a short list of rectangles.
 *
 * A trace with more spans than the strip has pixel rows puts many spans on each pixel row;
 * drawing each one (a fillRect per span) took 0.9 s at 1M spans, one main-thread task. Here
 * each pixel row keeps, per colour, a difference array over x: a span adds +1 where it starts
 * and -1 after it ends, and one prefix sum turns that into runs of covered pixels. The cost is
 * one pass over the spans plus the pixels of the rows and colours that occur, and the canvas
 * gets one rectangle per run. Error spans are drawn last so they stay visible.
 */

export interface MinimapRect {
  readonly color: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface MinimapInput {
  /** Spans in display (pre-)order: start and duration in µs from the trace start. */
  readonly count: number;
  readonly startUs: (p: number) => number;
  readonly durationUs: (p: number) => number;
  /**
   * The p-th span's colour (its service's, or the error red) as an index into `palette`: an
   * index, not a string, so the pass over 1M spans does no string lookups.
   */
  readonly colorIndex: (p: number) => number;
  readonly palette: readonly string[];
  /** The error red's index in `palette` (drawn last). */
  readonly errorIndex: number;
  readonly traceDurationUs: number;
}

/** Rectangles covering the canvas pixels `count` spans occupy on a `w`×`h` strip. */
export function minimapRects(input: MinimapInput, w: number, h: number): MinimapRect[] {
  const n = input.count;
  const width = Math.max(1, Math.floor(w));
  if (n === 0 || h <= 0) return [];
  const xScale = width / Math.max(input.traceDurationUs, 1);
  const rowH = Math.max(1, Math.min(4, h / n));
  const yScale = (h - rowH) / Math.max(1, n - 1);

  if (n <= h) {
    // Few spans: one rectangle each, at its own height.
    const out: MinimapRect[] = [];
    for (let p = 0; p < n; p++) {
      out.push({
        color: input.palette[input.colorIndex(p)] ?? '',
        x: input.startUs(p) * xScale,
        y: p * yScale,
        w: Math.max(1, input.durationUs(p) * xScale),
        h: rowH,
      });
    }
    return out;
  }

  const rows = Math.max(1, Math.floor(h));
  // one difference array per (pixel row, colour) that occurs
  const diffs = new Map<number, Int32Array>();
  for (let p = 0; p < n; p++) {
    const c = input.colorIndex(p);
    const y = Math.min(rows - 1, Math.floor(p * yScale));
    const x0 = Math.min(width - 1, Math.max(0, Math.floor(input.startUs(p) * xScale)));
    const x1 = Math.min(width, Math.max(x0 + 1, Math.ceil((input.startUs(p) + input.durationUs(p)) * xScale)));
    const key = y * 65536 + c;
    let d = diffs.get(key);
    if (!d) {
      d = new Int32Array(width + 1);
      diffs.set(key, d);
    }
    d[x0] = (d[x0] ?? 0) + 1;
    d[x1] = (d[x1] ?? 0) - 1;
  }

  const errorC = input.errorIndex;
  const keys = [...diffs.keys()].sort((a, b) => {
    const ca = a % 65536;
    const cb = b % 65536;
    const ea = ca === errorC ? 1 : 0;
    const eb = cb === errorC ? 1 : 0;
    return ea - eb || ca - cb || a - b;
  });
  const out: MinimapRect[] = [];
  for (const key of keys) {
    const d = diffs.get(key);
    if (!d) continue;
    const y = Math.floor(key / 65536);
    const color = input.palette[key % 65536] ?? '';
    let cover = 0;
    let runStart = -1;
    for (let x = 0; x <= width; x++) {
      cover += x < width ? (d[x] ?? 0) : 0;
      const on = x < width && cover > 0;
      if (on && runStart < 0) runStart = x;
      else if (!on && runStart >= 0) {
        out.push({ color, x: runStart, y, w: x - runStart, h: 1 });
        runStart = -1;
      }
    }
  }
  return out;
}
