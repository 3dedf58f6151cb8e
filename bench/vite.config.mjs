// Vite config for the benchmark pages only (not the app): bench/ is the root, every
// *.html here is a page; scripts/bench.mjs passes the output directory.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: { target: 'es2022', sourcemap: false, minify: true, emptyOutDir: true, reportCompressedSize: false },
});
