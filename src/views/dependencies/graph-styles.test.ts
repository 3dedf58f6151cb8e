import { describe, expect, it } from 'vitest';
import { edgeWidthScale, errorColor, nodeSizer, UNKNOWN_COLOR } from './graph-styles';

describe('graph styles', () => {
  it('colours by error rate and says "unknown" in slate', () => {
    expect(errorColor(0)).toBe('rgb(22, 163, 74)');
    expect(errorColor(1)).toBe('rgb(220, 38, 38)');
    expect(errorColor(undefined)).toBe(UNKNOWN_COLOR);
  });
  it('grows nodes and edges with calls, within bounds', () => {
    const size = nodeSizer(100);
    expect(size('frontend', 0).height).toBe(34);
    expect(size('frontend', 100).height).toBe(64);
    expect(size('x', 1).width).toBe(96);
    const w = edgeWidthScale(100);
    expect(w(1)).toBeLessThan(w(50));
    expect(w(1000)).toBe(7);
  });
});

describe('tint', () => {
  it('adds alpha to rgb() and #rrggbb colours', async () => {
    const { tint } = await import('./graph-styles');
    expect(tint('rgb(1, 2, 3)', 0.5)).toBe('rgba(1, 2, 3, 0.5)');
    expect(tint('#64748b', 0.5)).toBe('#64748b80');
  });
});
