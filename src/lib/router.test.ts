import { describe, expect, it } from 'vitest';
import { parseRoute, routeKey } from './router';

describe('parseRoute', () => {
  it('decodes a trace id', () => {
    const r = parseRoute('/trace/ab%63d', '?span=1');
    expect(r).toMatchObject({ name: 'trace', traceId: 'abcd' });
    expect(routeKey(r)).toBe('trace:abcd');
  });

  it.each(['/trace/%FF', '/trace/%', '/trace/%E0%A4%A', '/trace/abc%zz'])(
    'gives not-found for the malformed encoding %s',
    (path) => {
      const r = parseRoute(path, '?find=%FF&span=%');
      expect(r.name).toBe('not-found');
      if (r.name === 'not-found') {
        expect(r.path).toBe(path);
        expect(r.reason).toMatch(/not valid percent-encoding/);
      }
    },
  );

  it('reads malformed query strings without throwing', () => {
    const r = parseRoute('/search', '?service=%FF&tags=%&lookback=%E0%A4%A');
    expect(r.name).toBe('search');
    if (r.name === 'search') expect(r.params.get('tags')).toBe('%');
  });
});
