// The production app for page benchmarks: built with the project's own Vite config, and served
// on 127.0.0.1 (random port) with the single-page fallback every unknown path needs.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { indexHtmlWithBase } from '../../scripts/proxy/base-path.mjs';
import { closeServer } from './serve.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** `minify: false` keeps function names, for a readable CPU profile. */
export async function buildProductionApp(outDir, { minify = true } = {}) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false, ...(minify ? {} : { minify: false }) },
  });
}

/**
 * Serves the built app in `root`. `answer(path, res)` may answer a request first (a fake
 * backend behind /proxy/…, a /config.json) and returns true when it did; without it there is
 * no /config.json, so the app shows its demo traces only.
 */
export async function serveApp(root, answer = () => false) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (answer(path, res)) return;
    const file = normalize(join(root, path));
    const inside = file.startsWith(root.endsWith(sep) ? root : root + sep);
    try {
      if (!inside || path === '/' || !extname(path)) throw new Error('app route');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      if (extname(path)) return void res.writeHead(404).end('not found');
      // As the real server does at the root: "./assets/…" made absolute, so deep links load too.
      const html = indexHtmlWithBase(await readFile(join(root, 'index.html'), 'utf8'), '');
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(html);
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => closeServer(server) };
}
