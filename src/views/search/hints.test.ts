import { describe, expect, it } from 'vitest';
import { parseSearchParams } from './url-state';
import { loosenHints } from './hints';
import { formatAgo } from './relative-time';

describe('loosenHints', () => {
  it('names each filter in effect, attributes and durations first', () => {
    const s = parseSearchParams(
      new URLSearchParams('service=frontend&operation=%2Fdispatch&tags=customer_id%3D9&minDuration=500ms&lookback=5m'),
    );
    expect(loosenHints(s)).toEqual([
      'remove or change the attributes (customer_id=9)',
      'lower the min duration (500ms)',
      'search all operations instead of /dispatch',
      'widen the time range (now: last 5 minutes)',
      'pick another service than frontend',
    ]);
  });
  it('suggests the time range alone for an empty form, and TraceQL edits in TraceQL mode', () => {
    expect(loosenHints(parseSearchParams(new URLSearchParams('')))).toEqual(['widen the time range (now: last hour)']);
    expect(loosenHints(parseSearchParams(new URLSearchParams('q=%7B%7D&start=1&end=2')))).toEqual([
      'simplify the TraceQL query (drop a condition)',
      'widen the custom time range',
    ]);
  });
});

describe('formatAgo', () => {
  const now = 1_800_000_000_000;
  it.each([
    [0, 'just now'],
    [42, '42 s ago'],
    [3 * 60 + 5, '3 min ago'],
    [2 * 3600 + 100, '2 h ago'],
    [3 * 86400, '3 d ago'],
    [-5, 'in 5 s'],
  ])('%d s before now → %s', (ago, text) => expect(formatAgo(now * 1000 - ago * 1e6, now)).toBe(text));
});
