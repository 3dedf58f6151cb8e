/**
 * `npm start` (scripts/start.mjs) stopped with SIGTERM stops its preview server too: the port
 * is free afterwards and no vite process is left. And the preview server it runs answers
 * another local origin without CORS headers, with the app's security headers.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dist = mkdtempSync(join(tmpdir(), 'pathlight-start-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Pathlight</title><script>1</script>');
writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
// Newer than every source file, so start.mjs serves it without building.
const future = new Date(Date.now() + 24 * 3600 * 1000);
utimesSync(join(dist, 'index.html'), future, future);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Processes whose command line mentions this port (the preview server's `--port N`). */
const processesOnPort = (port: number) =>
  spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.includes(`--port ${port}`) && line.includes('vite'));

function startServer(port: number) {
  return spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), PATHLIGHT_DIST: dist, PATHLIGHT_CONFIG: join(dist, 'none.json') },
    stdio: 'ignore',
  });
}

function cleanUp(start: ReturnType<typeof spawn>, port: number) {
  start.kill('SIGKILL');
  for (const line of processesOnPort(port)) process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
}

describe('npm start', () => {
  it('SIGTERM stops the preview server too: the port is free and no vite process is left', async () => {
    const port = await freePort();
    const start = startServer(port);
    try {
      await waitFor(
        'the preview server',
        async () => ((await get(port, '/')).status === 200 ? true : undefined),
        50_000,
      );
      expect(processesOnPort(port)).not.toEqual([]);
      const exited = new Promise<number | null>((r) => start.on('exit', (code) => r(code)));
      start.kill('SIGTERM');
      await exited;
      await waitFor(
        'the port to be free',
        async () =>
          (await get(port, '/').then(
            () => false,
            () => true,
          ))
            ? true
            : undefined,
        10_000,
      );
      await waitFor(
        'no vite process left',
        async () => (processesOnPort(port).length === 0 ? true : undefined),
        10_000,
      );
    } finally {
      cleanUp(start, port);
    }
  }, 60_000);

  it('answers another local origin without CORS headers, with the security and cache headers', async () => {
    const port = await freePort();
    const start = startServer(port);
    try {
      await waitFor('the preview server', async () => ((await get(port, '/')).status === 200 ? true : undefined));
      const page = await get(port, '/trace/abc', { origin: 'http://127.0.0.1:9999' });
      expect(page.headers['access-control-allow-origin']).toBeUndefined();
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
      expect(page.headers['cache-control']).toBe('no-cache');
      const asset = await get(port, '/assets/app-abc123.js', { origin: 'http://127.0.0.1:9999' });
      expect(asset.headers['access-control-allow-origin']).toBeUndefined();
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await get(port, '/assets/nope-123.js')).status).toBe(404);
    } finally {
      cleanUp(start, port);
    }
  }, 60_000);
});
