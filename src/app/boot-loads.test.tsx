// @vitest-environment jsdom
/**
 * The loads a page starts before React renders it: on a trace link, the trace is fetched and
 * parsed once, and the page that mounts later shares that load, its progress included.
 */
import { waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TraceId } from '../model/types';
import { makeQueryClient, origin, renderHookWithProviders } from '../test/render';
import { checkoutDocWithId } from '../test/trace-docs';
import { useTrace } from '../api/use-trace';
import { traceKey } from '../api/trace-loader';
import { parseRoute } from '../lib/router';
import { startBootLoads } from './boot-loads';

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../api/parse-trace-file', async (importOriginal) =>
  (await import('../test/trace-docs')).countingParses(await importOriginal(), parses),
);

const TRACE_ID = '0b0075a1e0b0075a1e0b0075a1e0b007' as TraceId;
const doc = checkoutDocWithId(TRACE_ID, 5);

const requests: string[] = [];
/** The trace's answer waits for this, so a test can look at the load while it runs. */
let release: () => void = () => undefined;
let answerGate = Promise.resolve();

const server = setupServer(
  http.get(origin('/config.json'), () => {
    requests.push('/config.json');
    return HttpResponse.json({ sources: [{ id: 'jaeger', type: 'jaeger', name: 'Jaeger' }] });
  }),
  http.get(origin('/proxy/:source/*'), async ({ request }) => {
    const url = new URL(request.url);
    requests.push(url.pathname);
    await answerGate;
    if (url.pathname === `/proxy/jaeger/api/v3/traces/${TRACE_ID}`) return HttpResponse.json({ result: doc });
    return HttpResponse.json({ errors: [{ code: 404, msg: 'trace not found' }] }, { status: 404 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  requests.length = 0;
  parses.count = 0;
  answerGate = Promise.resolve();
});
afterAll(() => server.close());

const route = (path: string, search = '') => parseRoute(path, search);

describe('startBootLoads', () => {
  it('loads a trace link before the page mounts; the page shares that one fetch, parse and progress', async () => {
    answerGate = new Promise((resolve) => (release = resolve));
    const queryClient = makeQueryClient();
    startBootLoads(queryClient, route(`/trace/${TRACE_ID}`, '?source=jaeger'));
    await waitFor(() => expect(requests).toEqual(['/config.json', `/proxy/jaeger/api/v3/traces/${TRACE_ID}`]));

    const { result } = renderHookWithProviders(() => useTrace(TRACE_ID, 'jaeger', {}), { queryClient });
    const loading = result.current;
    if (loading.status !== 'loading') throw new Error(`expected loading, got ${loading.status}`);
    expect(loading.phase).toBe('asking Jaeger');

    release();
    await waitFor(() => expect(result.current.status).toBe('ready'), { timeout: 10_000 });
    if (result.current.status !== 'ready') throw new Error('not ready');
    expect(result.current.trace.spans.length).toBe(29);
    expect(requests).toEqual(['/config.json', `/proxy/jaeger/api/v3/traces/${TRACE_ID}`]);
    expect(parses.count).toBe(1);
  });

  it('with no source in the link, stores the trace under the source that had it', async () => {
    const queryClient = makeQueryClient();
    startBootLoads(queryClient, route(`/trace/${TRACE_ID}`));
    await waitFor(() => expect(queryClient.getQueryData(traceKey('jaeger', TRACE_ID))).toBeDefined(), {
      timeout: 10_000,
    });
    expect(parses.count).toBe(1);
  });

  it('asks only for the config on other pages, on a file trace and on a bad trace id', async () => {
    for (const [path, search] of [
      ['/search', '?service=frontend'],
      [`/trace/${TRACE_ID}`, '?source=file'],
      ['/trace/not-an-id', '?source=jaeger'],
    ] as const) {
      const queryClient = makeQueryClient();
      startBootLoads(queryClient, route(path, search));
      await waitFor(() => expect(queryClient.getQueryState(['sources'])?.status).toBe('success'));
      expect(queryClient.getQueryCache().findAll({ queryKey: ['trace'] })).toEqual([]);
    }
    expect(requests).toEqual(['/config.json', '/config.json', '/config.json']);
  });
});
