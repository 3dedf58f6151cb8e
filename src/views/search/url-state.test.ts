import { describe, expect, it } from 'vitest';
import { resolveRange } from '../../api/search/time-range';
import { DEFAULT_LOOKBACK, LOOKBACKS } from '../../api/lookback';
import { buildSearchRequest, parseSearchParams, searchStateToParams } from './url-state';

const parse = (q: string) => parseSearchParams(new URLSearchParams(q));
const NOW = Date.UTC(2026, 10, 25, 10);

describe('search URL state', () => {
  it('has defaults: last hour, 20 results, most recent first, form mode', () => {
    const s = parse('');
    expect(s).toMatchObject({
      service: '',
      range: { kind: 'lookback', lookback: '1h' },
      limit: 20,
      sort: 'recent',
      mode: 'form',
    });
    expect(searchStateToParams(s)).toBe('');
  });

  it('round-trips every field', () => {
    const q =
      'source=jaeger&service=frontend&operation=%2Fdispatch&tags=customer_id%3D123+a%3D%22x+y%22&minDuration=500ms&maxDuration=1.2s&lookback=7d&limit=1000&sort=longest';
    const s = parse(q);
    expect(s).toMatchObject({
      source: 'jaeger',
      service: 'frontend',
      operation: '/dispatch',
      tags: 'customer_id=123 a="x y"',
      minDuration: '500ms',
      maxDuration: '1.2s',
      range: { kind: 'lookback', lookback: '7d' },
      limit: 1000,
      sort: 'longest',
    });
    expect(searchStateToParams(s)).toBe(q);
    expect(parse(searchStateToParams(s))).toEqual(s);
  });

  it('reads a custom range in unix seconds or ISO dates', () => {
    expect(parse('start=1795600000&end=1795603600').range).toEqual({
      kind: 'custom',
      startS: 1795600000,
      endS: 1795603600,
    });
    expect(parse('start=2026-11-25T09:00:00Z&end=2026-11-25T10:00:00Z').range).toEqual({
      kind: 'custom',
      startS: NOW / 1000 - 3600,
      endS: NOW / 1000,
    });
    expect(searchStateToParams(parse('start=1795600000.5&end=1795603600.5'))).toBe('start=1795600000&end=1795603601');
  });

  it('ignores junk: an unknown sort, lookback or limit falls back to the default', () => {
    expect(parse('sort=best&lookback=1y&limit=-3')).toMatchObject({
      sort: 'recent',
      range: { lookback: '1h' },
      limit: 20,
    });
    expect(parse('limit=999999').limit).toBe(1500);
  });

  it('treats q as TraceQL mode and keeps form fields out of the URL then', () => {
    const s = parse('source=tempo&q=%7Bstatus%3Derror%7D&service=x');
    expect(s.mode).toBe('traceql');
    expect(searchStateToParams(s)).toBe('source=tempo&mode=traceql&q=%7Bstatus%3Derror%7D');
    expect(parse('mode=traceql').mode).toBe('traceql');
  });
});

describe('resolveRange and buildSearchRequest', () => {
  it('resolves a lookback against now', () => {
    expect(resolveRange({ kind: 'lookback', lookback: '15m' }, NOW)).toEqual({
      startUs: NOW * 1000 - 15 * 60e6,
      endUs: NOW * 1000,
    });
  });

  it('builds the request from a valid form', () => {
    const r = buildSearchRequest(parse('service=frontend&tags=customer_id%3D123&minDuration=500ms'), NOW);
    expect(r.ok && r.request).toMatchObject({
      service: 'frontend',
      minDurationUs: 500_000,
      maxDurationUs: undefined,
      attributes: [['customer_id', { kind: 'number', value: '123' }]],
      endUs: NOW * 1000,
    });
  });

  it.each([
    ['tags=customer_id', 'tags', 'has no value'],
    ['minDuration=fast', 'minDuration', 'Min duration'],
    ['minDuration=2s&maxDuration=1s', 'maxDuration', 'below min'],
    ['start=200&end=100', 'range', 'ends before'],
    ['mode=traceql&q=', 'q', 'TraceQL'],
  ])('names the field to fix: %s', (q, field, message) => {
    const r = buildSearchRequest(parse(q), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.error).toContain(message);
    }
  });
});

describe('lookback values (api/lookback.ts, shared with the dependency page)', () => {
  it('parses every shared choice, round-trips it, and falls back to the default on an unknown one', () => {
    for (const l of LOOKBACKS) {
      const s = parseSearchParams(new URLSearchParams({ lookback: l }));
      expect(s.range, l).toEqual({ kind: 'lookback', lookback: l });
      expect(parseSearchParams(new URLSearchParams(searchStateToParams(s))).range, l).toEqual(s.range);
    }
    for (const bad of ['90m', '', '1H'])
      expect(parseSearchParams(new URLSearchParams({ lookback: bad })).range).toEqual({
        kind: 'lookback',
        lookback: DEFAULT_LOOKBACK,
      });
  });
});
