/**
 * Vite plugin: the source proxy and the public /config.json in `vite dev` and `vite preview`.
 * The config file is PATHLIGHT_CONFIG or ./config.json, re-read when it changes, so sources
 * are configured at run time, not build time. A broken config fails loudly in the terminal
 * and the proxy then refuses everything.
 *
 * `vite preview` (so `npm start`) also sends the app's security headers, the same ones the
 * nginx deploy sends (header-policy.mjs): a CSP hashing the built index.html's inline script,
 * nosniff, no-referrer, frame-ancestors from PATHLIGHT_FRAME_ANCESTORS (default 'none'), hashed
 * /assets/* cached for good and a 404 for an unknown asset instead of index.html.
 *
 * BASE_PATH (e.g. /pathlight) serves the same build under that prefix: everything outside it is a
 * 404 (the prefix without its slash redirects), and index.html carries the base (base-path.mjs).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { indexHtmlWithBase, normalizeBasePath, stripBasePath } from './base-path.mjs';
import { appSecurityHeaders, parseFrameAncestors } from './header-policy.mjs';
import { loadLinkPatterns, loadSourcesConfig } from './sources-config.mjs';
import { sourceProxyMiddleware, type SourcesState } from './source-proxy.ts';

export function configPath(root: string): string {
  return resolve(root, process.env.PATHLIGHT_CONFIG ?? 'config.json');
}

/**
 * The config as last read: its sources, or why it could not be read. A broken config reaches no
 * source, and /config.json says why (500) instead of looking like "no backends".
 */
function cachedSources(path: string): () => SourcesState {
  let mtime = -1;
  let state: SourcesState = { sources: [] };
  return () => {
    const now = existsSync(path) ? statSync(path).mtimeMs : 0;
    if (now !== mtime) {
      mtime = now;
      try {
        const sources = loadSourcesConfig(path);
        const { linkPatterns, problems } = loadLinkPatterns(path);
        for (const p of problems) console.warn(`[pathlight] ${p}`);
        state = { sources, linkPatterns };
        if (sources.length > 0)
          console.log(`[pathlight] sources from ${path}: ${sources.map((s) => `${s.id} (${s.type})`).join(', ')}`);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        // The browser is told what is wrong, without the server's file system path.
        state = { sources: [], error: message.split(path).join(basename(path)) };
        console.error(`[pathlight] ${message}; no sources are reachable until it is fixed.`);
      }
    }
    return state;
  };
}

/**
 * A path whose percent-encoding is broken (`/trace/%FF`) is still an app route: the static
 * server would answer it with an empty 404, a blank page, so it gets index.html and the app
 * says what is wrong with the link.
 */
export function malformedPathFallback() {
  return (req: IncomingMessage, _res: ServerResponse, next: (err?: unknown) => void) => {
    const path = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    if (!path.startsWith('/proxy/') && !path.startsWith('/assets/') && !decodes(path)) req.url = '/index.html';
    next();
  };
}

/** Whether a path's percent-encoding decodes. The result is used, so no bundler drops the call as pure. */
function decodes(path: string): boolean {
  try {
    return decodeURIComponent(path).length >= 0;
  } catch {
    return false;
  }
}

/** The app's headers, recomputed when the built index.html changes (a rebuild under a running server). */
function cachedAppHeaders(indexPath: string, frameAncestors: string): () => Record<string, string> {
  let mtime = -1;
  let headers: Record<string, string> = {};
  return () => {
    const now = existsSync(indexPath) ? statSync(indexPath).mtimeMs : 0;
    if (now !== mtime) {
      mtime = now;
      headers = appSecurityHeaders({ indexHtml: now ? readFileSync(indexPath, 'utf8') : '', frameAncestors });
    }
    return headers;
  };
}

export function appHeadersMiddleware(
  distDir: string,
  frameAncestors = parseFrameAncestors(process.env.PATHLIGHT_FRAME_ANCESTORS),
) {
  const headers = cachedAppHeaders(join(distDir, 'index.html'), frameAncestors);
  const root = distDir.endsWith(sep) ? distDir : distDir + sep;
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    const path = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    if (path.startsWith('/proxy/')) {
      next(); // the proxy sets its own (sandbox) headers
      return;
    }
    for (const [k, v] of Object.entries(headers())) res.setHeader(k, v);
    if (!path.startsWith('/assets/')) {
      next();
      return;
    }
    let file: string;
    try {
      file = resolve(distDir, `.${decodeURIComponent(path)}`);
    } catch {
      file = '';
    }
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('Not found\n');
      return;
    }
    // The static server writes its own Cache-Control (no-cache) in writeHead; hashed file
    // names never change content, so they are cached for good.
    const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, unknown>) => ServerResponse;
    res.writeHead = ((status: number, h?: Record<string, unknown>) => {
      const out = { ...(typeof h === 'object' && h !== null ? h : {}) };
      for (const k of Object.keys(out)) if (k.toLowerCase() === 'cache-control') delete out[k];
      if (status === 200 || status === 304) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      return writeHead(status, out);
    }) as typeof res.writeHead;
    next();
  };
}

/**
 * The base path: a request under it continues with the prefix taken off (so the middlewares after
 * this one see app paths), `<base>` alone redirects to `<base>/`, and anything else is a 404.
 */
export function basePathMiddleware(base: string) {
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    if (base === '') {
      next();
      return;
    }
    const url = req.url ?? '/';
    const cut = url.search(/[?#]/);
    const path = cut < 0 ? url : url.slice(0, cut);
    const rest = cut < 0 ? '' : url.slice(cut);
    if (path === base) {
      res.writeHead(301, { location: `${base}/${rest}`, 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const inner = stripBasePath(path, base);
    if (inner === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`Not found: Pathlight is at ${base}/\n`);
      return;
    }
    req.url = inner + rest;
    next();
  };
}

/**
 * App routes (any path that is not a file of the build, the proxy or /config.json) get the built
 * index.html rewritten for the base path: its "./" URLs would otherwise resolve against a deep
 * link's directory (/trace/assets/…).
 */
export function indexHtmlMiddleware(distDir: string, base: string) {
  const indexPath = join(distDir, 'index.html');
  let mtime = -1;
  let html = '';
  const root = distDir.endsWith(sep) ? distDir : distDir + sep;
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    const path = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      path.startsWith('/proxy/') ||
      path.startsWith('/assets/') ||
      path === '/config.json'
    ) {
      next();
      return;
    }
    if (path !== '/index.html' && path !== '/') {
      let file = '';
      try {
        file = resolve(distDir, `.${decodeURIComponent(path)}`);
      } catch {
        // a malformed path is an app route (the app says what is wrong with the link)
      }
      if (file.startsWith(root) && existsSync(file) && statSync(file).isFile()) {
        next();
        return;
      }
    }
    const now = existsSync(indexPath) ? statSync(indexPath).mtimeMs : 0;
    if (now === 0) {
      next();
      return;
    }
    if (now !== mtime) {
      mtime = now;
      html = indexHtmlWithBase(readFileSync(indexPath, 'utf8'), base);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : html);
  };
}

export function sourceProxyPlugin(): Plugin {
  return {
    name: 'pathlight-source-proxy',
    configureServer(server) {
      // `npm run dev` with BASE_PATH: Vite serves the app under the base (vite.config.ts), the
      // proxy and /config.json are mounted there too (connect takes the prefix off), and the page
      // learns the base from the same meta tag the production servers write.
      const base = normalizeBasePath(process.env.BASE_PATH);
      server.middlewares.use(base || '/', sourceProxyMiddleware(cachedSources(configPath(server.config.root))));
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const base = normalizeBasePath(process.env.BASE_PATH);
        if (!ctx.server || base === '') return html;
        return [{ tag: 'meta', attrs: { name: 'pathlight-base', content: `${base}/` }, injectTo: 'head' }];
      },
    },
    configurePreviewServer(server) {
      const distDir = resolve(server.config.root, server.config.build.outDir);
      const base = normalizeBasePath(process.env.BASE_PATH);
      server.middlewares.use(basePathMiddleware(base));
      server.middlewares.use(appHeadersMiddleware(distDir));
      server.middlewares.use(malformedPathFallback());
      server.middlewares.use(indexHtmlMiddleware(distDir, base));
      server.middlewares.use(sourceProxyMiddleware(cachedSources(configPath(server.config.root))));
    },
  };
}
