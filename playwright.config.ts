import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4280);
// The build under test (default dist/); parallel workers can build and serve their own.
const outDir = process.env.E2E_DIST ?? 'dist';
// The same build behind the real nginx, with the config deploy/render-nginx.mjs renders from
// the same config.json; the hostile-input specs run against both servers. E2E_NGINX=0 skips it.
const nginxPort = Number(process.env.E2E_NGINX_PORT ?? port + 1000);
const withNginx = process.env.E2E_NGINX !== '0';
const config = process.env.PATHLIGHT_CONFIG ?? 'e2e/support/config.e2e.json';
// The same build again under a base path, set at start-up: `vite preview` with BASE_PATH (as
// `npm start` runs it) and nginx rendered with --base-path; base-path.spec.ts runs on both.
// E2E_BASE=0 skips them.
const withBase = process.env.E2E_BASE !== '0';
const basePreviewPort = port + 2000;
const baseNginxPort = port + 3000;
const BASE_PATH = '/pathlight';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: process.env.E2E_RESULTS ?? 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'preview', testIgnore: 'base-path.spec.ts', use: { baseURL: `http://127.0.0.1:${port}` } },
    ...(withNginx
      ? [{ name: 'nginx', testMatch: 'hostile-*.spec.ts', use: { baseURL: `http://127.0.0.1:${nginxPort}` } }]
      : []),
    ...(withBase
      ? [
          {
            name: 'base-preview',
            testMatch: 'base-path.spec.ts',
            use: { baseURL: `http://127.0.0.1:${basePreviewPort}${BASE_PATH}/` },
          },
          ...(withNginx
            ? [
                {
                  name: 'base-nginx',
                  testMatch: 'base-path.spec.ts',
                  use: { baseURL: `http://127.0.0.1:${baseNginxPort}${BASE_PATH}/` },
                },
              ]
            : []),
        ]
      : []),
  ],
  webServer: [
    {
      // The production build, served the way `npm start` serves it.
      command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${outDir}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      // The real backends the @backends specs use (scripts/backends.sh), reached through the proxy.
      // A small body cap so hostile-servers.spec.ts can see the Node proxy cut a body off.
      env: { PATHLIGHT_CONFIG: config, PATHLIGHT_PROXY_MAX_BYTES: String(64 * 1024 * 1024) },
      timeout: 60_000,
    },
    ...(withNginx
      ? [
          {
            command: `node deploy/run-nginx.mjs ${config} --dist ${outDir} --listen 127.0.0.1:${nginxPort}`,
            url: `http://127.0.0.1:${nginxPort}/`,
            reuseExistingServer: false,
            timeout: 30_000,
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
          },
        ]
      : []),
    ...(withBase
      ? [
          {
            command: `npx vite preview --host 127.0.0.1 --port ${basePreviewPort} --strictPort --outDir ${outDir}`,
            url: `http://127.0.0.1:${basePreviewPort}${BASE_PATH}/`,
            reuseExistingServer: false,
            env: { PATHLIGHT_CONFIG: config, BASE_PATH },
            timeout: 60_000,
          },
          ...(withNginx
            ? [
                {
                  command: `node deploy/run-nginx.mjs ${config} --dist ${outDir} --listen 127.0.0.1:${baseNginxPort} --base-path ${BASE_PATH}`,
                  url: `http://127.0.0.1:${baseNginxPort}${BASE_PATH}/`,
                  reuseExistingServer: false,
                  timeout: 30_000,
                  gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
                },
              ]
            : []),
        ]
      : []),
  ],
});
