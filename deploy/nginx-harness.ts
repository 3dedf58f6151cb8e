/**
 * Test helpers for running the real nginx as the current user on 127.0.0.1, on a server block
 * rendered by render-nginx.mjs, in a temporary directory that stop() removes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NGINX, nginxConf } from './run-nginx.mjs';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A GET with exactly these headers (fetch would add its own and refuses some names). */
export function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { connection: 'close', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls until `path` answers 200 or the process/deadline gives up. */
export async function waitFor200(port: number, path: string, why: () => string, alive: () => boolean = () => true, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = await get(port, path).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (!alive() || Date.now() > deadline) throw new Error(`nothing answered 200 on 127.0.0.1:${port}${path}: ${why()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type RunningNginx = { port: number; dir: string; stop: () => void };

/** nginx -t, then nginx in the foreground on `serverBlock(port)`; resolves once /healthz answers. */
export async function startNginx(serverBlock: (listen: string, dir: string) => string): Promise<RunningNginx> {
  if (!NGINX) throw new Error('nginx is not installed: apt-get install nginx-light (scripts/ensure-system-packages.sh does it)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'pathlight-nginx-'));
  chmodSync(dir, 0o755); // nginx workers run as another user when started by root
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConf(dir, serverBlock(`127.0.0.1:${port}`, dir)));
  const check = spawnSync(NGINX, ['-t', '-p', dir, '-c', conf], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t failed: ${check.stderr}`);
  }
  const nginx: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: 'ignore' });
  const stop = () => {
    nginx.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const log = join(dir, 'error.log');
  try {
    await waitFor200(port, '/healthz', () => (existsSync(log) ? readFileSync(log, 'utf8') : 'no error.log'), () => nginx.exitCode === null);
  } catch (err) {
    stop();
    throw err;
  }
  return { port, dir, stop };
}
