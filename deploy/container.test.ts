/**
 * The container's start-up script (deploy/entrypoint.sh, as the Dockerfile runs it) under the
 * real nginx on this machine: it renders the config from a mounted config.json and the Secret's
 * headers file into its run directory, answers /healthz, sends the Secret's headers to the
 * source and never shows them, and refuses to start on a broken mount with a message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NGINX } from './run-nginx.mjs';
import { prepare } from './container-config.mjs';
import { get, startContainer, waitFor200, type Container } from './nginx-harness.ts';

describe('deploy/entrypoint.sh under the real nginx', () => {
  let upstream: Server;
  let upPort = 0;
  let container: Container | undefined;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url, headers: req.headers }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upPort = (upstream.address() as AddressInfo).port;
    container = await startContainer({
      config: JSON.stringify({
        sources: [{ id: 'tempo', type: 'tempo', name: 'Tempo', url: `http://127.0.0.1:${upPort}/t` }],
      }),
      headers: JSON.stringify({
        tempo: { 'X-Scope-OrgID': 'tenant-secret', Authorization: 'Bearer service-token-secret' },
      }),
    });
  }, 30_000);

  afterAll(async () => {
    await container?.stop();
    upstream?.close();
  });

  it('answers /healthz with 200 ok, not the app', async () => {
    const r = await get(container!.port, '/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok\n');
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('serves the app and the public config, which holds no header from the Secret', async () => {
    expect((await get(container!.port, '/trace/abc')).body).toContain('<title>Pathlight</title>');
    const config = await get(container!.port, '/config.json');
    expect(JSON.parse(config.body)).toEqual({ sources: [{ id: 'tempo', type: 'tempo', name: 'Tempo' }] });
    expect(config.body).not.toContain('secret');
  });

  it("sends the Secret's headers to the source, over the browser's own", async () => {
    const r = await get(container!.port, '/proxy/tempo/api/search?limit=1', {
      'x-scope-orgid': 'evil',
      authorization: 'Bearer user',
    });
    expect(r.status).toBe(200);
    const seen = JSON.parse(r.body) as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe('/t/api/search?limit=1');
    expect(seen.headers['x-scope-orgid']).toBe('tenant-secret');
    expect(seen.headers.authorization).toBe('Bearer service-token-secret');
  });

  it('logs requests to stdout, except the probes', async () => {
    await get(container!.port, '/healthz');
    await get(container!.port, '/trace/logged-request');
    await waitFor200(container!.port, '/healthz', () => container!.stdout());
    const deadline = Date.now() + 5_000;
    while (!container!.stdout().includes('/trace/logged-request') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(container!.stdout()).toContain('"GET /trace/logged-request HTTP/1.1" 200');
    expect(container!.stdout()).not.toContain('/healthz');
  });

  it('writes only into its run directory, the rendered config readable by its owner only', () => {
    const conf = join(container!.runDir, 'nginx.conf');
    expect(statSync(conf).mode & 0o077).toBe(0);
    const text = readFileSync(conf, 'utf8');
    for (const m of text.matchAll(/(?:pid|_temp_path) (\S+?);/g))
      expect(m[1]?.startsWith(container!.runDir), m[0]).toBe(true);
    expect(text).toContain('error_log stderr warn;');
    expect(readdirSync(container!.runDir)).toContain('nginx.pid');
  });

  it('runs nginx itself as the process the pod signals, and stops on SIGQUIT', async () => {
    const pid = container!.process.pid;
    // The shell exec'd nginx: the pid it started under is now nginx's master process.
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toMatch(/^nginx: master process /);
    const code = await container!.stop();
    container = undefined;
    expect(code).toBe(0);
  });
});

describe('deploy/entrypoint.sh with PATHLIGHT_BASE_PATH', () => {
  let upstream: Server;
  let container: Container | undefined;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const upPort = (upstream.address() as AddressInfo).port;
    container = await startContainer(
      {
        config: JSON.stringify({
          sources: [{ id: 'tempo', type: 'tempo', name: 'Tempo', url: `http://127.0.0.1:${upPort}/t` }],
        }),
      },
      { PATHLIGHT_BASE_PATH: '/pathlight' },
    );
  }, 30_000);

  afterAll(async () => {
    await container?.stop();
    upstream?.close();
  });

  it('serves the app, its config and the proxy under the prefix, and /healthz at the root', async () => {
    const page = await get(container!.port, '/pathlight/trace/abc');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<meta name="pathlight-base" content="/pathlight/" />');
    expect((await get(container!.port, '/pathlight/config.json')).status).toBe(200);
    const proxied = await get(container!.port, '/pathlight/proxy/tempo/api/search?limit=1');
    expect(JSON.parse(proxied.body)).toEqual({ url: '/t/api/search?limit=1' });
    expect((await get(container!.port, '/healthz')).body).toBe('ok\n');
    for (const path of ['/trace/abc', '/config.json', '/proxy/tempo/api/search'])
      expect((await get(container!.port, path)).status, path).toBe(404);
  });
});

describe('deploy/entrypoint.sh on a broken mount', () => {
  function start(files: { config?: string; headers?: string }) {
    const dir = mkdtempSync(join(tmpdir(), 'pathlight-container-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      if (files.config !== undefined) writeFileSync(join(dir, 'config.json'), files.config);
      if (files.headers !== undefined) writeFileSync(join(dir, 'headers.json'), files.headers);
      const r = spawnSync('sh', ['deploy/entrypoint.sh'], {
        encoding: 'utf8',
        timeout: 20_000,
        env: {
          ...process.env,
          PATHLIGHT_CONFIG: join(dir, 'config.json'),
          ...(files.headers !== undefined ? { PATHLIGHT_HEADERS: join(dir, 'headers.json') } : {}),
          PATHLIGHT_ROOT: dir,
          PATHLIGHT_LISTEN: '127.0.0.1:9',
          PATHLIGHT_RUN_DIR: join(dir, 'run'),
          PATHLIGHT_NGINX: NGINX ?? 'nginx',
        },
      });
      return { ...r, ran: existsSync(join(dir, 'run', 'nginx.pid')) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const good = JSON.stringify({ sources: [{ id: 'j', type: 'jaeger', url: 'http://127.0.0.1:16686' }] });

  it.each([
    ['no config.json', {}, /config\.json does not exist: mount config\.json/],
    ['config.json that is not JSON', { config: '{"sources": [' }, /not valid JSON/],
    [
      'a headers file naming an unknown source',
      { config: good, headers: '{"tempo": {"X-Scope-OrgID": "a"}}' },
      /"tempo" is not a source in config\.json \(ids: j\)/,
    ],
    [
      'a header from the Secret that config.json sets too',
      {
        config: JSON.stringify({
          sources: [{ id: 'j', type: 'jaeger', url: 'http://127.0.0.1:1', headers: { 'X-A': '1' } }],
        }),
        headers: '{"j": {"x-a": "2"}}',
      },
      /x-a is set twice/,
    ],
    [
      'a header value with a "$"',
      { config: good, headers: '{"j": {"Authorization": "Bearer $http_cookie"}}' },
      /not allowed/,
    ],
    [
      'a source host nginx cannot resolve',
      { config: JSON.stringify({ sources: [{ id: 'j', type: 'jaeger', url: 'http://no-such-host.invalid:16686' }] }) },
      /nginx -t refused the rendered config:[\s\S]*host not found/,
    ],
  ])('exits non-zero with a message on %s, and never starts nginx', (_, files, message) => {
    const r = start(files);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.ran).toBe(false);
  });
});

describe('deploy/container-config.mjs with a bad link pattern', () => {
  it('renders and passes nginx -t, and names the skipped pattern in its start-up message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathlight-container-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({
          sources: [{ id: 'j', type: 'jaeger', url: 'http://127.0.0.1:16686' }],
          linkPatterns: [
            { type: 'trace', url: 'https://logs.example/?q=#{trace.id}', text: 'Logs' },
            { type: 'span', key: 'k', url: 'file:///etc/passwd', text: 'Bad' },
          ],
        }),
      );
      const r = prepare({
        PATHLIGHT_CONFIG: join(dir, 'config.json'),
        PATHLIGHT_ROOT: dir,
        PATHLIGHT_LISTEN: '127.0.0.1:9',
        PATHLIGHT_RUN_DIR: join(dir, 'run'),
        PATHLIGHT_NGINX: NGINX ?? 'nginx',
      });
      expect(r.code).toBe(0);
      expect(r.message).toMatch(
        /warning: .*linkPatterns\[1\]\.url must start with http:\/\/ or https:\/\/[^\n]*\nrendered /,
      );
      expect(readFileSync(join(dir, 'run', 'nginx.conf'), 'utf8')).toContain(
        '"url":"https://logs.example/?q=#{trace.id}"',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
