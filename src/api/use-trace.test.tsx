// @vitest-environment jsdom
/**
 * The loader hook against a mocked backend (MSW): exactly one fetch and one parse per open.
 * With no source, the backends are asked in turn and the trace is stored under the one that
 * had it, so writing that source (and a time range) into the URL loads nothing again.
 */
import { act, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TraceId } from '../model/types';
import { makeQueryClient, origin, renderHookWithProviders } from '../test/render';
import { checkoutDocWithId } from '../test/trace-docs';
import { addFileTraces, traceKey } from './trace-loader';
import type { TimeRange } from './trace-range';
import { useTrace } from './use-trace';
import { loadInWorker } from './worker/parse-client';

// Counts the parses: the worker's handler runs in-process here, through this module.
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('./parse-trace-file', async (importOriginal) =>
  (await import('../test/trace-docs')).countingParses(await importOriginal(), parses),
);

const TRACE_ID = '5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e' as TraceId;
const doc = checkoutDocWithId(TRACE_ID, 3);

const requests: string[] = [];
const server = setupServer(
  http.get(origin('/config.json'), () =>
    HttpResponse.json({
      sources: [
        { id: 'zipkin', type: 'zipkin', name: 'Zipkin' },
        { id: 'jaeger', type: 'jaeger', name: 'Jaeger' },
      ],
    }),
  ),
  http.get(origin('/proxy/:source/*'), ({ request }) => {
    const url = new URL(request.url);
    requests.push(url.pathname + url.search);
    if (url.pathname === `/proxy/jaeger/api/v3/traces/${TRACE_ID}`) return HttpResponse.json({ result: doc });
    return HttpResponse.json({ errors: [{ code: 404, msg: 'trace not found' }] }, { status: 404 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  requests.length = 0;
  parses.count = 0;
});
afterAll(() => server.close());

describe('useTrace', () => {
  it('opens a trace with its source in one fetch and one parse, analysed', async () => {
    const { result } = renderHookWithProviders(() => useTrace(TRACE_ID, 'jaeger', {}));
    await waitFor(() => expect(result.current.status).toBe('ready'), { timeout: 10_000 });
    if (result.current.status !== 'ready') throw new Error('not ready');
    expect(result.current.trace.spans.length).toBe(29);
    expect(result.current.analysis.tree.preorder.length).toBe(29);
    expect(result.current.origin).toMatchObject({ kind: 'backend', source: { id: 'jaeger' } });
    expect(requests).toEqual([`/proxy/jaeger/api/v3/traces/${TRACE_ID}`]);
    expect(parses.count).toBe(1);
  });

  it('with no source, asks each backend once and keeps the trace under the source that had it', async () => {
    const { result, rerender, queryClient } = renderHookWithProviders(
      (p: { source: string | null; range: TimeRange }) => useTrace(TRACE_ID, p.source, p.range),
      {
        initialProps: { source: null as string | null, range: {} as TimeRange },
      },
    );
    await waitFor(() => expect(result.current.status).toBe('ready'), { timeout: 10_000 });
    expect(requests).toEqual([`/proxy/zipkin/api/v2/trace/${TRACE_ID}`, `/proxy/jaeger/api/v3/traces/${TRACE_ID}`]);
    expect(parses.count).toBe(1);
    expect(queryClient.getQueryData(traceKey('jaeger', TRACE_ID))).toBeDefined();

    // The page writes the source and a time range into the URL: the same trace, nothing loaded.
    act(() => rerender({ source: 'jaeger', range: { startS: 1768469398, endS: 1768469401 } }));
    expect(result.current.status).toBe('ready');
    expect(requests).toHaveLength(2);
    expect(parses.count).toBe(1);
  });

  it('says which sources were asked when none has the trace', async () => {
    const missing = 'deadbeefdeadbeefdeadbeefdeadbeef' as TraceId;
    const { result } = renderHookWithProviders(() => useTrace(missing, null, {}));
    await waitFor(() => expect(result.current.status).toBe('failed'), { timeout: 10_000 });
    if (result.current.status !== 'failed') throw new Error('not failed');
    expect(result.current.message).toContain(`Zipkin has no trace ${missing}.`);
    expect(result.current.message).toContain(`Jaeger has no trace ${missing}.`);
    expect(parses.count).toBe(0);
  });

  it('asks a file trace of the cache only, and says so when the file is not open', () => {
    const { result } = renderHookWithProviders(() => useTrace(TRACE_ID, 'file', {}));
    expect(result.current.status).toBe('needs-file');
    expect(requests).toEqual([]);
  });

  it('finds an opened file in the same cache, analysed by the same worker path', async () => {
    const queryClient = makeQueryClient();
    const loaded = await loadInWorker({ kind: 'text', text: JSON.stringify(doc), fileName: 'checkout.json' });
    addFileTraces(queryClient, 'checkout.json', loaded);
    const { result } = renderHookWithProviders(() => useTrace(TRACE_ID, 'file', {}), { queryClient });
    expect(result.current.status).toBe('ready');
    if (result.current.status !== 'ready') throw new Error('not ready');
    expect(result.current.origin).toEqual({ kind: 'file', fileName: 'checkout.json' });
    expect(result.current.analysis.tree.preorder.length).toBe(29);
    expect(requests).toEqual([]);
  });

  it('draws from the tree and critical path before the summary, and keeps the same trace and analysis objects', async () => {
    const seen: { status: string; trace?: unknown; analysis?: unknown }[] = [];
    const { result } = renderHookWithProviders(() => {
      const data = useTrace(TRACE_ID, 'jaeger', {});
      if (data.status === 'loading')
        seen.push({ status: data.preview ? 'preview' : 'loading', ...(data.preview ?? {}) });
      else if (data.status === 'ready') seen.push({ status: 'ready', trace: data.trace, analysis: data.analysis });
      else seen.push({ status: data.status });
      return data;
    });
    await waitFor(() => expect(result.current.status).toBe('ready'), { timeout: 10_000 });
    const statuses = seen.map((s) => s.status).filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['loading', 'preview', 'ready']);
    const preview = seen.find((s) => s.status === 'preview');
    const ready = seen[seen.length - 1];
    expect(preview?.trace).toBe(ready?.trace);
    expect(preview?.analysis).toBe(ready?.analysis);
    expect(requests).toHaveLength(1);
  });
});
