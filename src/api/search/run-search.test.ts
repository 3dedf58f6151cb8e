import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackendSource } from '../sources';
import type { SearchRequest } from './types';

// The worker is not available under Node: summarize on the spot with the same function it runs.
vi.mock('./summarize-client', async () => {
  const { summariesFromTraceText } = await import('./parse-summaries');
  return { summarizeInWorker: (text: string) => Promise.resolve(summariesFromTraceText(text)) };
});
const { clientFor } = await import('../client');
const runSearch = (source: BackendSource, r: SearchRequest) => clientFor(source).search(r);

const req: SearchRequest = {
  service: 'frontend',
  operation: '',
  attributes: [],
  minDurationUs: undefined,
  maxDurationUs: undefined,
  startUs: 1.7e15,
  endUs: 1.7e15 + 3600e6,
  limit: 20,
};
let n = 0;
const jaeger = (): BackendSource => ({ kind: 'backend', id: `jaeger-${++n}`, type: 'jaeger', name: 'Jaeger' });

const V3_TRACE = JSON.stringify({
  result: {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: '0af7651916cd43dd8448eb211c80319c',
                spanId: 'b7ad6b7169203331',
                name: '/dispatch',
                kind: 2,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000500000000',
                status: { code: 2 },
              },
            ],
          },
        ],
      },
    ],
  },
});
const V1_TRACE = JSON.stringify({
  data: [
    {
      traceID: '1eb09d1e0d8d2522',
      spans: [
        {
          traceID: '1eb09d1e0d8d2522',
          spanID: '0623ce0075293009',
          operationName: '/',
          references: [],
          startTime: 1700000000000000,
          duration: 178,
          tags: [],
          logs: [],
          processID: 'p1',
        },
      ],
      processes: { p1: { serviceName: 'frontend', tags: [] } },
    },
  ],
  total: 1,
  limit: 0,
  offset: 0,
  errors: null,
});

type Answer = { status: number; body: string; type?: string };
let calls: string[] = [];
function answer(route: (path: string) => Answer) {
  calls = [];
  vi.stubGlobal('fetch', (url: string) => {
    calls.push(url);
    const a = route(url.replace(/^\/proxy\/[^/]+/, ''));
    return Promise.resolve(
      new Response(a.body, { status: a.status, headers: { 'content-type': a.type ?? 'application/json' } }),
    );
  });
}
const paths = () => calls.map((c) => c.replace(/^\/proxy\/[^/]+/, '').split('?')[0]);

beforeEach(() => {
  calls = [];
});
afterEach(() => vi.unstubAllGlobals());

describe('Jaeger search fallbacks', () => {
  it('uses trace-summaries where the server has them', async () => {
    answer(() => ({
      status: 200,
      body: JSON.stringify({
        summaries: [
          {
            traceId: '0af7651916cd43dd8448eb211c80319c',
            rootServiceName: 'frontend',
            rootOperationName: '/',
            minStartTimeUnixNano: '1700000000000000000',
            maxEndTimeUnixNano: '1700000001000000000',
            spanCount: 3,
          },
        ],
      }),
    }));
    const out = await runSearch(jaeger(), req);
    expect(out.api).toContain('trace-summaries');
    expect(out.summaries).toMatchObject([{ rootService: 'frontend', durationUs: 1e6, spanCount: 3 }]);
  });

  it('falls back to /api/v3/traces when trace-summaries answers with the UI page (Jaeger v1.76), and remembers', async () => {
    answer((p) =>
      p.startsWith('/api/v3/trace-summaries')
        ? { status: 200, body: '<!DOCTYPE html><title>Test Page</title>', type: 'text/html' }
        : { status: 200, body: V3_TRACE },
    );
    const source = jaeger();
    const out = await runSearch(source, req);
    expect(paths()).toEqual(['/api/v3/trace-summaries', '/api/v3/traces']);
    expect(out.api).toBe('Jaeger API v3 /api/v3/traces');
    expect(out.summaries).toMatchObject([
      { traceId: '0af7651916cd43dd8448eb211c80319c', rootName: '/dispatch', errorCount: 1, durationUs: 500_000 },
    ]);
    await runSearch(source, req);
    expect(paths()).toEqual(['/api/v3/trace-summaries', '/api/v3/traces', '/api/v3/traces']);
  });

  it('reads v3 "No traces found" (404) as no results, not an error', async () => {
    answer(() => ({ status: 404, body: '{"error":{"httpCode":404,"message":"No traces found"}}', type: 'text/plain' }));
    expect((await runSearch(jaeger(), req)).summaries).toEqual([]);
  });

  it('falls back to v1 /api/traces when there is no API v3 at all', async () => {
    answer((p) =>
      p.startsWith('/api/v3')
        ? { status: 404, body: '404 page not found', type: 'text/plain' }
        : { status: 200, body: V1_TRACE },
    );
    const out = await runSearch(jaeger(), req);
    expect(paths()).toEqual(['/api/v3/trace-summaries', '/api/v3/traces', '/api/traces']);
    expect(out.api).toBe('Jaeger API v1 /api/traces');
    expect(out.summaries).toMatchObject([
      { traceId: '00000000000000001eb09d1e0d8d2522', rootService: 'frontend', spanCount: 1 },
    ]);
  });

  it('passes a bad-parameter error (400) through with the backend message instead of falling back', async () => {
    answer(() => ({
      status: 400,
      body: '{"error":{"httpCode":400,"message":"malformed parameter query.duration_min"}}',
      type: 'text/plain',
    }));
    await expect(runSearch(jaeger(), req)).rejects.toThrow('malformed parameter query.duration_min');
    expect(calls).toHaveLength(1);
  });

  it('v1 needs a service: says so instead of sending a request the server refuses', async () => {
    answer(() => ({ status: 404, body: '404 page not found', type: 'text/plain' }));
    await expect(runSearch(jaeger(), { ...req, service: '' })).rejects.toThrow('Pick a service');
  });
});

describe('Zipkin and Tempo', () => {
  it('reads an empty Zipkin answer as no results', async () => {
    answer(() => ({ status: 200, body: '[]' }));
    const out = await runSearch({ kind: 'backend', id: 'z', type: 'zipkin', name: 'Zipkin' }, req);
    expect(out.summaries).toEqual([]);
    expect(calls[0]).toMatch(/^\/proxy\/z\/api\/v2\/traces\?serviceName=frontend&endTs=/);
  });

  it('sends Tempo the compiled TraceQL and reports it', async () => {
    answer((p) =>
      p.startsWith('/api/status/buildinfo')
        ? { status: 200, body: '{"version":"v3.0.3"}' }
        : { status: 200, body: '{"metrics":{}}' },
    );
    const out = await runSearch({ kind: 'backend', id: 't', type: 'tempo', name: 'Tempo' }, req);
    expect(out.traceql).toBe('{resource.service.name="frontend"}');
    expect(out.summaries).toEqual([]); // an empty result leaves "traces" out
    expect(out.api).toBe('Tempo /api/search, newest first (most_recent=true)');
    expect(paths()).toEqual(['/api/status/buildinfo', '/api/search']);
    expect(new URL(calls[1] ?? '', 'http://x').searchParams.get('q')).toBe(
      '{resource.service.name="frontend"} with (most_recent=true)',
    );
  });

  it("names Tempo's TraceQL error", async () => {
    answer((p) =>
      p.startsWith('/api/status/buildinfo')
        ? { status: 200, body: '{"version":"v3.0.3"}' }
        : { status: 400, body: 'invalid TraceQL query: unknown field "bad"', type: 'text/plain' },
    );
    await expect(
      runSearch({ kind: 'backend', id: 't2', type: 'tempo', name: 'Tempo' }, { ...req, traceql: '{bad}' }),
    ).rejects.toThrow('Tempo answered HTTP 400: invalid TraceQL query');
  });
});

describe('Jaeger attribute and error filters (the v3 HTTP API ignores attributes)', () => {
  const tag = (k: string, v: string) => [k, { kind: 'string', value: v }] as const;
  const errorTrue = ['error', { kind: 'bool', value: true }] as const;

  it('sends attributes to v1, which filters them server-side within one service', async () => {
    answer(() => ({ status: 200, body: V1_TRACE }));
    const out = await runSearch(jaeger(), { ...req, attributes: [tag('customer_id', '731')] });
    expect(paths()).toEqual(['/api/traces']);
    expect(decodeURIComponent(calls[0] ?? '')).toContain('tags={"customer_id":"731"}');
    expect(out.api).toBe('Jaeger API v1 /api/traces');
    expect(out.note).toBeUndefined();
  });

  it('asks for a service instead of returning unfiltered traces', async () => {
    answer(() => ({ status: 200, body: V1_TRACE }));
    await expect(runSearch(jaeger(), { ...req, service: '', attributes: [tag('customer_id', '731')] })).rejects.toThrow(
      'pick a service',
    );
    expect(calls).toEqual([]);
  });

  it('applies error=true to the traces that come back, asking for more of them, and says so', async () => {
    const two = JSON.stringify({
      result: {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: '0af7651916cd43dd8448eb211c80319c',
                    spanId: 'b7ad6b7169203331',
                    name: '/dispatch',
                    kind: 2,
                    startTimeUnixNano: '1700000000000000000',
                    endTimeUnixNano: '1700000000500000000',
                    status: { code: 2 },
                  },
                  {
                    traceId: '1af7651916cd43dd8448eb211c80319c',
                    spanId: 'c7ad6b7169203331',
                    name: '/',
                    kind: 2,
                    startTimeUnixNano: '1700000000000000000',
                    endTimeUnixNano: '1700000000500000000',
                    status: {},
                  },
                ],
              },
            ],
          },
        ],
      },
    });
    answer((p) =>
      p.startsWith('/api/v3/trace-summaries')
        ? { status: 200, body: '<!doctype html>', type: 'text/html' }
        : { status: 200, body: two },
    );
    const out = await runSearch(jaeger(), { ...req, attributes: [errorTrue] });
    expect(out.summaries.map((s) => s.traceId)).toEqual(['0af7651916cd43dd8448eb211c80319c']);
    expect(calls.every((c) => !c.includes('query.attributes'))).toBe(true);
    expect(calls.at(-1)).toContain('query.num_traces=100');
    expect(out.note).toMatch(/cannot filter by error status.*kept the 1 with errors/);

    answer((p) =>
      p.startsWith('/api/v3/trace-summaries')
        ? { status: 200, body: '<!doctype html>', type: 'text/html' }
        : { status: 200, body: two },
    );
    const without = await runSearch(jaeger(), { ...req, attributes: [['error', { kind: 'bool', value: false }]] });
    expect(without.summaries.map((s) => s.traceId)).toEqual(['1af7651916cd43dd8448eb211c80319c']);
  });
});
