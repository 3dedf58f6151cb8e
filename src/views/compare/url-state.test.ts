import { describe, expect, it } from 'vitest';
import { decodeCompareUrl, encodeCompareUrl } from './url-state';

describe('compare URL state', () => {
  it('one source serves both sides; sourceA/sourceB override it', () => {
    expect(decodeCompareUrl(new URLSearchParams('source=jaeger'))).toMatchObject({
      sourceA: 'jaeger',
      sourceB: 'jaeger',
      sort: 'critical',
      minPercent: 0,
    });
    expect(decodeCompareUrl(new URLSearchParams('source=jaeger&sourceB=file'))).toMatchObject({
      sourceA: 'jaeger',
      sourceB: 'file',
    });
  });

  it('round-trips, leaving defaults and unrelated parameters as they were', () => {
    const base = new URLSearchParams('x=1&sourceA=file&sourceB=demo');
    const state = { ...decodeCompareUrl(base), sort: 'count' as const, minPercent: 20, node: 'k1', startA: 5 };
    const out = encodeCompareUrl(base, state);
    expect(out.toString()).toBe('x=1&sourceA=file&sourceB=demo&startA=5&sort=count&min=20&node=k1');
    expect(decodeCompareUrl(out)).toEqual(state);
    const same = encodeCompareUrl(out, { ...state, sourceB: 'file' });
    expect(same.get('source')).toBe('file');
    expect(same.has('sourceA')).toBe(false);
  });

  it('ignores a bad sort or a negative threshold', () => {
    expect(decodeCompareUrl(new URLSearchParams('sort=evil&min=-5'))).toMatchObject({
      sort: 'critical',
      minPercent: 0,
    });
  });
});
