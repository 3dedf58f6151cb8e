/**
 * Pathlight under a base path (/pathlight/), set when the server starts, on the same build:
 * `vite preview` with BASE_PATH (what `npm start` runs) and the real nginx rendered with
 * --base-path (playwright.config.ts's base-* projects). Every link, permalink and request the
 * page makes stays under the prefix; paths outside it are not served.
 */
import { expect, test, type Page } from './support/test';
import { demoSources } from '../src/api/demo-source';
import { shootBothSchemes } from './support/screenshots';

const BASE = '/pathlight';
const hotrod = demoSources().find((d) => d.id === 'hotrod');

/**
 * Every URL the page asks for on this server (documents, scripts, workers, fetches). A blob:
 * URL (the minimap's image) is an object the page made itself, not a request to the server.
 */
function recordRequests(page: Page, origin: string): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin === origin && url.protocol !== 'blob:') seen.push(url.pathname);
  });
  return seen;
}

const outside = (paths: readonly string[]) => paths.filter((p) => !p.startsWith(`${BASE}/`));

test('the start page, a demo trace and a span selection stay under the base path', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const requests = recordRequests(page, origin);
  await page.goto(`${origin}${BASE}/`);
  await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Search' })).toHaveAttribute('href', `${BASE}/search`);
  const demoLink = page.getByRole('link', { name: /HotROD/i });
  await expect(demoLink).toHaveAttribute('href', `${BASE}/trace/${hotrod?.traceId ?? 'missing'}?source=demo`);
  await demoLink.click();
  await expect(page).toHaveURL(`${origin}${BASE}/trace/${hotrod?.traceId ?? 'missing'}?source=demo`);
  const rows = page.getByTestId('span-row');
  await expect(rows.nth(2)).toBeVisible();
  const spanId = (await rows.nth(2).getAttribute('data-span-id')) ?? '';
  expect(spanId).toMatch(/^[0-9a-f]{16}$/);
  await rows.nth(2).click();
  await expect(page).toHaveURL(new RegExp(`^${origin}${BASE}/trace/${hotrod?.traceId}\\?source=demo&span=${spanId}`));
  // The worker and the demo generator chunk were loaded, and from under the prefix.
  expect(requests.some((p) => /^\/pathlight\/assets\/parse-worker-.*\.js$/.test(p))).toBe(true);
  expect(requests.some((p) => /^\/pathlight\/assets\/generate-.*\.js$/.test(p))).toBe(true);
  expect(requests).toContain(`${BASE}/config.json`);
  expect(outside(requests)).toEqual([]);
  await page.getByRole('link', { name: 'Pathlight' }).click();
  await expect(page).toHaveURL(`${origin}${BASE}/`);
});

test('a permalink with a selected span reopens under the base path', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  await page.goto(`${origin}${BASE}/trace/${hotrod?.traceId ?? 'missing'}?source=demo`);
  const rows = page.getByTestId('span-row');
  await expect(rows.nth(3)).toBeVisible();
  const spanId = (await rows.nth(3).getAttribute('data-span-id')) ?? '';
  expect(spanId).toMatch(/^[0-9a-f]{16}$/);

  const fresh = await page.context().newPage();
  const requests = recordRequests(fresh, origin);
  await fresh.goto(`${origin}${BASE}/trace/${hotrod?.traceId ?? 'missing'}?source=demo&span=${spanId}`);
  await expect(fresh.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(fresh.getByTestId('trace-span-count')).toHaveText(/^\d+$/);
  await shootBothSchemes(fresh, 'base-path-trace');
  expect(requests.length).toBeGreaterThan(3);
  expect(outside(requests)).toEqual([]);
});

test('the search page on the demo source links and opens results under the base path', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const requests = recordRequests(page, origin);
  await page.goto(`${origin}${BASE}/search?source=demo&service=mysql`);
  const results = page.getByTestId('search-result');
  await expect(results.first()).toBeVisible();
  const traceId = (await results.first().getAttribute('data-trace-id')) ?? '';
  await expect(results.first().getByRole('link')).toHaveAttribute('href', `${BASE}/trace/${traceId}?source=demo`);
  await results.first().click();
  await expect(page).toHaveURL(`${origin}${BASE}/trace/${traceId}?source=demo`);
  await expect(page.getByTestId('trace-verdict')).toContainText('mysql');
  expect(outside(requests)).toEqual([]);
});

test('paths outside the base path are not the app; the bare prefix redirects into it', async ({ request, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  for (const path of ['/', '/search', '/config.json', '/trace/abc'])
    expect((await request.get(`${origin}${path}`, { maxRedirects: 0 })).status(), path).toBe(404);
  const bare = await request.get(`${origin}${BASE}?source=demo`, { maxRedirects: 0 });
  expect(bare.status()).toBe(301);
  expect(bare.headers()['location']).toMatch(/\/pathlight\/\?source=demo$/);
  const config = await request.get(`${origin}${BASE}/config.json`);
  expect(config.status()).toBe(200);
  expect(await config.json()).toHaveProperty('sources');
});
