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
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { appSecurityHeaders, parseFrameAncestors } from './header-policy.mjs';
import { loadSourcesConfig, type SourceConfig } from './sources-config.mjs';
import { sourceProxyMiddleware } from './source-proxy.ts';

export function configPath(root: string): string {
  return resolve(root, process.env.PATHLIGHT_CONFIG ?? 'config.json');
}

function cachedSources(path: string): () => readonly SourceConfig[] {
  let mtime = -1;
  let sources: readonly SourceConfig[] = [];
  return () => {
    const now = existsSync(path) ? statSync(path).mtimeMs : 0;
    if (now !== mtime) {
      mtime = now;
      try {
        sources = loadSourcesConfig(path);
        if (sources.length > 0) console.log(`[pathlight] sources from ${path}: ${sources.map((s) => `${s.id} (${s.type})`).join(', ')}`);
      } catch (err) {
        sources = [];
        console.error(`[pathlight] ${err instanceof Error ? err.message : String(err)}; no sources are reachable until it is fixed.`);
      }
    }
    return sources;
  };
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

export function appHeadersMiddleware(distDir: string, frameAncestors = parseFrameAncestors(process.env.PATHLIGHT_FRAME_ANCESTORS)) {
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
    let file = '';
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

export function sourceProxyPlugin(): Plugin {
  return {
    name: 'pathlight-source-proxy',
    configureServer(server) {
      server.middlewares.use(sourceProxyMiddleware(cachedSources(configPath(server.config.root))));
    },
    configurePreviewServer(server) {
      server.middlewares.use(appHeadersMiddleware(resolve(server.config.root, server.config.build.outDir)));
      server.middlewares.use(sourceProxyMiddleware(cachedSources(configPath(server.config.root))));
    },
  };
}
