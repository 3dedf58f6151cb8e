import { describe, expect, it } from 'vitest';
import { decodeTraceUrl, encodeTraceUrl, toggleSpan } from './url-state';

describe('trace URL state', () => {
  it('decodes defaults from an empty query', () => {
    expect(decodeTraceUrl(new URLSearchParams(''))).toEqual({
      span: undefined,
      view: 'timeline',
      find: '',
      only: undefined,
      zoom: undefined,
      level: undefined,
      toggle: [],
      source: undefined,
      startS: undefined,
      endS: undefined,
      graphBy: 'service',
      group: 'service',
      sort: '',
    });
  });

  it('round-trips every field and keeps unrelated parameters', () => {
    const base = new URLSearchParams('source=demo&start=10&other=x');
    const state = {
      span: 'aaaaaaaaaaaaaaaa',
      view: 'graph' as const,
      find: 'mysql select',
      only: 'critical' as const,
      zoom: [1000, 25000] as const,
      level: 2,
      toggle: ['bbbbbbbbbbbbbbbb', 'cccccccccccccccc'],
      source: 'tempo',
      startS: 1700000000,
      endS: 1700000002,
      graphBy: 'operation' as const,
      group: 'attr:http.method',
      sort: '-critical',
    };
    const encoded = encodeTraceUrl(base, state);
    expect(encoded.get('other')).toBe('x');
    expect(encoded.get('source')).toBe('tempo');
    expect(encoded.get('start')).toBe('1700000000');
    expect(encoded.get('zoom')).toBe('1000,25000');
    expect(decodeTraceUrl(encoded)).toEqual(state);
  });

  it('ignores malformed values', () => {
    const s = decodeTraceUrl(new URLSearchParams('view=icicle&only=slow&zoom=5,2&level=-1'));
    expect(s.view).toBe('timeline');
    expect(s.only).toBeUndefined();
    expect(s.zoom).toBeUndefined();
    expect(s.level).toBeUndefined();
  });

  it('reads every view DESIGN.md lists, and the stats grouping and sort', () => {
    for (const view of ['timeline', 'graph', 'flame', 'stats', 'table', 'json'])
      expect(decodeTraceUrl(new URLSearchParams(`view=${view}`)).view).toBe(view);
    const s = decodeTraceUrl(new URLSearchParams('view=stats&group=operation&sort=-self'));
    expect(s).toMatchObject({ view: 'stats', group: 'operation', sort: '-self' });
    expect(encodeTraceUrl(new URLSearchParams(), { ...s, group: 'service', sort: '' }).toString()).toBe('view=stats');
  });

  it('reads Jaeger UI uiFind as find, selecting a span id, and writes it back as find', () => {
    const byId = decodeTraceUrl(new URLSearchParams('uiFind=ABCDEF0123456789'));
    expect(byId.find).toBe('ABCDEF0123456789');
    expect(byId.span).toBe('abcdef0123456789');
    const text = decodeTraceUrl(new URLSearchParams('uiFind=mysql'));
    expect(text).toMatchObject({ find: 'mysql', span: undefined });
    const encoded = encodeTraceUrl(new URLSearchParams('uiFind=mysql'), text);
    expect(encoded.toString()).toBe('find=mysql');
  });

  it('toggles a span in and out of the list', () => {
    expect(toggleSpan(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggleSpan(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('carries the baseline size: a whole number up to 500, bare `baseline` meaning 50, nonsense ignored', () => {
    const at = (q: string) => decodeTraceUrl(new URLSearchParams(q)).baseline;
    expect(at('')).toBeUndefined();
    expect(at('baseline=20')).toBe(20);
    expect(at('baseline')).toBe(50);
    expect(at('baseline=9000')).toBe(500);
    expect(at('baseline=0')).toBeUndefined();
    expect(at('baseline=-3')).toBeUndefined();
    expect(at('baseline=ten')).toBeUndefined();
    const state = decodeTraceUrl(new URLSearchParams('source=jaeger&baseline=20'));
    expect(encodeTraceUrl(new URLSearchParams(), state).toString()).toBe('source=jaeger&baseline=20');
    expect(encodeTraceUrl(new URLSearchParams('baseline=20'), { ...state, baseline: undefined }).toString()).toBe(
      'source=jaeger',
    );
  });
});
