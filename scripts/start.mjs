#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the sources, then
// serve it with `vite preview` on 127.0.0.1 and print the URL. No backend is needed: the
// built-in demo source works on its own. PATHLIGHT_DIST serves another build directory;
// BASE_PATH (e.g. /pathlight) serves it under that prefix (read by scripts/proxy/vite-plugin.ts).
// SIGTERM or SIGINT stop the preview server with it: vite runs as our direct child (not
// under npx, which does not pass signals on), and it is stopped when we are.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { normalizeBasePath } from './proxy/base-path.mjs';

let base;
try {
  base = normalizeBasePath(process.env.BASE_PATH);
} catch (err) {
  console.error(`BASE_PATH: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
const root = new URL('..', import.meta.url).pathname;
const outDir = resolve(root, process.env.PATHLIGHT_DIST ?? 'dist');
const dist = join(outDir, 'index.html');

function newestMtime(path) {
  let newest = 0;
  const stack = [path];
  while (stack.length > 0) {
    const p = stack.pop();
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) stack.push(join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json']
  .map((p) => join(root, p))
  .filter(existsSync);
const stale = !existsSync(dist) || Math.max(...inputs.map(newestMtime)) > statSync(dist).mtimeMs;
if (stale) {
  console.log('Building Pathlight (first start, or sources changed)…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '4173';
console.log(`\nPathlight is at http://127.0.0.1:${port}${base}/  (Ctrl+C to stop)\n`);
const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
const server = spawn(
  process.execPath,
  [vite, 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort', '--outDir', outDir],
  { cwd: root, stdio: 'inherit' },
);
const stop = (signal) => () => server.kill(signal);
process.on('SIGINT', stop('SIGINT'));
process.on('SIGTERM', stop('SIGTERM'));
process.on('SIGHUP', stop('SIGTERM'));
process.on('exit', () => server.kill('SIGTERM')); // never leave it running on its own
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
