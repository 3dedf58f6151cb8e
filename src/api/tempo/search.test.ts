import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackendSource } from '../sources';
import type { SearchRequest } from '../search/types';
import { parseTempoVersion, tempoSearch, tempoWindow, withMostRecent } from './search';

const HOUR_US = 3600e6;
const DAY_US = 24 * HOUR_US;
let n = 0;
const tempo = (): BackendSource => ({ kind: 'backend', id: `tempo-search-${++n}`, type: 'tempo', name: 'Tempo' });
const NOW_MS = 1_800_000_000_000;
const req = (over: Partial<SearchRequest> = {}): SearchRequest => ({
  service: 'frontend',
  operation: '',
  attributes: [],
  minDurationUs: undefined,
  maxDurationUs: undefined,
  startUs: NOW_MS * 1000 - HOUR_US,
  endUs: NOW_MS * 1000,
  limit: 2,
  ...over,
});
const TRACE = (i: number) => ({
  traceID: `${i}af7651916cd43dd8448eb211c80319c`,
  rootServiceName: 'frontend',
  rootTraceName: '/',
  startTimeUnixNano: `${1_700_000_000 + i}000000000`,
  durationMs: 5,
});

let calls: string[] = [];
function answer(route: (path: string, q: URLSearchParams) => { status: number; body: string }) {
  calls = [];
  vi.stubGlobal('fetch', (url: string) => {
    const u = new URL(url, 'http://x');
    const path = u.pathname.replace(/^\/proxy\/[^/]+/, '');
    calls.push(`${path}${u.search}`);
    const a = route(path, u.searchParams);
    return Promise.resolve(
      new Response(a.body, {
        status: a.status,
        headers: { 'content-type': a.status === 200 ? 'application/json' : 'text/plain' },
      }),
    );
  });
}
afterEach(() => vi.unstubAllGlobals());
const buildinfo = (version: string | undefined) =>
  version === undefined
    ? { status: 404, body: '404 page not found' }
    : {
        status: 200,
        body: `${JSON.stringify({ version, revision: 'x', branch: 'HEAD', buildUser: '', buildDate: '', goVersion: 'go1.25' })}\n`,
      };
const searches = () =>
  calls.filter((c) => c.startsWith('/api/search')).map((c) => new URLSearchParams(c.split('?')[1]));

describe('Tempo search range', () => {
  it('"last 7 days" is 604,800 s, not 604,801, and says nothing about a cap', () => {
    const endUs = 1_800_000_000_123_456; // not a whole second, as Date.now() gives
    const w = tempoWindow(endUs - 7 * DAY_US, endUs);
    expect(w.end - w.start).toBe(604_800);
    expect(w.capped).toBe(false);
  });

  it('a longer range is cut to its last 168 h, and flagged', () => {
    const w = tempoWindow(1_700_000_000e6, 1_700_000_000e6 + 30 * DAY_US);
    expect(w).toEqual({ start: 1_700_000_000 + 23 * 86400, end: 1_700_000_000 + 30 * 86400, capped: true });
  });

  it('sends the capped range and says so next to the results', async () => {
    answer((p) => (p === '/api/status/buildinfo' ? buildinfo('v3.0.3') : { status: 200, body: '{"metrics":{}}' }));
    const out = await tempoSearch(
      tempo(),
      req({ startUs: NOW_MS * 1000 - 10 * DAY_US, endUs: NOW_MS * 1000 - DAY_US }),
      '{}',
      undefined,
      NOW_MS,
    );
    const [q] = searches();
    expect(Number(q?.get('end')) - Number(q?.get('start'))).toBe(604_800);
    expect(out.notices.map((x) => x.id)).toEqual(['range-capped']);
    expect(out.notices[0]?.text).toMatch(/at most 7 days/);
  });
});

describe('Tempo versions: most_recent and the end cutoff', () => {
  it("reads Tempo's version strings", () => {
    expect(parseTempoVersion('v3.0.3')).toEqual([3, 0]);
    expect(parseTempoVersion('2.9.5')).toEqual([2, 9]);
    expect(parseTempoVersion('main-abc1234')).toBeUndefined();
    expect(withMostRecent('{}')).toBe('{} with (most_recent=true)');
    expect(withMostRecent('{} with(most_recent=false)')).toBe('{} with(most_recent=false)');
  });

  it('Tempo ≥ 2.8: asks for the newest traces; Tempo 3: says the last 30 s are left out when the search ends near now', async () => {
    answer((p) =>
      p === '/api/status/buildinfo'
        ? buildinfo('v3.0.3')
        : { status: 200, body: JSON.stringify({ traces: [TRACE(1), TRACE(2)] }) },
    );
    const source = tempo();
    const out = await tempoSearch(source, req(), '{resource.service.name="frontend"}', undefined, NOW_MS);
    expect(searches()[0]?.get('q')).toBe('{resource.service.name="frontend"} with (most_recent=true)');
    expect(out.mostRecent).toBe(true);
    expect(out.notices.map((x) => x.id)).toEqual(['end-cutoff']);
    expect(out.notices[0]?.text).toMatch(/last 30 seconds/);
    // A search that ended an hour ago has nothing left out; buildinfo is asked once per source.
    const earlier = await tempoSearch(
      source,
      req({ startUs: NOW_MS * 1000 - 2 * HOUR_US, endUs: NOW_MS * 1000 - HOUR_US }),
      '{}',
      undefined,
      NOW_MS,
    );
    expect(earlier.notices).toEqual([]);
    expect(calls.filter((c) => c.startsWith('/api/status/buildinfo'))).toHaveLength(1);
  });

  it('Tempo < 2.8: no hint, and a full page says it is the first traces found, not the newest', async () => {
    answer((p) =>
      p === '/api/status/buildinfo'
        ? buildinfo('2.7.2')
        : { status: 200, body: JSON.stringify({ traces: [TRACE(1), TRACE(2)] }) },
    );
    const out = await tempoSearch(tempo(), req(), '{}', undefined, NOW_MS);
    expect(searches()[0]?.get('q')).toBe('{}');
    expect(out.mostRecent).toBe(false);
    expect(out.notices.map((x) => x.id)).toEqual(['first-found']); // 2.x has no end cutoff
    expect(out.notices[0]?.text).toMatch(
      /first 2 matching traces it found, which are not necessarily the 2 most recent/,
    );
    // Fewer than the limit: every match is there, nothing to warn about.
    answer((p) =>
      p === '/api/status/buildinfo'
        ? buildinfo('2.7.2')
        : { status: 200, body: JSON.stringify({ traces: [TRACE(1)] }) },
    );
    expect((await tempoSearch(tempo(), req(), '{}', undefined, NOW_MS)).notices).toEqual([]);
  });

  it('unknown version: tries the hint, and on a 400 asks again without it (remembered)', async () => {
    const route = (p: string, q: URLSearchParams) =>
      p === '/api/status/buildinfo'
        ? buildinfo(undefined)
        : (q.get('q') ?? '').includes('with')
          ? { status: 400, body: 'invalid TraceQL query: syntax error' }
          : { status: 200, body: JSON.stringify({ traces: [TRACE(1), TRACE(2)] }) };
    answer(route);
    const source = tempo();
    const out = await tempoSearch(
      source,
      req({ endUs: NOW_MS * 1000 - HOUR_US, startUs: NOW_MS * 1000 - 2 * HOUR_US }),
      '{}',
      undefined,
      NOW_MS,
    );
    expect(searches().map((q) => q.get('q'))).toEqual(['{} with (most_recent=true)', '{}']);
    expect(out.notices.map((x) => x.id)).toEqual(['first-found']);
    answer(route);
    await tempoSearch(source, req(), '{}', undefined, NOW_MS);
    expect(searches().map((q) => q.get('q'))).toEqual(['{}']);
  });

  it('a known ≥ 2.8 version does not hide a bad query behind a retry', async () => {
    answer((p) =>
      p === '/api/status/buildinfo'
        ? buildinfo('v3.0.3')
        : { status: 400, body: 'invalid TraceQL query: unknown field' },
    );
    await expect(tempoSearch(tempo(), req(), '{ bad }', undefined, NOW_MS)).rejects.toThrow('invalid TraceQL query');
    expect(searches()).toHaveLength(1);
  });
});
