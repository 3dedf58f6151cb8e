#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the sources, then
// serve it with `vite preview` on 127.0.0.1 and print the URL. No backend is needed: the
// built-in demo source works on its own.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist', 'index.html');

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

const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(root, p)).filter(existsSync);
const stale = !existsSync(dist) || Math.max(...inputs.map(newestMtime)) > statSync(dist).mtimeMs;
if (stale) {
  console.log('Building Pathlight (first start, or sources changed)…');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '4173';
console.log(`\nPathlight is at http://127.0.0.1:${port}/  (Ctrl+C to stop)\n`);
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort'], { cwd: root, stdio: 'inherit' });
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
