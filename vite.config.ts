/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { normalizeBasePath } from './scripts/proxy/base-path.mjs';
import { sourceProxyPlugin } from './scripts/proxy/vite-plugin.ts';
import { preloadAppChunk } from './scripts/build/preload-app-chunk.ts';

export default defineConfig(({ command, isPreview }) => ({
  plugins: [react(), tailwindcss(), sourceProxyPlugin(), preloadAppChunk('src/app/main.ts', 'src/app/start-app.tsx')],
  // Relative asset URLs: the same build serves at / or under a base path chosen at deploy time
  // (BASE_PATH); the server rewrites index.html's "./" URLs to the base (scripts/proxy/base-path.mjs).
  // `npm run dev` has no build to rewrite: Vite's dev server serves under BASE_PATH itself.
  base: command === 'serve' && !isPreview ? `${normalizeBasePath(process.env.BASE_PATH)}/` : './',
  // cors: false — Vite's default answers other local origins (any http://127.0.0.1:<port> page)
  // with Access-Control-Allow-Origin; Pathlight is only ever read by its own origin.
  server: { host: '127.0.0.1', port: 5173, strictPort: false, cors: false },
  preview: { host: '127.0.0.1', port: 4173, cors: false },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'scripts/**/*.test.ts',
      'deploy/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'threads',
    testTimeout: 60_000,
  },
}));
