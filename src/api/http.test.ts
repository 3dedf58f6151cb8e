import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendMessage, fetchText, isFatalSourceError, SourceError, type SourceErrorKind } from './http';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/slow') {
      setTimeout(() => res.end('late'), 2_000);
      return;
    }
    if (url === '/v1-404') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}');
      return;
    }
    if (url === '/v3-500-url') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('{"error":{"httpCode":500,"message":"storage at http://cassandra.internal:9042/ks is down"}}');
      return;
    }
    if (url === '/v3-500') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('{"error":{"httpCode":500,"message":"storage is down"}}');
      return;
    }
    if (url === '/huge') {
      res.writeHead(200, { 'content-length': String(300 * 1024 * 1024) });
      res.write('x');
      return; // never finishes: the client must refuse on the header alone
    }
    if (url === '/chunked-endless') {
      // No Content-Length (chunked): the cap can only be kept by counting what arrives.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      const timer = setInterval(() => {
        if (res.destroyed) clearInterval(timer);
        else res.write(chunk);
      }, 1);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (url === '/chunked-small') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":"é');
      res.end('"}');
      return;
    }
    if (url === '/proxy-down') {
      res.writeHead(502, { 'content-type': 'application/json', 'x-pathlight-proxy-error': 'unreachable' });
      res.end(
        '{"error":{"message":"Could not reach source \\"Jaeger\\" at http://127.0.0.1:16686: connect ECONNREFUSED."}}',
      );
      return;
    }
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function errorOf(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SourceError) return err;
    throw err;
  }
  throw new Error('expected a SourceError');
}

describe('fetchText', () => {
  it('returns the body of a 2xx answer', async () => {
    expect(await fetchText(`${base}/ok`, { sourceName: 'Jaeger' })).toBe('{"ok":true}');
  });

  it('names a timeout with the source and the limit', async () => {
    const err = await errorOf(fetchText(`${base}/slow`, { sourceName: 'Tempo', timeoutMs: 200 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe('Tempo did not answer within 0.2 s.');
  });

  it('reports cancellation separately from a timeout', async () => {
    const abort = new AbortController();
    const p = fetchText(`${base}/slow`, { sourceName: 'Tempo', signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    expect((await errorOf(p)).kind).toBe('cancelled');
  });

  it('passes on the backend message of a Jaeger v1 404 and a v3 500', async () => {
    const notFound = await errorOf(fetchText(`${base}/v1-404`, { sourceName: 'Jaeger' }));
    expect(notFound.kind).toBe('not-found');
    expect(notFound.message).toBe('trace not found');
    const failed = await errorOf(fetchText(`${base}/v3-500`, { sourceName: 'Jaeger' }));
    expect(failed.kind).toBe('http');
    expect(failed.message).toBe('Jaeger answered HTTP 500: storage is down.');
  });

  it('refuses a response that is too large before reading it', async () => {
    const err = await errorOf(fetchText(`${base}/huge`, { sourceName: 'Zipkin', timeoutMs: 5_000 }));
    expect(err.kind).toBe('too-large');
    expect(err.message).toMatch(/Zipkin sent 300 MB/);
  });

  it('counts the bytes of a chunked body with no Content-Length and refuses it past the cap', async () => {
    const err = await errorOf(
      fetchText(`${base}/chunked-endless`, {
        sourceName: 'Zipkin',
        sourceId: 'zipkin-prod',
        maxBytes: 1024 * 1024,
        timeoutMs: 20_000,
      }),
    );
    expect(err.kind).toBe('too-large');
    expect(err.message).toBe(
      'Zipkin (source zipkin-prod) sent more than 1 MB; Pathlight reads at most 1 MB in one response.',
    );
    expect(await fetchText(`${base}/chunked-small`, { sourceName: 'Zipkin', maxBytes: 1024 })).toBe('{"a":"é"}');
  });

  it('names the source id behind the proxy, never the upstream URL the proxy reported', async () => {
    const down = await errorOf(fetchText(`${base}/proxy-down`, { sourceName: 'Jaeger', sourceId: 'jaeger-prod' }));
    expect(down.kind).toBe('unreachable');
    expect(down.message).toBe(
      'Could not reach source "Jaeger" at <URL hidden>: connect ECONNREFUSED (source jaeger-prod).',
    );
    expect(down.message).not.toContain('127.0.0.1');
    const failed = await errorOf(fetchText(`${base}/v3-500-url`, { sourceName: 'Jaeger', sourceId: 'jaeger-prod' }));
    expect(failed.message).toBe('Jaeger (source jaeger-prod) answered HTTP 500: storage at <URL hidden> is down.');
  });

  it('names an unreachable source behind the proxy, and a CORS block on a direct call', async () => {
    const down = await errorOf(fetchText(`${base}/proxy-down`, { sourceName: 'Jaeger' }));
    expect(down.kind).toBe('unreachable');
    expect(down.message).toMatch(/Could not reach source "Jaeger"/);
    const closed = await errorOf(fetchText('http://127.0.0.1:9/api', { sourceName: 'Jaeger' }));
    expect(closed.kind).toBe('unreachable');
    const cors = await errorOf(fetchText('http://127.0.0.1:9/api', { sourceName: 'Jaeger', crossOrigin: true }));
    expect(cors.kind).toBe('cors');
    expect(cors.message).toMatch(/CORS/);
  });
});

describe('backendMessage', () => {
  it('reads the error shapes of each backend', () => {
    expect(backendMessage('{"error":{"httpCode":404,"message":"No traces found"}}')).toBe('No traces found');
    expect(backendMessage('{"data":null,"errors":[{"code":400,"msg":"a"},{"msg":"b"}]}')).toBe('a; b');
    expect(backendMessage('trace 123 not found\n')).toBe('trace 123 not found');
    expect(backendMessage('')).toBeUndefined();
  });
});

describe('isFatalSourceError', () => {
  it('stops a loop over alternatives only when no other URL can help', () => {
    const fatal: SourceErrorKind[] = ['cancelled', 'unreachable', 'timeout'];
    const retryable: SourceErrorKind[] = ['not-found', 'http', 'too-large', 'cors', 'bad-response'];
    for (const kind of fatal) expect(isFatalSourceError(new SourceError(kind, 'x')), kind).toBe(true);
    for (const kind of retryable) expect(isFatalSourceError(new SourceError(kind, 'x')), kind).toBe(false);
    // Only typed source errors: a parse failure or a plain abort is left to the caller.
    expect(isFatalSourceError(new Error('timeout'))).toBe(false);
    expect(isFatalSourceError(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isFatalSourceError(undefined)).toBe(false);
  });

  it('is what fetchText throws when the caller cancels', async () => {
    const controller = new AbortController();
    const pending = fetchText(`${base}/slow`, { signal: controller.signal, sourceName: 'slow' });
    controller.abort();
    const err: unknown = await pending.catch((e: unknown) => e);
    expect(isFatalSourceError(err)).toBe(true);
  });
});
