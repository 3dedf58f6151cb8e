// Build the benchmark pages (bench/*.html) with Vite into a fresh directory.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export async function buildBenchPages(outDir) {
  const configFile = fileURLToPath(new URL('../vite.config.mjs', import.meta.url));
  await build({ configFile, build: { outDir, emptyOutDir: true } });
  return outDir;
}
