import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeTraceId } from '../../model/ids';
import type { TraceId } from '../../model/types';
import type { BackendSource } from '../sources';
import type { TimeRange } from '../trace-range';
import { clientFor } from '../client';
import { SourceError } from '../http';
import { encodeTempoTrace, encodeTraceByIdResponse } from './__fixtures__/encode-tempo-proto';
import { TEMPO_WINDOW_PAD_S, tempoTraceAttempts } from './trace-by-id';

// Under Node there is no Worker: loadInWorker runs the worker's own handler in-process, so these
// requests go through the same fetch → Tempo adapter → analysis path and the same wire errors.
// The trace is asked of the Tempo client, as the trace page asks it.
const traceByIdUrls = (source: BackendSource, traceId: TraceId, range: TimeRange = {}) =>
  tempoTraceAttempts(source, traceId, range).map((a) => a.url);
const fetchTraceById = async (source: BackendSource, traceId: TraceId, range: TimeRange) =>
  (await clientFor(source).traceById(traceId, range)).trace;

const ID = '0af7651916cd43dd8448eb211c80319c';
const id = normalizeTraceId(ID);
if (!id) throw new Error('bad id');
let n = 0;
const tempo = (): BackendSource => ({ kind: 'backend', id: `tempo-${++n}`, type: 'tempo', name: 'Tempo' });

// As a real Tempo writes them (WIRE-FORMATS §3): base64 ids, enum names.
const SPANS = [
  {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
    scopeSpans: [
      {
        spans: [
          {
            traceId: 'CvdlGRbNQ92ESOshHIAxnA==',
            spanId: 't61rcWkgMzE=',
            name: '/dispatch',
            kind: 'SPAN_KIND_SERVER',
            startTimeUnixNano: '1700000000000000000',
            endTimeUnixNano: '1700000000500000000',
          },
        ],
      },
    ],
  },
];
const V2_FOUND = JSON.stringify({ trace: { resourceSpans: SPANS }, metrics: { inspectedBytes: '1210' } });
const V2_MISS = JSON.stringify({ trace: {}, metrics: {} });
const V1_FOUND = JSON.stringify({ batches: SPANS });

type Answer = { status: number; body: string };
let calls: string[] = [];
function answer(route: (path: string) => Answer) {
  calls = [];
  vi.stubGlobal('fetch', (url: string) => {
    calls.push(url.replace(/^\/proxy\/[^/]+/, ''));
    const a = route(url.replace(/^\/proxy\/[^/]+/, ''));
    return Promise.resolve(
      new Response(a.body, {
        status: a.status,
        headers: { 'content-type': a.status === 200 ? 'application/json' : 'text/plain; charset=utf-8' },
      }),
    );
  });
}
afterEach(() => vi.unstubAllGlobals());

const range = { startS: 1700000000, endS: 1700000001 };
const windowed = `?start=${1700000000 - TEMPO_WINDOW_PAD_S}&end=${1700000001 + TEMPO_WINDOW_PAD_S}`;

describe('Tempo trace by id', () => {
  it('sends a generous window around the trace, not ±1 s', () => {
    expect(traceByIdUrls(tempo(), id, { startS: 1700000000.4, endS: 1700000001.2 })).toEqual([
      `/proxy/tempo-${n}/api/v2/traces/${ID}?start=${1700000000 - TEMPO_WINDOW_PAD_S}&end=${1700000002 + TEMPO_WINDOW_PAD_S}`,
    ]);
    expect(traceByIdUrls(tempo(), id)).toEqual([`/proxy/tempo-${n}/api/v2/traces/${ID}`]);
  });

  it('retries once without the window when the window hides the trace (a replayed trace is recorded at ingestion time)', async () => {
    answer((p) => (p.includes('?') ? { status: 200, body: V2_MISS } : { status: 200, body: V2_FOUND }));
    const trace = await fetchTraceById(tempo(), id, range);
    expect(trace.traceId).toBe(ID);
    expect(calls).toEqual([`/api/v2/traces/${ID}${windowed}`, `/api/v2/traces/${ID}`]);
  });

  it('takes v2\'s 200 {"trace":{}} as final: no v1 request, and a hint that tells the truth', async () => {
    answer(() => ({ status: 200, body: V2_MISS }));
    const err = await fetchTraceById(tempo(), id, range).catch((e: unknown) => e);
    expect(calls).toEqual([`/api/v2/traces/${ID}${windowed}`, `/api/v2/traces/${ID}`]);
    expect(err).toMatchObject({ kind: 'not-found' });
    expect(String(err)).toContain('without a time range');
    expect(String(err)).toContain('all of its data');
    expect(String(err)).not.toMatch(/add start and end/);
    // Without a window there is nothing to retry: one request.
    answer(() => ({ status: 200, body: V2_MISS }));
    await expect(fetchTraceById(tempo(), id, {})).rejects.toMatchObject({ kind: 'not-found' });
    expect(calls).toEqual([`/api/v2/traces/${ID}`]);
  });

  it('falls back to v1 only when the v2 route is missing (404 page not found), and remembers', async () => {
    answer((p) =>
      p.startsWith('/api/v2/') ? { status: 404, body: '404 page not found' } : { status: 200, body: V1_FOUND },
    );
    const source = tempo();
    expect((await fetchTraceById(source, id, range)).traceId).toBe(ID);
    expect(calls).toEqual([`/api/v2/traces/${ID}${windowed}`, `/api/traces/${ID}${windowed}`]);
    answer((p) =>
      p.startsWith('/api/v2/') ? { status: 404, body: '404 page not found' } : { status: 200, body: V1_FOUND },
    );
    await fetchTraceById(source, id, range);
    expect(calls).toEqual([`/api/traces/${ID}${windowed}`]);
  });

  it('on v1, an empty 404 with a window is retried without it', async () => {
    answer((p) =>
      p.startsWith('/api/v2/')
        ? { status: 405, body: 'method not allowed' }
        : p.includes('?')
          ? { status: 404, body: '' }
          : { status: 200, body: V1_FOUND },
    );
    expect((await fetchTraceById(tempo(), id, range)).traceId).toBe(ID);
    expect(calls).toEqual([`/api/v2/traces/${ID}${windowed}`, `/api/traces/${ID}${windowed}`, `/api/traces/${ID}`]);
  });

  it('a 404 without "page not found" (an access policy hiding the trace) is a miss, not a missing route', async () => {
    answer(() => ({ status: 404, body: '' }));
    await expect(fetchTraceById(tempo(), id, {})).rejects.toMatchObject({ kind: 'not-found' });
    expect(calls).toEqual([`/api/v2/traces/${ID}`]);
  });

  it('other errors are not retried', async () => {
    answer(() => ({ status: 500, body: 'boom' }));
    await expect(fetchTraceById(tempo(), id, range)).rejects.toMatchObject({ kind: 'http', status: 500 });
    expect(calls).toHaveLength(1);
  });
});

describe('Tempo trace by id through the worker', () => {
  it('names the source by name and id in errors fetched by the worker (issue 11)', async () => {
    answer(() => ({ status: 500, body: 'boom' }));
    const source = tempo();
    await expect(fetchTraceById(source, id, {})).rejects.toThrow(
      `Tempo (source ${source.id}) answered HTTP 500: boom.`,
    );
  });

  it('says when it asks again without a time range', async () => {
    answer((p) => (p.includes('?') ? { status: 200, body: V2_MISS } : { status: 200, body: V2_FOUND }));
    const phases: string[] = [];
    await clientFor(tempo()).traceById(id, range, { onProgress: (p) => phases.push(p) });
    expect(phases.filter((p) => p.startsWith('asking'))).toEqual(['asking', 'asking without a time range']);
  });
});

describe('Tempo trace by id in protobuf', () => {
  type ProtoAnswer = { status: number; type: string; body: BodyInit };
  let accepts: string[] = [];
  function answerBy(route: (path: string, accept: string) => ProtoAnswer) {
    calls = [];
    accepts = [];
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      const path = url.replace(/^\/proxy\/[^/]+/, '');
      const accept = new Headers(init?.headers).get('accept') ?? '';
      calls.push(path);
      accepts.push(accept);
      const a = route(path, accept);
      return Promise.resolve(new Response(a.body, { status: a.status, headers: { 'content-type': a.type } }));
    });
  }
  const proto = (body: Uint8Array): ProtoAnswer => ({ status: 200, type: 'application/protobuf', body: body.slice() });
  const json = (body: string): ProtoAnswer => ({ status: 200, type: 'application/json', body });
  const fromJson = async () => {
    answer(() => ({ status: 200, body: V2_FOUND }));
    return fetchTraceById(tempo(), id, {});
  };

  it('asks for protobuf with JSON as the fallback, and decodes v2 protobuf into the same trace as JSON', async () => {
    const viaJson = await fromJson();
    answerBy((_, accept) =>
      accept.startsWith('application/protobuf')
        ? proto(encodeTraceByIdResponse({ trace: { resourceSpans: SPANS } }))
        : json(V2_FOUND),
    );
    const phases: string[] = [];
    const source = tempo();
    const loaded = await clientFor(source).traceById(id, {}, { onProgress: (p) => phases.push(p) });
    expect(accepts).toEqual(['application/protobuf, application/json;q=0.9']);
    expect(phases).toContain('decoding protobuf');
    expect(phases).not.toContain('parsing JSON');
    expect(loaded.trace).toStrictEqual(viaJson);
    expect(loaded.trace.spans).toHaveLength(1);
  });

  it('decodes v1 protobuf (tempopb.Trace) when the v2 route is missing', async () => {
    answer((p) =>
      p.startsWith('/api/v2/') ? { status: 404, body: '404 page not found' } : { status: 200, body: V1_FOUND },
    );
    const viaJson = await fetchTraceById(tempo(), id, {});
    answerBy((p) =>
      p.startsWith('/api/v2/')
        ? { status: 404, type: 'text/plain', body: '404 page not found' }
        : proto(encodeTempoTrace({ batches: SPANS })),
    );
    expect(await fetchTraceById(tempo(), id, {})).toStrictEqual(viaJson);
    expect(calls).toEqual([`/api/v2/traces/${ID}`, `/api/traces/${ID}`]);
  });

  it('takes JSON when the server answers JSON (an older Tempo, a proxy), whatever was asked', async () => {
    const viaJson = await fromJson();
    answerBy(() => json(V2_FOUND));
    const phases: string[] = [];
    const loaded = await clientFor(tempo()).traceById(id, {}, { onProgress: (p) => phases.push(p) });
    expect(loaded.trace).toStrictEqual(viaJson);
    expect(phases).toContain('parsing JSON');
    expect(phases).not.toContain('decoding protobuf');
  });

  it('an empty v2 protobuf answer is a not-found, retried without the window like JSON', async () => {
    answerBy(() => proto(encodeTraceByIdResponse({ trace: {} })));
    await expect(fetchTraceById(tempo(), id, range)).rejects.toMatchObject({ kind: 'not-found' });
    expect(calls).toEqual([`/api/v2/traces/${ID}${windowed}`, `/api/v2/traces/${ID}`]);
  });

  it('a truncated protobuf body is a bad response with a readable message, not a crash', async () => {
    const body = encodeTraceByIdResponse({ trace: { resourceSpans: SPANS } });
    answerBy(() => proto(body.subarray(0, body.length - 20))); // inside the span
    const err = await fetchTraceById(tempo(), id, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind: 'bad-response' });
    expect(String(err)).toMatch(/answered, but not with a trace Pathlight can read: .*protobuf Pathlight cannot read/);
  });

  it('a 406 (a proxy refusing the protobuf Accept) is asked again for JSON only, and remembered', async () => {
    const viaJson = await fromJson();
    answerBy((_, accept) =>
      accept.includes('protobuf') ? { status: 406, type: 'text/plain', body: 'not acceptable' } : json(V2_FOUND),
    );
    const source = tempo();
    expect(await fetchTraceById(source, id, {})).toStrictEqual(viaJson);
    expect(accepts).toEqual(['application/protobuf, application/json;q=0.9', 'application/json']);
    await fetchTraceById(source, id, {});
    expect(accepts.slice(2)).toEqual(['application/json']);
  });
});
