/**
 * `BASE_PATH=/pathlight npm run dev`: the Vite dev server serves the app, its modules, /config.json
 * and the source proxy under the prefix, and the page is told the base in the same meta tag the
 * production servers write (so every link the app builds carries it). Nothing is served outside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pathlight-dev-base-'));
let upstream: Server;
let dev: ChildProcess | undefined;
let origin = '';
let output = '';
const upstreamPaths: string[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    upstreamPaths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":["frontend"]}');
  });
  const upstreamPort = await listen(upstream);
  const config = join(dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({ sources: [{ id: 'j', type: 'jaeger', name: 'J', url: `http://127.0.0.1:${upstreamPort}` }] }),
  );
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((r) => probe.close(r));
  dev = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { env: { ...process.env, BASE_PATH: '/pathlight/', PATHLIGHT_CONFIG: config }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  dev.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  dev.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await fetch(`${origin}/pathlight/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (dev.exitCode !== null || Date.now() > deadline) throw new Error(`vite dev did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 40_000);

afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((r) => dev?.on('exit', r));
    dev.kill('SIGTERM');
    await exited;
  }
  upstream?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run dev with BASE_PATH', () => {
  it('serves index.html under the base, announcing it, with module URLs under it', async () => {
    for (const path of ['/pathlight/', '/pathlight/trace/abc?source=demo']) {
      const res = await fetch(`${origin}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain('<meta name="pathlight-base" content="/pathlight/"');
      expect(html, path).toMatch(/<script type="module" src="\/pathlight\/src\/app\/main\.ts"/);
    }
    const main = await fetch(`${origin}/pathlight/src/app/main.ts`);
    expect(main.status).toBe(200);
    expect(await main.text()).toContain('/pathlight/');
  });

  it('answers /config.json and the proxy under the base', async () => {
    const config = await fetch(`${origin}/pathlight/config.json`);
    expect(config.status).toBe(200);
    expect(((await config.json()) as { sources: { id: string }[] }).sources.map((s) => s.id)).toEqual(['j']);
    const services = await fetch(`${origin}/pathlight/proxy/j/api/services`);
    expect(services.status).toBe(200);
    expect(await services.json()).toEqual({ data: ['frontend'] });
    expect(upstreamPaths).toEqual(['/api/services']);
  });

  it('serves nothing of the app outside the base', async () => {
    const res = await fetch(`${origin}/trace/abc`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('pathlight-base');
  });
});
