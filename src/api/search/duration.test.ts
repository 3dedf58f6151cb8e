import { describe, expect, it } from 'vitest';
import { goDuration, parseDurationUs } from './duration';

describe('parseDurationUs', () => {
  it.each([
    ['500ms', 500_000],
    ['1.2s', 1_200_000],
    ['1m30s', 90_000_000],
    ['250us', 250],
    ['250µs', 250],
    ['1500ns', 1.5],
    ['2h', 7_200_000_000],
    [' 2 s ', 2_000_000],
    ['750', 750_000], // a bare number is milliseconds
    ['0.5', 500],
  ])('%s → %d µs', (text, us) => expect(parseDurationUs(text)).toEqual({ ok: true, us }));

  it('treats empty text as no bound', () => expect(parseDurationUs('  ')).toEqual({ ok: true, us: undefined }));

  it.each(['fast', '5 parsecs', '1.2.3s', 's', '-5ms', '10ms!'])('rejects %s with a readable message', (text) => {
    const r = parseDurationUs(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('not a duration');
  });
});

describe('goDuration', () => {
  it.each([
    [500_000, '500ms'],
    [1_200_000, '1.2s'],
    [2_000_000, '2s'],
    [1_500, '1.5ms'],
    [250, '250us'],
    [1.5, '1500ns'],
    [90_000_000, '90s'],
  ])('%d µs → %s', (us, s) => expect(goDuration(us)).toBe(s));

  it('round-trips through the parser', () => {
    for (const us of [1, 999, 1000, 1234, 500_000, 1_234_000, 61_000_000]) {
      const back = parseDurationUs(goDuration(us));
      expect(back).toEqual({ ok: true, us });
    }
  });
});
