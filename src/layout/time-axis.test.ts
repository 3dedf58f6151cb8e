import { describe, expect, it } from 'vitest';
import { barPercent, clampWindow, durationLabelPlace, fractionToUs, timeTicks, usToFraction } from './time-axis';

describe('time axis', () => {
  it('clamps a zoom into the trace and ignores empty ones', () => {
    expect(clampWindow(undefined, 1000)).toEqual({ fromUs: 0, toUs: 1000 });
    expect(clampWindow([900, -5], 1000)).toEqual({ fromUs: 0, toUs: 900 });
    expect(clampWindow([200, 5000], 1000)).toEqual({ fromUs: 200, toUs: 1000 });
    expect(clampWindow([300, 300], 1000)).toEqual({ fromUs: 0, toUs: 1000 });
  });

  it('converts between µs and fractions of the window', () => {
    const w = { fromUs: 100, toUs: 300 };
    expect(usToFraction(w, 200)).toBe(0.5);
    expect(fractionToUs(w, 0.25)).toBe(150);
  });

  it('puts nice ticks with readable labels inside the window', () => {
    const ticks = timeTicks({ fromUs: 0, toUs: 760_000 }, 800);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks[0]).toEqual({ us: 0, fraction: 0, label: '0 µs' });
    expect(ticks.map((t) => t.label)).toContain('500 ms');
    for (const t of ticks) expect(t.fraction).toBeGreaterThanOrEqual(0);
  });

  it('clips bars to the window and keeps tiny bars visible', () => {
    expect(barPercent({ fromUs: 0, toUs: 1000 }, 250, 500)).toEqual({ leftPct: 25, widthPct: 25 });
    expect(barPercent({ fromUs: 500, toUs: 1000 }, 250, 750)).toEqual({ leftPct: 0, widthPct: 50 });
    expect(barPercent({ fromUs: 0, toUs: 1e7 }, 10, 11).widthPct).toBe(0.15);
  });
});

describe('durationLabelPlace', () => {
  it('puts the label after a bar that ends early, before one that starts late, and inside one that fills the row', () => {
    expect(durationLabelPlace({ leftPct: 10, widthPct: 30 })).toBe('after');
    expect(durationLabelPlace({ leftPct: 60, widthPct: 39 })).toBe('before');
    // The case that cut "220 ms" down to "ms": a bar from 4% to 92% has no room on either side.
    expect(durationLabelPlace({ leftPct: 4, widthPct: 88 })).toBe('inside');
    expect(durationLabelPlace({ leftPct: 0, widthPct: 100 })).toBe('inside');
  });
});
