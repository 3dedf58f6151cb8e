/**
 * Test helpers for running the real nginx as the current user on 127.0.0.1, on a server block
 * rendered by render-nginx.mjs, in a temporary directory that stop() removes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
export async function waitFor200(
  port: number,
  path: string,
  why: () => string,
  alive: () => boolean = () => true,
  ms = 15_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = await get(port, path).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (!alive() || Date.now() > deadline)
      throw new Error(`nothing answered 200 on 127.0.0.1:${port}${path}: ${why()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type RunningNginx = { port: number; dir: string; stop: () => void };

/** nginx -t, then nginx in the foreground on `serverBlock(port)`; resolves once /healthz answers. */
export async function startNginx(serverBlock: (listen: string, dir: string) => string): Promise<RunningNginx> {
  if (!NGINX)
    throw new Error('nginx is not installed: apt-get install nginx-light (scripts/ensure-system-packages.sh does it)');
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
    await waitFor200(
      port,
      '/healthz',
      () => (existsSync(log) ? readFileSync(log, 'utf8') : 'no error.log'),
      () => nginx.exitCode === null,
    );
  } catch (err) {
    stop();
    throw err;
  }
  return { port, dir, stop };
}

export type Container = {
  port: number;
  runDir: string;
  process: ChildProcess;
  output: () => string;
  stdout: () => string;
  stop: () => Promise<number | null>;
};

/**
 * Runs deploy/entrypoint.sh as the image would, with `mounts` (config.json, headers.json) as
 * files, until /healthz answers. The caller stops it.
 */
export async function startContainer(
  mounts: { config: string; headers?: string },
  env: Record<string, string> = {},
): Promise<Container> {
  if (!NGINX)
    throw new Error('nginx is not installed: apt-get install nginx-light (scripts/ensure-system-packages.sh does it)');
  const dir = mkdtempSync(join(tmpdir(), 'pathlight-container-'));
  chmodSync(dir, 0o755); // nginx workers run as another user when started by root
  const html = join(dir, 'html');
  mkdirSync(join(html, 'assets'), { recursive: true });
  writeFileSync(join(html, 'index.html'), '<!doctype html><title>Pathlight</title><script>1</script>');
  writeFileSync(join(dir, 'config.json'), mounts.config);
  if (mounts.headers !== undefined) writeFileSync(join(dir, 'headers.json'), mounts.headers);
  const port = await freePort();
  const runDir = join(dir, 'run');
  // A file, as a container runtime's log pipe would be: nginx opens /dev/stdout by name, which a
  // socket (Node's default pipe) refuses.
  const stdoutPath = join(dir, 'stdout.log');
  const stdoutFd = openSync(stdoutPath, 'w');
  const child = spawn('sh', ['deploy/entrypoint.sh'], {
    env: {
      ...process.env,
      PATHLIGHT_CONFIG: join(dir, 'config.json'),
      ...(mounts.headers !== undefined ? { PATHLIGHT_HEADERS: join(dir, 'headers.json') } : {}),
      PATHLIGHT_ROOT: html,
      PATHLIGHT_LISTEN: `127.0.0.1:${port}`,
      PATHLIGHT_RUN_DIR: runDir,
      PATHLIGHT_NGINX: NGINX,
      ...env,
    },
    stdio: ['ignore', stdoutFd, 'pipe'],
  });
  closeSync(stdoutFd);
  let output = '';
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGQUIT'); // the image's STOPSIGNAL: graceful
    const code = await exited;
    rmSync(dir, { recursive: true, force: true });
    return code;
  };
  try {
    await waitFor200(
      port,
      '/healthz',
      () => output,
      () => child.exitCode === null,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, runDir, process: child, output: () => output, stdout: () => readFileSync(stdoutPath, 'utf8'), stop };
}
