#!/usr/bin/env node
// `npm test`: every test, unit and end-to-end, in one command.
//   1. type check, lint (ESLint: STYLE.md's rules and layering), format (Prettier) and unit tests
//      (Vitest: model, adapters, analyses, hooks and components);
//   2. the Tempo-compatible test server's own tests (node:test);
//   3. the production build, Debian's chromium and nginx (installed with apt-get when missing), the
//      real backends the e2e tests need (started by scripts/backends.sh, stopped afterwards),
//      and the Playwright specs.
// It ends with one line "total: N passed, N failed" and exits non-zero on any failure.
// Set PATHLIGHT_SKIP_BACKENDS=1 to skip the specs that need real backends.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const out = join(tmpdir(), `pathlight-test-${process.pid}`);
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0 };
let ok = true;

function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.log(`--- ${title}: failed (exit ${r.status ?? r.signal})`);
    ok = false;
  }
  return r.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

// 0. Debian's chromium and nginx (apt-get, only when missing).
const packagesReady = run('Debian packages: chromium, nginx', 'bash', ['scripts/ensure-system-packages.sh']);
if (!packagesReady) totals.failed += 1;

// helm for the chart tests in deploy/helm.test.ts, built once into the project's cache (a few
// minutes the first time); without it those tests would only be skipped.
if (!run('helm (build into the cache if missing)', 'bash', ['scripts/helm.sh', 'install'])) totals.failed += 1;

// 1. Types and unit tests (the deploy/ nginx test needs nginx from step 0).
if (!run('type check', 'npx', ['tsc', '-p', '.', '--noEmit'])) totals.failed += 1;
if (!run('lint (eslint)', 'npx', ['eslint', '--max-warnings=0', '.'])) totals.failed += 1;
if (!run('format (prettier --check)', 'npx', ['prettier', '--check', '--log-level=warn', '.'])) totals.failed += 1;
const vitestJson = join(out, 'vitest.json');
run('unit tests (vitest)', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const v = readJson(vitestJson);
if (v) {
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites ?? 0);
} else totals.failed += 1;

// 2. The Tempo-compatible server's own tests.
if (existsSync(join(root, 'e2e/tempo-server'))) {
  const tap = join(out, 'tempo-server.tap');
  const passed = run('tempo-compatible server tests (node:test)', process.execPath, [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    'e2e/tempo-server/',
  ]);
  // Count its tests one by one, from the TAP summary ("# pass N", "# fail N").
  const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (what) => Number(new RegExp(`^# ${what} (\\d+)$`, 'm').exec(summary)?.[1] ?? NaN);
  if (Number.isFinite(count('pass')) && Number.isFinite(count('fail'))) {
    totals.passed += count('pass');
    totals.failed += count('fail') + (passed || count('fail') > 0 ? 0 : 1);
  } else totals.failed += 1;
}

// 3. End to end in Debian's chromium against the production build.
const e2eReady = packagesReady && run('production build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
const needBackends = existsSync(join(root, 'scripts/backends.sh')) && process.env.PATHLIGHT_SKIP_BACKENDS !== '1';
let backendsUp = false;
// Backends a developer already had running (npm run backends) are left running afterwards.
const wereRunning = needBackends
  ? spawnSync('bash', ['scripts/backends.sh', 'status'], { cwd: root, encoding: 'utf8' })
      .stdout.split('\n')
      .filter((line) => /^\S+\s+running/.test(line))
      .map((line) => line.split(/\s+/)[0])
  : [];
if (e2eReady && needBackends)
  backendsUp = run('real backends (install if needed, start)', 'bash', ['scripts/backends.sh', 'start']);
if (e2eReady) {
  const pwJson = join(out, 'playwright.json');
  const grep = backendsUp ? [] : ['--grep-invert', '@backends'];
  run('end-to-end tests (playwright)', 'npx', ['playwright', 'test', '--reporter=list,json', ...grep], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    PATHLIGHT_BACKENDS: backendsUp ? '1' : '0',
  });
  const p = readJson(pwJson);
  if (p?.stats) {
    totals.passed += p.stats.expected ?? 0;
    totals.failed += (p.stats.unexpected ?? 0) + (p.errors?.length ?? 0);
  } else totals.failed += 1;
} else totals.failed += 1;
const startedHere = ['tempo', 'jaeger', 'hotrod', 'zipkin'].filter((name) => !wereRunning.includes(name));
if (needBackends && backendsUp && startedHere.length > 0)
  run('stop the backends this run started', 'bash', ['scripts/backends.sh', 'stop', ...startedHere]);
if (needBackends && !backendsUp) totals.failed += 1;

rmSync(out, { recursive: true, force: true });
console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
