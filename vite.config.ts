/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { sourceProxyPlugin } from './scripts/proxy/vite-plugin.ts';

export default defineConfig({
  plugins: [react(), tailwindcss(), sourceProxyPlugin()],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'deploy/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 60_000,
  },
});
