/**
 * How many backend requests opening a trace costs: exactly one fetch and one parse per open.
 * The backends' answers are served by page.route (the app still goes through its /proxy
 * paths), so this runs without real backends and counts every request the app makes,
 * including those of its trace worker. A parse is counted by the `pathlight:trace-bytes`
 * mark the page sets for each answer its worker fetched and parsed.
 */
import { expect, test, type Page } from '@playwright/test';
import { generateDemo } from '../src/demo/generate';
import { traceTimeRange } from '../src/api/trace-range';

// A generated trace under an id the demo source does not claim, so only a backend can have it.
const TRACE_ID = '5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e';
const doc = JSON.parse(
  JSON.stringify(generateDemo('hotrod', { seed: 7 })).replace(/"traceId":"[0-9a-f]{32}"/g, `"traceId":"${TRACE_ID}"`),
) as {
  resourceSpans: { scopeSpans: { spans: { startTimeUnixNano: string; endTimeUnixNano: string }[] }[] }[];
};
const spans = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
const SPAN_COUNT = spans.length;
const startNs = spans.reduce(
  (m, s) => (BigInt(s.startTimeUnixNano) < m ? BigInt(s.startTimeUnixNano) : m),
  BigInt(spans[0]?.startTimeUnixNano ?? '0'),
);
const endNs = spans.reduce((m, s) => (BigInt(s.endTimeUnixNano) > m ? BigInt(s.endTimeUnixNano) : m), 0n);

interface Served {
  readonly requests: string[];
}

/** Answers /proxy/<source>/… like a backend that has exactly one trace; records every backend request. */
async function serveBackends(page: Page): Promise<Served> {
  const served: Served = { requests: [] };
  const json = (body: unknown, status = 200) => ({
    status,
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  await page.route('**/proxy/**', async (route) => {
    const url = new URL(route.request().url());
    const path = url.pathname.replace(/^\/proxy\/[^/]+/, '');
    const source = /^\/proxy\/([^/]+)/.exec(url.pathname)?.[1] ?? '';
    served.requests.push(`${source} ${path}`);
    if (source === 'jaeger' && path === `/api/v3/traces/${TRACE_ID}`) return route.fulfill(json({ result: doc }));
    if (source === 'tempo' && path === `/api/v2/traces/${TRACE_ID}`) return route.fulfill(json({ trace: doc }));
    if (source === 'tempo' && path === '/api/search')
      return route.fulfill(
        json({
          traces: [
            {
              traceID: TRACE_ID,
              rootServiceName: 'frontend',
              rootTraceName: 'HTTP GET /dispatch',
              startTimeUnixNano: String(startNs),
              durationMs: Number((endNs - startNs) / 1_000_000n),
            },
          ],
        }),
      );
    if (path.includes('/tag/') || path.includes('/services') || path.includes('/operations'))
      return route.fulfill(json({ tagValues: [], data: [], services: [] }));
    return route.fulfill(json({ errors: [{ code: 404, msg: 'trace not found' }] }, 404));
  });
  return served;
}

const traceRequests = (s: Served) => s.requests.filter((r) => r.includes('/traces/'));
const parses = (page: Page) => page.evaluate(() => performance.getEntriesByName('pathlight:trace-bytes').length);
/** Two rendered frames: long enough for an effect that rewrites the URL to start a second load. */
const twoFrames = (page: Page) =>
  page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))),
  );

/** Records whether the loading status ever comes back once the first rows are on screen. */
async function watchSpinner(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { spinnerAfterRows: boolean };
    w.spinnerAfterRows = false;
    new MutationObserver(() => {
      const rows = document.querySelector('[data-testid="span-row"]');
      const loading = [...document.querySelectorAll('[role="status"]')].some((e) =>
        e.textContent?.startsWith('Loading trace'),
      );
      if (loading && (rows || (window as unknown as { hadRows?: boolean }).hadRows)) w.spinnerAfterRows = true;
      if (rows) (window as unknown as { hadRows?: boolean }).hadRows = true;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

test('/trace/<id> without a source asks each backend once, writes the source into the URL and loads nothing again', async ({
  page,
}) => {
  const served = await serveBackends(page);
  await watchSpinner(page);
  await page.goto(`/trace/${TRACE_ID}`);
  await expect(page.getByTestId('trace-span-count')).toHaveText(String(SPAN_COUNT));
  await expect(page).toHaveURL(new RegExp(`/trace/${TRACE_ID}\\?source=jaeger$`));
  await twoFrames(page);
  await expect(page.getByTestId('span-row').first()).toBeVisible();
  expect(traceRequests(served)).toEqual([`jaeger /api/v3/traces/${TRACE_ID}`]);
  expect(await parses(page)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { spinnerAfterRows: boolean }).spinnerAfterRows)).toBe(false);
});

test('a trace with its source in the URL is fetched and parsed exactly once', async ({ page }) => {
  const served = await serveBackends(page);
  await page.goto(`/trace/${TRACE_ID}?source=jaeger`);
  await expect(page.getByTestId('trace-span-count')).toHaveText(String(SPAN_COUNT));
  await page.getByTestId('span-row').nth(2).click();
  await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
  await twoFrames(page);
  expect(traceRequests(served)).toEqual([`jaeger /api/v3/traces/${TRACE_ID}`]);
  expect(await parses(page)).toBe(1);
});

test('a Tempo search result opens with one search and one trace request, its link left as it is', async ({ page }) => {
  const served = await serveBackends(page);
  await watchSpinner(page);
  await page.goto('/search?source=tempo&service=frontend');
  const result = page.getByTestId('search-result');
  await expect(result).toHaveCount(1);
  const href = await result.getByRole('link').getAttribute('href');
  const { startS, endS } = traceTimeRange(Number(startNs / 1000n), Number((endNs - startNs) / 1000n));
  expect(href).toBe(`/trace/${TRACE_ID}?source=tempo&start=${startS}&end=${endS}`);
  await result.click();
  await expect(page.getByTestId('trace-span-count')).toHaveText(String(SPAN_COUNT));
  await twoFrames(page);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(href);
  const backendCalls = served.requests.filter((r: string) => r.includes('/api/search') || r.includes('/traces/'));
  expect(backendCalls).toEqual([expect.stringMatching(/^tempo \/api\/search/), `tempo /api/v2/traces/${TRACE_ID}`]);
  expect(await parses(page)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { spinnerAfterRows: boolean }).spinnerAfterRows)).toBe(false);
});
