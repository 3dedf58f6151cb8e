/**
 * Vite plugin: the source proxy and the public /config.json in `vite dev` and `vite preview`.
 * The config file is PATHLIGHT_CONFIG or ./config.json, re-read when it changes, so sources
 * are configured at run time, not build time. A broken config fails loudly in the terminal
 * and the proxy then refuses everything.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
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

export function sourceProxyPlugin(): Plugin {
  return {
    name: 'pathlight-source-proxy',
    configureServer(server) {
      server.middlewares.use(sourceProxyMiddleware(cachedSources(configPath(server.config.root))));
    },
    configurePreviewServer(server) {
      server.middlewares.use(sourceProxyMiddleware(cachedSources(configPath(server.config.root))));
    },
  };
}
