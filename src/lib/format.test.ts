import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatCount, formatDuration, formatPercent } from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 µs'],
    [12, '12 µs'],
    [0.4, '0.4 µs'],
    [999, '999 µs'],
    [999.7, '1 ms'],
    [1500, '1.5 ms'],
    [2000, '2 ms'],
    [9960, '10 ms'],
    [12_345, '12 ms'],
    [760_000, '760 ms'],
    [999_600, '1 s'],
    [1_800_000, '1.8 s'],
    [42_000_000, '42 s'],
    [59_700_000, '1 min'],
    [125_000_000, '2 min 5 s'],
    [3_780_000_000, '1 h 3 min'],
    [-1500, '-1.5 ms'],
  ])('%d µs → %s', (us, text) => {
    expect(formatDuration(us)).toBe(text);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.42, '42%'],
    [0, '0%'],
    [0.001, '<1%'],
    [1, '100%'],
    [0.998, '>99%'],
    [0.265, '27%'],
  ])('%d → %s', (share, text) => {
    expect(formatPercent(share)).toBe(text);
  });
});

describe('formatAbsolute', () => {
  it('writes local time to the millisecond, zero-padded, from µs since the epoch', () => {
    const d = new Date(2026, 0, 5, 9, 3, 7, 45); // local time, whatever the zone
    expect(formatAbsolute(d.getTime() * 1000 + 999)).toBe('2026-01-05 09:03:07.045');
    const late = new Date(2026, 11, 31, 23, 59, 59, 999);
    expect(formatAbsolute(late.getTime() * 1000)).toBe('2026-12-31 23:59:59.999');
  });
});

describe('formatCount', () => {
  it.each([0, 7, 999, 1000, 12_345, 100_000, 1_000_000, 987_654_321, -1234, 1234.6, 2 ** 53])(
    '%d is written as en-US writes it',
    (n) => {
      // toLocaleString is what formatCount replaces; the test may use it
      expect(formatCount(n)).toBe(Math.round(n).toLocaleString('en-US'));
    },
  );

  it('groups digits in threes without Intl', () => {
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(-0.2)).toBe('0');
    expect(formatCount(Number.NaN)).toBe('NaN');
  });
});
