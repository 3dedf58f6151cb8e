import { describe, expect, it } from 'vitest';
import { decodeDepsUrl, encodeDepsUrl, resolveWindow } from './url-state';

const parse = (q: string) => decodeDepsUrl(new URLSearchParams(q));

describe('dependencies URL state', () => {
  it('has defaults that stay out of the URL', () => {
    const s = parse('');
    expect(s).toEqual({
      source: undefined,
      range: { kind: 'lookback', lookback: '1h' },
      mode: undefined,
      limit: 100,
      layout: 'layered',
      focus: undefined,
      hops: 1,
      weight: undefined,
      threshold: undefined,
      collapsed: undefined,
    });
    expect(encodeDepsUrl(s)).toBe('/dependencies');
  });

  it('round-trips every parameter', () => {
    const q = 'source=tempo&start=1700000000&end=1700003600&mode=traces&limit=250&layout=force&focus=frontend&hops=3';
    expect(encodeDepsUrl(parse(q))).toBe(`/dependencies?${q}`);
    const map = 'source=demo&weight=critical&min=120000&collapsed=shop&collapsed=platform';
    expect(encodeDepsUrl(parse(map))).toBe(`/dependencies?${map}`);
    expect(parse(map).collapsed).toEqual(['shop', 'platform']);
    // Present but empty: no group collapsed (on a big map the default is all of them).
    expect(parse('collapsed=').collapsed).toEqual([]);
    expect(encodeDepsUrl(parse('collapsed='))).toBe('/dependencies?collapsed=');
    expect(parse('lookback=6h').range).toEqual({ kind: 'lookback', lookback: '6h' });
  });

  it('ignores junk', () => {
    expect(parse('weight=x&min=-3')).toMatchObject({ weight: undefined, threshold: undefined });
    expect(parse('start=10&end=5&lookback=1y&limit=-1&hops=9&mode=x&layout=y')).toMatchObject({
      range: { kind: 'lookback', lookback: '1h' },
      limit: 100,
      hops: 1,
      mode: undefined,
      layout: 'layered',
    });
    expect(parse('limit=999999').limit).toBe(2000);
  });

  it('resolves windows', () => {
    expect(resolveWindow({ kind: 'lookback', lookback: '15m' }, 1_700_000_000_000)).toEqual({
      startUs: 1_700_000_000_000_000 - 900e6,
      endUs: 1_700_000_000_000_000,
    });
    expect(resolveWindow({ kind: 'absolute', startS: 10, endS: 20 }, 0)).toEqual({ startUs: 10e6, endUs: 20e6 });
  });
});
