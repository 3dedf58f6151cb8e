#!/usr/bin/env node
// `npm run test:e2e [-- <playwright args>]`: the end-to-end specs alone, against a fresh
// production build. Specs tagged @backends run when scripts/backends.sh reports the real
// backends running (start them with `npm run backends`); otherwise they are skipped, and the
// run says so. E2E_DIST, E2E_PORT and E2E_RESULTS are passed on to playwright.config.ts.
//   npm run test:e2e -- e2e/requests.spec.ts
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = process.env.E2E_DIST ?? 'dist';
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir]) !== 0) process.exit(1);

let backendsUp = process.env.PATHLIGHT_BACKENDS === '1';
if (process.env.PATHLIGHT_BACKENDS === undefined && existsSync(join(root, 'scripts/backends.sh'))) {
  const status = spawnSync('bash', ['scripts/backends.sh', 'status'], { cwd: root, encoding: 'utf8' }).stdout ?? '';
  const running = status
    .split('\n')
    .filter((line) => /^\S+\s+running/.test(line))
    .map((line) => line.split(/\s+/)[0]);
  backendsUp = ['jaeger', 'hotrod', 'zipkin', 'tempo'].every((name) => running.includes(name));
}
if (!backendsUp)
  console.log('Real backends are not all running: skipping the @backends specs (npm run backends starts them).');

const args = ['playwright', 'test', ...(backendsUp ? [] : ['--grep-invert', '@backends']), ...process.argv.slice(2)];
process.exit(run('npx', args, { E2E_DIST: outDir, PATHLIGHT_BACKENDS: backendsUp ? '1' : '0' }));
