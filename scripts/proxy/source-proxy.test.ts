import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSourcesConfig, publicConfig, type SourceConfig } from './sources-config.mjs';
import { resolveProxyTarget, sourceProxyMiddleware } from './source-proxy.ts';

const sources = parseSourcesConfig({
  sources: [
    { id: 'jaeger', type: 'jaeger', name: 'Jaeger', url: 'http://127.0.0.1:16686' },
    {
      id: 'tempo',
      type: 'tempo',
      name: 'Tempo',
      url: 'http://127.0.0.1:3200/tempo/',
      headers: { 'X-Scope-OrgID': 'team-a' },
    },
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
    expect(() => parseSourcesConfig({ sources: [{ id: 'a', type: 'loki', url: 'http://x' }] })).toThrow(
      /type must be one of/,
    );
    expect(() => parseSourcesConfig({ sources: [{ id: 'a', type: 'jaeger', url: 'file:///etc' }] })).toThrow(
      /http or https/,
    );
    expect(() => parseSourcesConfig({ sources: [{ id: 'demo', type: 'jaeger', url: 'http://x' }] })).toThrow(
      /reserved/,
    );
    expect(() =>
      parseSourcesConfig({ sources: [{ id: 'a', type: 'jaeger', url: 'http://x', headers: { Host: 'y' } }] }),
    ).toThrow(/not allowed/);
  });
});

const HOSTILE_RESPONSE_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'x-scope-orgid': 'other-tenant',
  'set-cookie': 'session=stolen',
  'content-security-policy': "script-src 'unsafe-inline'",
  'x-frame-options': 'ALLOWALL',
  'x-custom-leak': 'internal',
  link: '</evil.js>; rel=preload; as=script',
  etag: '"v1"',
  'cache-control': 'max-age=5',
};

const BINARY = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));

describe('sourceProxyMiddleware against real servers on 127.0.0.1', () => {
  let upstream: Server;
  let proxy: Server;
  let upstreamHits: string[] = [];
  let seenHeaders: Record<string, string | string[] | undefined> = {};
  let proxyUrl = '';
  let configured: SourceConfig[] = [];
  let brokenConfig: string | undefined;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      upstreamHits.push(req.url ?? '');
      seenHeaders = req.headers;
      if (req.url?.startsWith('/base/echo')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(req.headers));
        return;
      }
      if (req.url?.startsWith('/base/html')) {
        res.writeHead(200, { 'content-type': 'text/html', ...HOSTILE_RESPONSE_HEADERS });
        res.end('<script>alert(document.domain)</script>');
        return;
      }
      if (req.url?.startsWith('/base/huge')) {
        // Chunked, no Content-Length: only counting the bytes can find the size.
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 32);
        let sent = 0;
        const more = () => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        more();
        return;
      }
      if (req.url?.startsWith('/base/declared')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
        res.end();
        return;
      }
      if (req.url?.startsWith('/base/protobuf')) {
        // A Tempo trace-by-id answer to Accept: application/protobuf (every byte value, invalid UTF-8).
        const proto = String(req.headers.accept).includes('application/protobuf');
        res.writeHead(200, { 'content-type': proto ? 'application/protobuf' : 'application/json' });
        res.end(proto ? BINARY : '{}');
        return;
      }
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
        {
          id: 'up',
          type: 'jaeger',
          name: 'Up',
          url: `http://127.0.0.1:${up.port}/base`,
          headers: { 'X-Scope-OrgID': 't1' },
        },
        { id: 'down', type: 'zipkin', name: 'Down', url: 'http://127.0.0.1:9' },
      ],
    });
    const mw = sourceProxyMiddleware(() => ({ sources: configured, error: brokenConfig }), { maxBytes: 1024 * 1024 });
    proxy = createServer((req, res) =>
      mw(req, res, () => {
        res.writeHead(418);
        res.end('next');
      }),
    );
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    upstream.close();
    proxy.close();
  });

  it('answers /config.json with 500 and the reason when the config is broken, and then reaches no source', async () => {
    brokenConfig = 'config.json is not valid JSON: Unexpected token';
    try {
      const r = await fetch(`${proxyUrl}/config.json`);
      expect(r.status).toBe(500);
      expect(((await r.json()) as { error: { message: string } }).error.message).toBe(brokenConfig);
    } finally {
      brokenConfig = undefined;
    }
    const ok = await fetch(`${proxyUrl}/config.json`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { sources: { id: string }[] }).sources.map((s) => s.id)).toEqual(['up', 'down']);
  });

  it('forwards GET with the configured headers and returns the body', async () => {
    upstreamHits = [];
    const r = await fetch(`${proxyUrl}/proxy/up/api/traces/1?x=1`, {
      headers: { cookie: 'secret=1', authorization: 'Bearer nope' },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ path: '/base/api/traces/1?x=1' });
    expect(seenHeaders['x-scope-orgid']).toBe('t1');
    expect(seenHeaders.cookie).toBeUndefined();
    expect(seenHeaders.authorization).toBeUndefined();
    expect(r.headers.get('set-cookie')).toBeNull();
  });

  it("passes Accept on and a protobuf answer back byte for byte, with its Content-Type (Tempo's negotiation)", async () => {
    const r = await fetch(`${proxyUrl}/proxy/up/protobuf`, {
      headers: { accept: 'application/protobuf, application/json;q=0.9' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/protobuf');
    expect(Buffer.from(await r.arrayBuffer()).equals(BINARY)).toBe(true);
    const json = await fetch(`${proxyUrl}/proxy/up/protobuf`, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toBe('application/json');
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
    expect(r.headers.get('content-security-policy')).toContain('sandbox');
    const { message } = ((await r.json()) as { error: { message: string } }).error;
    expect(message).toBe('Could not reach source "Down" (down).');
  });

  it("forwards only allow-listed request headers, plus the source's own", async () => {
    const r = await fetch(`${proxyUrl}/proxy/up/echo`, {
      headers: {
        'x-scope-orgid': 'evil-tenant',
        'x-forwarded-user': 'admin',
        'x-forwarded-for': '10.0.0.1',
        'proxy-authorization': 'Basic eA==',
        forwarded: 'for=1.2.3.4',
        origin: 'http://evil.example',
        cookie: 's=1',
        authorization: 'Bearer x',
        'x-custom': '1',
        accept: 'application/json',
        'accept-language': 'de',
        'if-none-match': '"v1"',
      },
    });
    const seen = (await r.json()) as Record<string, string>;
    expect(seen['x-scope-orgid']).toBe('t1');
    for (const name of [
      'x-forwarded-user',
      'x-forwarded-for',
      'proxy-authorization',
      'forwarded',
      'origin',
      'cookie',
      'authorization',
      'x-custom',
    ])
      expect(seen[name], name).toBeUndefined();
    expect(seen.accept).toBe('application/json');
    expect(seen['accept-language']).toBe('de');
    expect(seen['if-none-match']).toBe('"v1"');
  });

  it('returns only allow-listed response headers, with nosniff and a sandbox CSP', async () => {
    const r = await fetch(`${proxyUrl}/proxy/up/html`);
    expect(r.status).toBe(200);
    const names = [...r.headers.keys()].sort();
    expect(names).toEqual([
      'cache-control',
      'connection',
      'content-security-policy',
      'content-type',
      'date',
      'etag',
      'keep-alive',
      'referrer-policy',
      'transfer-encoding',
      'x-content-type-options',
      'x-pathlight-proxy',
    ]);
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/proxy/nope/x', '/proxy/up/%0a/x', '/proxy/down/x', '/proxy/up/declared'])(
    'puts nosniff and the sandbox CSP on %s',
    async (path) => {
      const r = await fetch(`${proxyUrl}${path}`);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    },
  );

  it('refuses an answer that declares more than the cap before sending anything', async () => {
    const r = await fetch(`${proxyUrl}/proxy/up/declared`);
    expect(r.status).toBe(502);
    expect(r.headers.get('x-pathlight-proxy-error')).toBe('too-large');
  });

  it('cuts off a chunked answer past the cap, so the read fails instead of looking complete', async () => {
    const r = await fetch(`${proxyUrl}/proxy/up/huge`);
    expect(r.status).toBe(200);
    await expect(r.arrayBuffer()).rejects.toThrow();
  });

  it('refuses encoded control characters in the path and query, keeps encoded whitespace in the query', async () => {
    upstreamHits = [];
    for (const path of [
      '/proxy/up/%0a/x',
      '/proxy/up/a%0Db',
      '/proxy/up/a%09',
      '/proxy/up/a%7F',
      '/proxy/up/a%1b',
      '/proxy/up/a?q=%00',
      '/proxy/up/a?q=%1b',
      '/proxy/up/a?q=%7f',
    ]) {
      const r = await fetch(`${proxyUrl}${path}`);
      expect(r.status, path).toBe(404);
    }
    expect(upstreamHits).toEqual([]);
    const ok = await fetch(`${proxyUrl}/proxy/up/api/search?q=%7B%0A%09true%0D%0A%7D`);
    expect(ok.status).toBe(200);
    expect(upstreamHits).toEqual(['/base/api/search?q=%7B%0A%09true%0D%0A%7D']);
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
    expect(await c.json()).toEqual({
      sources: [
        { id: 'up', type: 'jaeger', name: 'Up' },
        { id: 'down', type: 'zipkin', name: 'Down' },
      ],
    });
    expect((await fetch(`${proxyUrl}/trace/abc`)).status).toBe(418);
  });
});
