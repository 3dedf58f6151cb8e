/**
 * The production nginx config, rendered from a config.json and run by the real nginx on
 * 127.0.0.1: it serves the app, forwards configured sources with their headers, and refuses
 * every escape attempt with 404 before anything reaches an upstream.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { parseSourcesConfig } from '../scripts/proxy/sources-config.mjs';
import { renderNginx } from './render-nginx.mjs';
import { NGINX, nginxConf } from './run-nginx.mjs';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The body of a chunked HTTP/1.1 answer (ASCII test bodies, so string offsets are bytes). */
function dechunk(raw: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    const size = parseInt(raw.slice(at, eol), 16);
    if (!(size > 0)) return out;
    out += raw.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

function rawGet(
  port: number,
  target: string,
  method = 'GET',
  extra = '',
): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        `${method} ${target} HTTP/1.1\r\nHost: pathlight.test\r\nCookie: s=1\r\n${extra}Connection: close\r\n\r\n`,
      ),
    );
    let data = '';
    socket.on('data', (c) => (data += c.toString('utf8')));
    socket.on('end', () => {
      const split = data.indexOf('\r\n\r\n');
      const headers = data.slice(0, split).toLowerCase();
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0),
        headers,
        body: headers.includes('transfer-encoding: chunked') ? dechunk(data.slice(split + 4)) : data.slice(split + 4),
      });
    });
    socket.on('error', reject);
  });
}

describe('nginx config from deploy/render-nginx.mjs', () => {
  let dir = '';
  let nginx: ChildProcess | undefined;
  let upstream: Server;
  let port = 0;
  const hits: { url: string; headers: Record<string, unknown> }[] = [];

  const INDEX_HTML = '<!doctype html><title>Pathlight</title><script>document.title += "!"</script>';
  // A hostile source: it answers HTML with a script, lets any origin read it, names a tenant,
  // sets cookies and tries to make nginx redirect internally; /echo returns the request headers.
  const HOSTILE_RESPONSE_HEADERS: Record<string, string> = {
    'access-control-allow-origin': '*',
    'access-control-allow-credentials': 'true',
    'x-scope-orgid': 'other-tenant',
    'set-cookie': 'session=stolen',
    'content-security-policy': "script-src 'unsafe-inline'",
    'x-frame-options': 'ALLOWALL',
    'x-accel-redirect': '/proxy/secret/api/x',
    link: '</evil.js>; rel=preload; as=script',
    refresh: '0; url=http://evil.example/',
    'content-disposition': 'attachment; filename=evil.html',
    etag: '"v1"',
    'cache-control': 'max-age=5',
  };

  beforeAll(async () => {
    if (!NGINX)
      throw new Error(
        'nginx is not installed: apt-get install nginx-light (scripts/ensure-system-packages.sh does it)',
      );
    upstream = createServer((req, res) => {
      hits.push({ url: req.url ?? '', headers: req.headers });
      if (req.url?.includes('/html')) {
        res.writeHead(200, { 'content-type': 'text/html', ...HOSTILE_RESPONSE_HEADERS });
        res.end('<script>parent.postMessage(document.cookie, "*")</script>');
        return;
      }
      if (req.url?.includes('/echo')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(req.headers));
        return;
      }
      res.writeHead(req.url?.includes('missing') ? 404 : 200, {
        'content-type': 'application/json',
        'set-cookie': 'x=y',
      });
      res.end(JSON.stringify({ seen: req.url }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const upPort = (upstream.address() as AddressInfo).port;
    const deadPort = await freePort();
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'pathlight-nginx-'));
    chmodSync(dir, 0o755); // nginx workers run as another user when started by root
    const root = join(dir, 'html');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), INDEX_HTML);
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'app.js.map'), '{"version":3}');
    const sources = parseSourcesConfig({
      sources: [
        {
          id: 'tempo',
          type: 'tempo',
          name: "Team A's Tempo",
          url: `http://127.0.0.1:${upPort}/tempo`,
          headers: { 'X-Scope-OrgID': 'team-a' },
        },
        { id: 'dead', type: 'jaeger', name: 'Dead', url: `http://127.0.0.1:${deadPort}` },
        { id: 'open', type: 'zipkin', name: 'Open', url: `http://127.0.0.1:${upPort}` },
        // Names are free text: nginx must neither expand nor choke on any of this.
        {
          id: 'a-b',
          type: 'zipkin',
          name: 'A $http_cookie ${http_cookie}; } \\ "q" \'s\'',
          url: `http://127.0.0.1:${deadPort}`,
        },
        { id: 'a_b', type: 'zipkin', name: 'A underscore', url: `http://127.0.0.1:${deadPort}/x` },
      ],
    });
    writeFileSync(
      join(dir, 'nginx.conf'),
      nginxConf(dir, renderNginx(sources, { root, listen: `127.0.0.1:${port}`, indexHtml: INDEX_HTML })),
    );
    const check = spawnSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while ((await rawGet(port, '/').catch(() => ({ status: 0 }))).status !== 200) {
      if (Date.now() > deadline)
        throw new Error(`nginx did not answer on 127.0.0.1:${port}: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 20_000);

  afterAll(() => {
    nginx?.kill('SIGTERM');
    upstream?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app with an SPA fallback and the public config without headers', async () => {
    expect((await rawGet(port, '/trace/abc?span=1')).body).toContain('<title>Pathlight</title>');
    const config = await rawGet(port, '/config.json');
    expect(JSON.parse(config.body).sources.slice(0, 2)).toEqual([
      { id: 'tempo', type: 'tempo', name: "Team A's Tempo" },
      { id: 'dead', type: 'jaeger', name: 'Dead' },
    ]);
    expect(config.body).not.toContain('team-a');
  });

  it('forwards a configured source with its headers, without cookies, keeping status and query', async () => {
    hits.length = 0;
    const r = await rawGet(port, '/proxy/tempo/api/search?q=%7B%20duration%20%3E%201s%20%7D&limit=20');
    expect(r.status).toBe(200);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.url).toBe('/tempo/api/search?q=%7B%20duration%20%3E%201s%20%7D&limit=20');
    expect(hits[0]?.headers['x-scope-orgid']).toBe('team-a');
    expect(hits[0]?.headers.cookie).toBeUndefined();
    expect(r.headers).not.toContain('set-cookie');
    expect((await rawGet(port, '/proxy/tempo/api/traces/missing')).status).toBe(404);
  });

  it('names an unreachable source in JSON with a 502', async () => {
    const r = await rawGet(port, '/proxy/dead/api/v3/services');
    expect(r.status).toBe(502);
    expect(r.headers).toContain('x-pathlight-proxy-error: unreachable');
    expect(JSON.parse(r.body).error.message).toBe('Could not reach source "Dead" (dead).');
    expect(r.body).not.toContain('127.0.0.1');
  });

  it('writes config values into nginx as text: no variable expansion, no id collision', async () => {
    const config = await rawGet(port, '/config.json');
    const names = JSON.parse(config.body).sources.map((s: { name: string }) => s.name);
    expect(names).toContain('A $http_cookie ${http_cookie}; } \\ "q" \'s\'');
    expect(config.body).not.toContain('s=1'); // the request's cookie
    // "a-b" and "a_b" each get their own locations and their own error answer.
    expect(JSON.parse((await rawGet(port, '/proxy/a-b/api')).body).error.message).toContain('(a-b)');
    expect(JSON.parse((await rawGet(port, '/proxy/a_b/api')).body).error.message).toBe(
      'Could not reach source "A underscore" (a_b).',
    );
  });

  it("forwards only allow-listed request headers, plus the source's own", async () => {
    const sent = [
      'X-Scope-OrgID: evil-tenant',
      'X-Forwarded-User: admin',
      'X-Forwarded-For: 10.0.0.1',
      'Proxy-Authorization: Basic eA==',
      'Forwarded: for=1.2.3.4',
      'Origin: http://evil.example',
      'Authorization: Bearer stolen',
      'X-Custom: 1',
      'Referer: http://x/trace/1',
      'User-Agent: curl',
      'Accept: application/json',
      'Accept-Language: de',
      'If-None-Match: "v1"',
      'Accept-Encoding: gzip',
    ]
      .map((h) => `${h}\r\n`)
      .join('');
    const open = JSON.parse((await rawGet(port, '/proxy/open/echo', 'GET', sent)).body) as Record<string, string>;
    expect(Object.keys(open).sort()).toEqual(['accept', 'accept-language', 'connection', 'host', 'if-none-match']);
    expect(open.accept).toBe('application/json');
    const tenant = JSON.parse((await rawGet(port, '/proxy/tempo/echo', 'GET', sent)).body) as Record<string, string>;
    expect(tenant['x-scope-orgid']).toBe('team-a');
  });

  it('returns only allow-listed response headers, with nosniff and a sandbox CSP', async () => {
    const r = await rawGet(port, '/proxy/open/html');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<script>'); // the body is passed on, but inert:
    expect(r.headers).toContain('x-content-type-options: nosniff');
    expect(r.headers).toContain("content-security-policy: default-src 'none'; sandbox");
    expect(r.headers).not.toContain('unsafe-inline');
    for (const name of Object.keys(HOSTILE_RESPONSE_HEADERS).filter(
      (h) => !['etag', 'cache-control', 'content-security-policy'].includes(h),
    ))
      expect(r.headers).not.toContain(`${name}:`);
    expect(r.headers).toContain('etag: "v1"');
    expect(r.headers).toContain('cache-control: max-age=5');
    expect(hits.some((h) => h.url.includes('/proxy/secret'))).toBe(false);
  });

  it.each(['/proxy/open/html', '/proxy/nope/x', '/proxy/open/%0a/x', '/proxy/dead/api', '/proxy/open', '/proxy/a-b/x'])(
    'puts nosniff and the sandbox CSP on %s',
    async (target) => {
      const r = await rawGet(port, target);
      expect(r.headers).toContain('x-content-type-options: nosniff');
      expect(r.headers).toContain("content-security-policy: default-src 'none'; sandbox");
    },
  );

  it('puts nosniff and the sandbox CSP on the read-only refusal', async () => {
    const r = await rawGet(port, '/proxy/open/x', 'POST');
    expect(r.status).toBe(403);
    expect(r.headers).toContain("content-security-policy: default-src 'none'; sandbox");
  });

  it('keeps encoded tab, CR and LF inside a query (multi-line TraceQL) and encoded', async () => {
    hits.length = 0;
    const r = await rawGet(port, '/proxy/open/api/search?q=%7B%0A%09true%0D%0A%7D');
    expect(r.status).toBe(200);
    expect(hits.map((h) => h.url)).toEqual(['/api/search?q=%7B%0A%09true%0D%0A%7D']);
  });

  it("serves the app with a CSP hashing index.html's inline script, nosniff and no-referrer", async () => {
    const hash = createHash('sha256').update('document.title += "!"').digest('base64');
    for (const target of ['/', '/trace/abc', '/config.json', '/assets/app.js']) {
      const r = await rawGet(port, target);
      expect(r.headers, target).toContain(`script-src 'self' 'sha256-${hash}'`.toLowerCase());
      expect(r.headers, target).toContain("frame-ancestors 'none'");
      expect(r.headers, target).toContain('x-content-type-options: nosniff');
      expect(r.headers, target).toContain('referrer-policy: no-referrer');
    }
  });

  it('caches hashed assets for good, revalidates the page, 404s unknown assets and source maps', async () => {
    expect((await rawGet(port, '/')).headers).toContain('cache-control: no-cache');
    expect((await rawGet(port, '/trace/abc')).headers).toContain('cache-control: no-cache');
    const asset = await rawGet(port, '/assets/app.js');
    expect(asset.headers).toContain('cache-control: public, max-age=31536000, immutable');
    const unknown = await rawGet(port, '/assets/nope-1234.js');
    expect(unknown.status).toBe(404);
    expect(unknown.body).not.toContain('<title>Pathlight</title>');
    expect((await rawGet(port, '/assets/app.js.map')).status).toBe(404);
  });

  it.each([
    '/proxy/nope/api',
    '/proxy/tempo/../dead/api',
    '/proxy/dead/../tempo/api/search',
    '/proxy/tempo/api/../../x',
    '/proxy/tempo/%2e%2e/x',
    '/proxy/tempo/api%2F..%2F..%2Fx',
    '/proxy/tempo/api%5c..%5cx',
    '/proxy/tempo//127.0.0.1/x',
    '/proxy/tempo/http://127.0.0.1/x',
    '/proxy/http://127.0.0.1/tempo/x',
    '/proxy/%74empo/api',
    '/proxy/tempo/./api',
    '/proxy/tempo',
    '/proxy/tempo/%0a/x',
    '/proxy/tempo/%0A',
    '/proxy/tempo/api%09x',
    '/proxy/tempo/api%7f',
    '/proxy/tempo/api%1b/x',
    '/proxy/tempo/api?q=%00',
    '/proxy/tempo/api?q=%1B',
    '/proxy/tempo/api?q=%7f',
  ])('refuses %s with 404 before any upstream sees it', async (target) => {
    hits.length = 0;
    const r = await rawGet(port, target);
    expect(r.status).toBe(404);
    expect(hits).toEqual([]);
  });

  it('is read-only', async () => {
    hits.length = 0;
    expect((await rawGet(port, '/proxy/tempo/api/echo', 'POST')).status).toBe(403);
    expect(hits).toEqual([]);
  });
});
