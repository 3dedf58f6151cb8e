import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSourcesConfig, publicConfig, type SourceConfig } from './sources-config.mjs';
import { resolveProxyTarget, sourceProxyMiddleware } from './source-proxy.ts';

const sources = parseSourcesConfig({
  sources: [
    { id: 'jaeger', type: 'jaeger', name: 'Jaeger', url: 'http://127.0.0.1:16686' },
    { id: 'tempo', type: 'tempo', name: 'Tempo', url: 'http://127.0.0.1:3200/tempo/', headers: { 'X-Scope-OrgID': 'team-a' } },
  ],
});

describe('resolveProxyTarget', () => {
  it('forwards a configured source path with its query', () => {
    const t = resolveProxyTarget('/proxy/jaeger/api/v3/traces/abc?startTime=1&x=%20y', sources);
    expect(t.ok && t.url.href).toBe('http://127.0.0.1:16686/api/v3/traces/abc?startTime=1&x=%20y');
    const tempo = resolveProxyTarget('/proxy/tempo/api/search?q=%7B%7D', sources);
    expect(tempo.ok && tempo.url.href).toBe('http://127.0.0.1:3200/tempo/api/search?q=%7B%7D');
  });

  it.each([
    ['/proxy/nope/api/services', 'unknown source'],
    ['/proxy/JAEGER/api/services', 'unknown source'],
    ['/proxy/%6aaeger/api/services', 'unknown source'],
    ['/proxy/jaeger/../tempo/api', 'dot or empty segment'],
    ['/proxy/jaeger/api/../../etc/passwd', 'dot or empty segment'],
    ['/proxy/jaeger/api/%2e%2e/%2e%2e/x', 'encoded'],
    ['/proxy/jaeger/api/%2E%2E/x', 'encoded'],
    ['/proxy/jaeger/api%2f..%2fx', 'encoded'],
    ['/proxy/jaeger/api/%252e%252e/x', null],
    ['/proxy/jaeger//evil.example/x', 'dot or empty segment'],
    ['/proxy/jaeger/http://evil.example/x', 'dot or empty segment'],
    ['/proxy/jaeger/api\\..\\x', 'encoded dot, slash or control'],
    ['/proxy/jaeger/api/%00', 'encoded'],
    ['/proxy/jaeger/./api', 'dot or empty segment'],
    ['/proxy/tempo/..', 'dot or empty segment'],
    ['/proxy/http://evil.example/', 'unknown source'],
    ['/proxy//evil.example/', 'unknown source'],
    ['/proxy/jaeger@evil.example/api', 'unknown source'],
  ])('refuses %s', (raw, reason) => {
    const t = resolveProxyTarget(raw, sources);
    if (reason === null) {
      // Double-encoded dots stay literal text in one path segment: still under the source.
      expect(t.ok && t.url.pathname.startsWith('/api/')).toBe(true);
      return;
    }
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.reason).toContain(reason);
  });

  it('the public config never shows headers', () => {
    expect(JSON.stringify(publicConfig(sources))).not.toContain('team-a');
  });

  it('rejects bad configs with a message naming the field', () => {
    expect(() => parseSourcesConfig({ sources: [{ id: 'a', type: 'loki', url: 'http://x' }] })).toThrow(/type must be one of/);
    expect(() => parseSourcesConfig({ sources: [{ id: 'a', type: 'jaeger', url: 'file:///etc' }] })).toThrow(/http or https/);
    expect(() => parseSourcesConfig({ sources: [{ id: 'demo', type: 'jaeger', url: 'http://x' }] })).toThrow(/reserved/);
    expect(() => parseSourcesConfig({ sources: [{ id: 'a', type: 'jaeger', url: 'http://x', headers: { Host: 'y' } }] })).toThrow(/not allowed/);
  });
});

describe('sourceProxyMiddleware against real servers on 127.0.0.1', () => {
  let upstream: Server;
  let proxy: Server;
  let upstreamHits: string[] = [];
  let seenHeaders: Record<string, string | string[] | undefined> = {};
  let proxyUrl = '';
  let configured: SourceConfig[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      upstreamHits.push(req.url ?? '');
      seenHeaders = req.headers;
      if (req.url?.startsWith('/base/fail')) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('{"errors":[{"code":500,"msg":"storage down"}]}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'a=b' });
      res.end(JSON.stringify({ path: req.url }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const up = upstream.address() as AddressInfo;
    configured = parseSourcesConfig({
      sources: [
        { id: 'up', type: 'jaeger', name: 'Up', url: `http://127.0.0.1:${up.port}/base`, headers: { 'X-Scope-OrgID': 't1' } },
        { id: 'down', type: 'zipkin', name: 'Down', url: 'http://127.0.0.1:9' },
      ],
    });
    const mw = sourceProxyMiddleware(() => configured);
    proxy = createServer((req, res) => mw(req, res, () => {
      res.writeHead(418);
      res.end('next');
    }));
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    upstream.close();
    proxy.close();
  });

  it('forwards GET with the configured headers and returns the body', async () => {
    upstreamHits = [];
    const r = await fetch(`${proxyUrl}/proxy/up/api/traces/1?x=1`, { headers: { cookie: 'secret=1', authorization: 'Bearer nope' } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ path: '/base/api/traces/1?x=1' });
    expect(seenHeaders['x-scope-orgid']).toBe('t1');
    expect(seenHeaders.cookie).toBeUndefined();
    expect(seenHeaders.authorization).toBeUndefined();
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it('passes a backend error status and message through', async () => {
    const r = await fetch(`${proxyUrl}/proxy/up/fail`);
    expect(r.status).toBe(500);
    expect(await r.text()).toContain('storage down');
  });

  it('names an unreachable source with 502', async () => {
    const r = await fetch(`${proxyUrl}/proxy/down/api/v2/services`);
    expect(r.status).toBe(502);
    expect(r.headers.get('x-pathlight-proxy-error')).toBe('unreachable');
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/Could not reach source "Down"/);
  });

  it('refuses escapes with 404 and the upstream never sees them', async () => {
    upstreamHits = [];
    for (const path of ['/proxy/nope/x', '/proxy/up/%2e%2e/x', '/proxy/up/a/../../x', '/proxy/up//127.0.0.1/x']) {
      const r = await fetch(`${proxyUrl}${path}`);
      expect(r.status, path).toBe(404);
    }
    expect(upstreamHits).toEqual([]);
  });

  it('is read-only', async () => {
    const r = await fetch(`${proxyUrl}/proxy/up/api/x`, { method: 'POST', body: '{}' });
    expect(r.status).toBe(405);
  });

  it('serves the public config and leaves other paths to the app', async () => {
    const c = await fetch(`${proxyUrl}/config.json`);
    expect(await c.json()).toEqual({ sources: [{ id: 'up', type: 'jaeger', name: 'Up' }, { id: 'down', type: 'zipkin', name: 'Down' }] });
    expect((await fetch(`${proxyUrl}/trace/abc`)).status).toBe(418);
  });
});
