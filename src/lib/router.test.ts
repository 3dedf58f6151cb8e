import { describe, expect, it } from 'vitest';
import { parseRoute, routeKey, compareHref } from './router';

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

describe('compare route', () => {
  it('reads both trace ids around "..." and keeps the query', () => {
    const r = parseRoute('/compare/abc...def', '?source=jaeger');
    expect(r).toMatchObject({ name: 'compare', traceIdA: 'abc', traceIdB: 'def' });
    if (r.name === 'compare') expect(r.params.get('source')).toBe('jaeger');
  });

  it('a bad percent-encoding is a not-found page, and a missing side is not a compare', () => {
    expect(parseRoute('/compare/%FF...abc', '')).toMatchObject({ name: 'not-found' });
    expect(parseRoute('/compare/abc...', '')).toMatchObject({ name: 'not-found' });
  });

  it('writes one source when the sides agree, sourceA/sourceB when they differ', () => {
    expect(compareHref('a', 'b', 'demo', 'demo')).toBe('/compare/a...b?source=demo');
    expect(compareHref('a', 'b', 'file', 'jaeger', { sort: 'total' })).toBe(
      '/compare/a...b?sourceA=file&sourceB=jaeger&sort=total',
    );
    const back = parseRoute('/compare/a...b', '?sourceA=file&sourceB=jaeger');
    expect(back).toMatchObject({ name: 'compare', traceIdA: 'a', traceIdB: 'b' });
  });
});
