import { describe, expect, it } from 'vitest';
import { defaultTimeLabel, nearestPoint, scatterLayout } from './scatter-layout';

const T0 = Date.UTC(2026, 10, 25, 10) * 1000;
const fmt = (us: number) => new Date(us / 1000).toISOString().slice(11, 16);

describe('scatterLayout', () => {
  it('places later traces right and slower traces higher, inside the plot', () => {
    const pts = [
      { startUnixUs: T0, durationUs: 100_000 },
      { startUnixUs: T0 + 600e6, durationUs: 900_000 },
      { startUnixUs: T0 + 1200e6, durationUs: 500_000 },
    ];
    const l = scatterLayout(pts, { width: 800, height: 200, formatTime: fmt });
    expect(l.log).toBe(false);
    expect(l.xs[0]!).toBeLessThan(l.xs[1]!);
    expect(l.xs[1]!).toBeLessThan(l.xs[2]!);
    expect(l.ys[1]!).toBeLessThan(l.ys[2]!); // y grows downward
    expect(l.ys[2]!).toBeLessThan(l.ys[0]!);
    for (let i = 0; i < 3; i++) {
      expect(l.xs[i]!).toBeGreaterThan(0);
      expect(l.xs[i]!).toBeLessThan(800);
      expect(l.ys[i]!).toBeGreaterThanOrEqual(0);
      expect(l.ys[i]!).toBeLessThanOrEqual(200);
    }
    expect(l.xTicks.length).toBeGreaterThanOrEqual(2);
    expect(l.xTicks.every((t) => /^\d\d:\d\d$/.test(t.label))).toBe(true);
    expect(l.yTicks.map((t) => t.label)).toContain('400 ms');
  });

  it('switches to a log axis when durations span more than 20×, with round ticks', () => {
    const l = scatterLayout(
      [
        { startUnixUs: T0, durationUs: 1000 },
        { startUnixUs: T0 + 1e6, durationUs: 5_000_000 },
      ],
      { width: 600, height: 160 },
    );
    expect(l.log).toBe(true);
    expect(l.yTicks.length).toBeGreaterThan(1);
    expect(l.yTicks.every((t) => /^[1235]/.test(t.label))).toBe(true);
    const gaps = l.yTicks.slice(1).map((t, i) => Math.abs(t.px - l.yTicks[i]!.px));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(20);
  });

  it('labels a narrow log range (15 ms … 1 s in 140 px) with several ticks, not one', () => {
    const l = scatterLayout(
      [
        { startUnixUs: T0, durationUs: 19_000 },
        { startUnixUs: T0 + 1e6, durationUs: 753_000 },
      ],
      { width: 600, height: 140 },
    );
    expect(l.log).toBe(true);
    expect(l.yTicks.length).toBeGreaterThanOrEqual(3);
  });

  it('ends a log axis on a labelled round value above the slowest point (760 ms under "1 s")', () => {
    const l = scatterLayout(
      [
        { startUnixUs: T0, durationUs: 2_300 },
        { startUnixUs: T0 + 1e6, durationUs: 760_000 },
      ],
      { width: 600, height: 130 },
    );
    expect(l.log).toBe(true);
    const top = l.yTicks.reduce((a, b) => (b.px < a.px ? b : a));
    expect(top.label).toBe('1 s');
    expect(top.px).toBeLessThanOrEqual(l.ys[1]!);
    const bottom = l.yTicks.reduce((a, b) => (b.px > a.px ? b : a));
    expect(bottom.px).toBeGreaterThanOrEqual(l.ys[0]!);
  });

  it('copes with one point, zero durations and no points', () => {
    const one = scatterLayout([{ startUnixUs: T0, durationUs: 0 }], { width: 400, height: 100 });
    expect(Number.isFinite(one.xs[0]!)).toBe(true);
    expect(one.ys[0]).toBe(100);
    const none = scatterLayout([], { width: 400, height: 100, fromUs: T0, toUs: T0 + 3600e6 });
    expect(none.xs.length).toBe(0);
    expect(none.xTicks.length).toBeGreaterThan(0);
  });
});

describe('nearestPoint', () => {
  it('finds the closest point within the radius', () => {
    const l = { xs: Float64Array.from([10, 50, 52]), ys: Float64Array.from([10, 50, 50]) };
    expect(nearestPoint(l, 53, 51, 6)).toBe(2);
    expect(nearestPoint(l, 11, 11, 6)).toBe(0);
    expect(nearestPoint(l, 200, 200, 6)).toBe(-1);
  });
});

describe('defaultTimeLabel', () => {
  it('gives seconds for short ranges, minutes for a day, and the month and day beyond 36 h', () => {
    const us = new Date(2026, 0, 5, 9, 3, 7).getTime() * 1000; // local time, whatever the zone
    expect(defaultTimeLabel(us, 60e6)).toBe('09:03:07');
    expect(defaultTimeLabel(us, 3600e6)).toBe('09:03');
    expect(defaultTimeLabel(us, 72 * 3600e6)).toBe('Jan 5 09:03');
  });
});
