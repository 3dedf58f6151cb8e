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
import { parseSourcesConfig } from '../scripts/proxy/sources-config.mjs';
import { renderNginx } from './render-nginx.mjs';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function rawGet(port: number, target: string, method = 'GET'): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${method} ${target} HTTP/1.1\r\nHost: pathlight.test\r\nCookie: s=1\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (c) => (data += c.toString('utf8')));
    socket.on('end', () => {
      const split = data.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), headers: data.slice(0, split).toLowerCase(), body: data.slice(split + 4) });
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

  beforeAll(async () => {
    if (!NGINX) throw new Error('nginx is not installed: apt-get install nginx-light (scripts/ensure-system-packages.sh does it)');
    upstream = createServer((req, res) => {
      hits.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(req.url?.includes('missing') ? 404 : 200, { 'content-type': 'application/json', 'set-cookie': 'x=y' });
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
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Pathlight</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    const sources = parseSourcesConfig({
      sources: [
        { id: 'tempo', type: 'tempo', name: "Team A's Tempo", url: `http://127.0.0.1:${upPort}/tempo`, headers: { 'X-Scope-OrgID': 'team-a' } },
        { id: 'dead', type: 'jaeger', name: 'Dead', url: `http://127.0.0.1:${deadPort}` },
      ],
    });
    const conf = `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include /etc/nginx/mime.types;
  ${renderNginx(sources, { root, listen: `127.0.0.1:${port}` })}
}
`;
    writeFileSync(join(dir, 'nginx.conf'), conf);
    const check = spawnSync(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while ((await rawGet(port, '/').catch(() => ({ status: 0 }))).status !== 200) {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on 127.0.0.1:${port}: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
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
    expect(JSON.parse(config.body)).toEqual({ sources: [{ id: 'tempo', type: 'tempo', name: "Team A's Tempo" }, { id: 'dead', type: 'jaeger', name: 'Dead' }] });
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
    expect(JSON.parse(r.body).error.message).toContain('Could not reach source "Dead"');
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
