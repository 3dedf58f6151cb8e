#!/usr/bin/env node
// Runs the real nginx, as the current user, in the foreground on a config rendered by
// render-nginx.mjs into a temporary directory: the production setup on one machine, used by
// deploy/nginx.test.ts and the `nginx` Playwright project. Usage:
//   node deploy/run-nginx.mjs config.json --dist dist --listen 127.0.0.1:8080 [render options]
// SIGTERM or SIGINT stop nginx and remove the directory.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main as render } from './render-nginx.mjs';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);

/**
 * A whole nginx.conf around one rendered server block, with every path nginx writes inside
 * `dir` (the container runs it on a read-only root file system with `dir` an emptyDir).
 * @param {string} dir
 * @param {string} serverBlock
 * @param {{ errorLog?: string; accessLog?: string; workers?: string }} [logs]  defaults: error.log in `dir`, no access log, 1 worker
 */
export function nginxConf(dir, serverBlock, { errorLog = `${dir}/error.log`, accessLog = 'off', workers = '1' } = {}) {
  return `daemon off;
worker_processes ${workers};
pid ${dir}/nginx.pid;
error_log ${errorLog} warn;
events { worker_connections 256; }
http {
  access_log ${accessLog};
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include /etc/nginx/mime.types;
  ${serverBlock}
}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const distAt = args.indexOf('--dist');
  const dist = resolve(distAt >= 0 ? (args[distAt + 1] ?? 'dist') : 'dist');
  if (!NGINX) {
    console.error('run-nginx: nginx is not installed (apt-get install nginx-light)');
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), 'pathlight-nginx-'));
  chmodSync(dir, 0o755); // nginx workers run as another user when started by root
  const rendered = render([...args.filter((_, i) => i !== distAt && i !== distAt + 1), '--root', dist, '--dist', dist]);
  if (rendered.code !== 0) {
    process.stderr.write(rendered.stderr);
    rmSync(dir, { recursive: true, force: true });
    process.exit(rendered.code);
  }
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConf(dir, rendered.stdout));
  const check = spawnSync(NGINX, ['-t', '-q', '-p', dir, '-c', conf], { encoding: 'utf8' });
  if (check.status !== 0) {
    process.stderr.write(`run-nginx: nginx -t failed:\n${check.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }
  const nginx = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: 'inherit' });
  const stop = () => nginx.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  nginx.on('exit', (code, signal) => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(code ?? (signal === 'SIGTERM' ? 0 : 1));
  });
}
