/**
 * The search page and the dependency page offer the same lookback choices (api/lookback.ts),
 * and every `lookback=` value either page ever wrote still opens the same window here.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOOKBACK, LOOKBACK_US, LOOKBACKS } from '../../api/lookback';
import { resolveRange } from '../../api/search/time-range';
import { decodeDepsUrl, encodeDepsUrl, resolveWindow } from './url-state';

// What each page accepted before the lists were merged.
const OLD_DEPS = ['15m', '1h', '6h', '24h', '2d', '7d'];
const OLD_SEARCH = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '24h', '2d', '7d'];
const NOW_MS = 1_760_000_000_000;

describe('one list of lookbacks for search and dependencies', () => {
  it('keeps every old value of both pages, in order of length', () => {
    for (const v of [...OLD_DEPS, ...OLD_SEARCH]) expect(LOOKBACKS).toContain(v);
    const lengths = LOOKBACKS.map((l) => LOOKBACK_US[l]);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(new Set(lengths).size).toBe(LOOKBACKS.length);
  });

  it('parses each value on the dependency page to the window the search page uses', () => {
    for (const l of LOOKBACKS) {
      const deps = decodeDepsUrl(new URLSearchParams(`lookback=${l}`)).range;
      expect(deps, l).toEqual({ kind: 'lookback', lookback: l });
      if (deps.kind !== 'lookback') continue;
      const w = resolveWindow(deps, NOW_MS);
      // The search page resolves the same choice (see search/url-state.test.ts) with resolveRange.
      expect(w, l).toEqual(resolveRange(deps, NOW_MS));
      expect(w.endUs - w.startUs, l).toBe(LOOKBACK_US[l]);
    }
  });

  it('round-trips the lookbacks only search offered before through the dependencies URL', () => {
    for (const l of ['5m', '30m', '3h', '12h'] as const) {
      const url = encodeDepsUrl({ ...decodeDepsUrl(new URLSearchParams()), range: { kind: 'lookback', lookback: l } });
      expect(url).toBe(`/dependencies?lookback=${l}`);
      expect(decodeDepsUrl(new URL(url, 'http://x').searchParams).range).toEqual({ kind: 'lookback', lookback: l });
    }
  });

  it('falls back to the default for an unknown value', () => {
    for (const bad of ['90m', '', '1H', '%E0']) {
      expect(decodeDepsUrl(new URLSearchParams({ lookback: bad })).range).toEqual({
        kind: 'lookback',
        lookback: DEFAULT_LOOKBACK,
      });
    }
  });
});
