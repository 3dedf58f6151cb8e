#!/usr/bin/env node
// The container's start-up step (run by deploy/entrypoint.sh before it execs nginx): renders
// nginx's whole config from the mounted config.json, and the source headers a Kubernetes Secret
// mounts, with deploy/render-nginx.mjs, into PATHLIGHT_RUN_DIR (the only place written, an
// emptyDir under a read-only root file system), then checks it with `nginx -t`. Settings, all
// from the environment:
//   PATHLIGHT_CONFIG           config.json (default /etc/pathlight/config.json; must exist)
//   PATHLIGHT_HEADERS          headers file {"<source id>": {"<Header>": "<value>"}} (default
//                              /etc/pathlight/headers/headers.json, used when present; a path
//                              set explicitly must exist)
//   PATHLIGHT_ROOT             the built app (default /usr/share/nginx/html)
//   PATHLIGHT_LISTEN           port or address:port (default 8080)
//   PATHLIGHT_FRAME_ANCESTORS  who may frame Pathlight (default 'none')
//   PATHLIGHT_BASE_PATH        serve under this prefix, e.g. /pathlight (default the root;
//                              /healthz stays at the root for the probes)
//   PATHLIGHT_RUN_DIR          rendered config, pid and temp files (default /tmp/pathlight)
//   PATHLIGHT_NGINX            the nginx binary (default nginx on PATH)
//   PATHLIGHT_ACCESS_LOG       access log: /dev/stdout (default), a file, or off
// Logs go to stderr (errors) and stdout (access), as a container's should. nginx opens
// /dev/stdout by name, which works on a pipe or a file (a container's stdout) but not a socket. Any problem prints
// one message and exits non-zero, so the pod fails visibly instead of serving without sources.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main as render } from './render-nginx.mjs';
import { nginxConf } from './run-nginx.mjs';

export const DEFAULT_HEADERS = '/etc/pathlight/headers/headers.json';

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ code: number; message: string }}
 */
export function prepare(env) {
  const config = env.PATHLIGHT_CONFIG || '/etc/pathlight/config.json';
  const runDir = env.PATHLIGHT_RUN_DIR || '/tmp/pathlight';
  const root = env.PATHLIGHT_ROOT || '/usr/share/nginx/html';
  const nginx = env.PATHLIGHT_NGINX || 'nginx';
  if (!existsSync(config))
    return { code: 1, message: `${config} does not exist: mount config.json there or set PATHLIGHT_CONFIG` };
  const headers = env.PATHLIGHT_HEADERS || (existsSync(DEFAULT_HEADERS) ? DEFAULT_HEADERS : undefined);
  const args = [config, '--root', root, '--listen', env.PATHLIGHT_LISTEN || '8080'];
  if (headers) args.push('--headers', headers);
  if (env.PATHLIGHT_FRAME_ANCESTORS) args.push('--frame-ancestors', env.PATHLIGHT_FRAME_ANCESTORS);
  if (env.PATHLIGHT_BASE_PATH) args.push('--base-path', env.PATHLIGHT_BASE_PATH);
  const accessLog = env.PATHLIGHT_ACCESS_LOG || '/dev/stdout';
  if (accessLog !== 'off' && !/^\/[A-Za-z0-9._/-]+$/.test(accessLog))
    return { code: 1, message: `PATHLIGHT_ACCESS_LOG must be "off" or an absolute path, not "${accessLog}"` };
  const rendered = render(args);
  if (rendered.code !== 0) return { code: rendered.code, message: rendered.stderr.trim() };
  mkdirSync(runDir, { recursive: true });
  chmodSync(runDir, 0o755); // when started as root (tests), nginx workers run as another user
  const conf = join(runDir, 'nginx.conf');
  // The headers are in this file: readable by its owner only.
  writeFileSync(conf, nginxConf(runDir, rendered.stdout, { errorLog: 'stderr', accessLog, workers: 'auto' }), {
    mode: 0o600,
  });
  // stdout inherited: `nginx -t` opens the access log, and /dev/stdout must be the real one.
  const check = spawnSync(nginx, ['-t', '-q', '-e', 'stderr', '-p', runDir, '-c', conf], {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (check.error) return { code: 1, message: `cannot run ${nginx}: ${check.error.message}` };
  if (check.status !== 0) return { code: 1, message: `nginx -t refused the rendered config:\n${check.stderr.trim()}` };
  // Warnings (a skipped link pattern) are printed with the success line, not lost.
  const warnings = rendered.stderr.trim();
  return {
    code: 0,
    message: `${warnings ? `${warnings}\n` : ''}rendered ${conf} from ${config}${headers ? ` and ${headers}` : ''}`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = prepare(process.env);
  console.error(`pathlight: ${r.message}`);
  process.exitCode = r.code;
}
