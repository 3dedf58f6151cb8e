import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientFor } from '../client';
import type { BackendSource } from '../sources';
import { fetchTempoTagNames, fetchTempoTagValues, TEMPO_TAG_LIMIT } from './source-lists';
import type { TimeRangeChoice } from './types';

/** The lists as the search form asks for them: through the source's client. */
const fetchServices = (source: BackendSource, signal: AbortSignal, range?: TimeRangeChoice) =>
  clientFor(source).services(signal, range);
const fetchOperations = (source: BackendSource, service: string, signal: AbortSignal, range?: TimeRangeChoice) =>
  clientFor(source).operations(service, signal, range);

const tempo: BackendSource = { kind: 'backend', id: 'tempo', type: 'tempo', name: 'Tempo' };
let calls: URL[] = [];
function answer(body: unknown) {
  calls = [];
  vi.stubGlobal('fetch', (url: string) => {
    calls.push(new URL(url, 'http://x'));
    return Promise.resolve(
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
  });
}
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
const signal = new AbortController().signal;

describe('Tempo lists cover the search range, not just recent data', () => {
  it("services: the form's range in whole seconds (7 days is 604,800 s) and a limit", async () => {
    vi.useFakeTimers({ now: 1_800_000_000_500, toFake: ['Date'] });
    answer({ tagValues: [{ type: 'string', value: 'frontend' }] });
    expect(await fetchServices(tempo, signal, { kind: 'lookback', lookback: '7d' })).toEqual(['frontend']);
    const u = calls[0];
    expect(u?.pathname).toBe('/proxy/tempo/api/v2/search/tag/resource.service.name/values');
    expect(Number(u?.searchParams.get('end')) - Number(u?.searchParams.get('start'))).toBe(604_800);
    expect(u?.searchParams.get('end')).toBe('1800000001');
    expect(u?.searchParams.get('limit')).toBe(String(TEMPO_TAG_LIMIT));
  });

  it('a custom range longer than 168 h is cut to its last 168 h', async () => {
    answer({ tagValues: [] });
    await fetchServices(tempo, signal, { kind: 'custom', startS: 1_700_000_000, endS: 1_700_000_000 + 30 * 86400 });
    expect(calls[0]?.searchParams.get('start')).toBe(String(1_700_000_000 + 23 * 86400));
  });

  it('operations: the service filter q together with the range', async () => {
    answer({ tagValues: [{ type: 'string', value: '/dispatch' }] });
    await fetchOperations(tempo, 'front "end"', signal, { kind: 'lookback', lookback: '1h' });
    const u = calls[0];
    expect(u?.pathname).toBe('/proxy/tempo/api/v2/search/tag/name/values');
    expect(u?.searchParams.get('q')).toBe('{resource.service.name="front \\"end\\""}');
    expect(Number(u?.searchParams.get('end')) - Number(u?.searchParams.get('start'))).toBe(3600);
  });

  it('attribute names and values: range and limit; a key that is not a TraceQL identifier is quoted', async () => {
    answer({ scopes: [{ name: 'span', tags: ['odd key', 'http.route'] }] });
    expect(await fetchTempoTagNames(tempo, signal, { kind: 'lookback', lookback: '24h' })).toEqual([
      'span.http.route',
      'span.odd key',
    ]);
    expect(Number(calls[0]?.searchParams.get('end')) - Number(calls[0]?.searchParams.get('start'))).toBe(86400);
    answer({ tagValues: [{ type: 'string', value: 'v' }] });
    await fetchTempoTagValues(tempo, 'span.odd key', signal, { kind: 'lookback', lookback: '24h' });
    expect(calls[0]?.pathname).toBe(`/proxy/tempo/api/v2/search/tag/${encodeURIComponent('span."odd key"')}/values`);
    expect(calls[0]?.searchParams.get('limit')).toBe(String(TEMPO_TAG_LIMIT));
    answer({ tagValues: [] });
    await fetchTempoTagValues(tempo, 'span.http.route', signal);
    expect(calls[0]?.pathname).toBe('/proxy/tempo/api/v2/search/tag/span.http.route/values');
  });
});
