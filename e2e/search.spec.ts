/**
 * The search page against the real backends (scripts/backends.sh): Jaeger fed by HotROD,
 * the Tempo-compatible test server (Jaeger forwards every span to it) and Zipkin with posted
 * traces, all reached through the preview server's /proxy.
 */
import { expect, test, type Page } from './support/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS, hotrodTrace } from './support/backends';
import { FIXTURES_DIR } from './support/fixtures';
import { retimestampZipkin, withFreshTraceId } from './support/retimestamp';
import { SCREENSHOTS_DIR } from './support/screenshots';

const form = (page: Page) => page.getByRole('form', { name: 'Search traces' });
const results = (page: Page) => page.getByTestId('search-result');
const row = (page: Page, traceId: string) => page.locator(`[data-testid="search-result"][data-trace-id="${traceId}"]`);

async function resultIds(page: Page): Promise<string[]> {
  await expect(results(page).first()).toBeVisible();
  return results(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id') ?? ''));
}

async function screenshot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SCREENSHOTS_DIR}/search-${name}.png` });
}

test.describe('search @backends', () => {
  test('Jaeger: by service and operation, by the customer_id attribute, by min duration; Enter runs it and the URL is a permalink', async ({
    page,
    browser,
  }) => {
    const { traceId } = await hotrodTrace(731);
    const other = await hotrodTrace(123); // must not match customer_id=731
    await page.goto('/search');
    const f = form(page);
    await f.getByLabel('Source').selectOption('jaeger');
    await f.getByLabel('Service').selectOption('frontend');
    await f.getByLabel('Operation').selectOption('/dispatch');
    await f.getByLabel('Time range').selectOption('15m');
    await f.getByLabel('Attributes').fill('customer_id=731');
    await f.getByLabel('Time range').press('Enter'); // Enter runs the search from any field, selects included
    await expect(page).toHaveURL(
      /\/search\?source=jaeger&service=frontend&operation=%2Fdispatch&tags=customer_id%3D731&lookback=15m$/,
    );
    await expect(row(page, traceId)).toBeVisible();
    await expect(row(page, traceId)).toContainText('frontend: /dispatch');
    // Jaeger's v3 HTTP API ignores attributes; v1 filters them server-side.
    await expect(page.getByText(/Answered by Jaeger API v1/)).toBeVisible();
    const ids = await resultIds(page);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(ids).not.toContain(other.traceId);

    // Min duration: every row at least that slow; an impossible one names the filters to loosen.
    await page.goto('/search?source=jaeger&service=frontend&operation=%2Fdispatch&minDuration=500ms&lookback=15m');
    await expect(results(page).first()).toBeVisible();
    const durations = await results(page).evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-duration-us'))),
    );
    expect(Math.min(...durations)).toBeGreaterThanOrEqual(500_000);
    await page.goto('/search?source=jaeger&service=frontend&minDuration=10m&lookback=5m');
    await expect(page.getByText('No traces matched.')).toBeVisible();
    await expect(page.getByText('lower the min duration (10m)')).toBeVisible();
    await screenshot(page, 'nothing-matched-light');

    // A fixed time range is a permalink: a fresh page shows the same results in the same order.
    // Narrowed to this customer's dispatches: other specs fill the shared Jaeger with HotROD
    // traces, and the 50 longest of all of them need not include this one.
    const now = Math.ceil(Date.now() / 1000) + 1;
    const url = `/search?source=jaeger&service=frontend&operation=%2Fdispatch&tags=customer_id%3D731&start=${now - 900}&end=${now}&limit=50&sort=longest`;
    await page.goto(url);
    const first = await resultIds(page);
    expect(first).toContain(traceId);
    const fresh = await browser.newPage();
    await fresh.goto(url);
    expect(await resultIds(fresh)).toEqual(first);
    await expect(form(fresh).getByLabel('Service')).toHaveValue('frontend');
    await fresh.close();
  });

  test('Jaeger: the error dispatch is found with error=true, shown in red, and opens with the keyboard', async ({
    page,
  }) => {
    const { traceId } = await hotrodTrace(4242); // not a customer: an error trace
    await page.goto('/search?source=jaeger&service=frontend&tags=error%3Dtrue&lookback=15m');
    await expect(row(page, traceId)).toBeVisible();
    expect(Number(await row(page, traceId).getAttribute('data-error-count'))).toBeGreaterThan(0);
    for (const n of await results(page).evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-error-count'))),
    ))
      expect(n).toBeGreaterThan(0);
    await expect(page.getByTestId('search-count')).toContainText('with errors');
    // Jaeger cannot filter on error status; the page says it filtered the traces itself.
    await expect(page.getByTestId('search-note')).toContainText('cannot filter by error status');
    await screenshot(page, 'jaeger-errors-light');

    // ↑/↓ move through the list, Enter opens the active result.
    const list = page.getByRole('grid', { name: 'Search results' });
    await list.focus();
    const ids = await resultIds(page);
    await list.press('ArrowDown');
    await list.press('ArrowDown');
    await list.press('ArrowUp');
    const expected = ids[Math.min(1, ids.length - 1)] ?? '';
    await expect(list.getByRole('row', { selected: true })).toHaveAttribute('data-trace-id', expected);
    await list.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/trace/${expected}\\?source=jaeger$`));
    await expect(page.getByTestId('span-row').first()).toBeVisible();
  });

  test('Tempo: the form compiles to TraceQL, TraceQL typed by hand works, results open with the trace time range', async ({
    page,
  }) => {
    const { traceId } = await hotrodTrace(392);
    await page.goto('/search?source=tempo&service=frontend&operation=%2Fdispatch&minDuration=1ms&lookback=15m');
    await expect(row(page, traceId)).toBeVisible();
    await expect(page.getByTestId('search-traceql')).toHaveText(
      '{resource.service.name="frontend" && name="/dispatch" && duration>1ms}',
    );
    await expect(row(page, traceId)).toContainText('frontend: /dispatch');
    await screenshot(page, 'tempo-form-light');

    // Switch to TraceQL: the compiled query is the starting point; type one by hand.
    const f = form(page);
    await f.getByRole('radio', { name: 'TraceQL' }).click();
    await expect(f.getByLabel('TraceQL')).toHaveValue(
      '{resource.service.name="frontend" && name="/dispatch" && duration>1ms}',
    );
    await f.getByLabel('TraceQL').fill('{ span.sql.query =~ ".*customer_id=392.*" }');
    await f.getByLabel('TraceQL').press('Enter');
    await expect(page).toHaveURL(/mode=traceql&q=/);
    await expect(row(page, traceId)).toBeVisible();
    await expect(page.getByTestId('search-traceql')).toHaveText('{ span.sql.query =~ ".*customer_id=392.*" }');

    // A bad query shows Tempo's own message.
    await page.goto('/search?source=tempo&mode=traceql&q=%7B+nonsense+%7D');
    await expect(page.getByRole('alert')).toContainText('invalid TraceQL query');

    // Opening a result carries source and the trace's time range.
    await page.goto('/search?source=tempo&service=frontend&operation=%2Fdispatch&lookback=15m');
    await row(page, traceId).click();
    await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?source=tempo&start=\\d+&end=\\d+$`));
    await expect(page.getByTestId('span-row').first()).toBeVisible();
  });

  test('Tempo: attribute names and values autocomplete from its tag endpoints', async ({ page }) => {
    await hotrodTrace(567);
    await page.goto('/search?source=tempo&lookback=15m');
    const f = form(page);
    await expect(f.locator('datalist option[value="span.http.route"]')).toHaveCount(1);
    await f.getByLabel('Attribute name').fill('span.http.route');
    await expect(f.locator('datalist option[value="/dispatch"]')).toHaveCount(1);
    await f.getByLabel('Attribute value').fill('/dispatch');
    await f.getByLabel('Attribute value').press('Enter');
    await expect(f.getByLabel('Attributes')).toHaveValue('span.http.route=/dispatch');
    await f.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('search-traceql')).toHaveText('{span.http.route="/dispatch"}');
    await expect(results(page).first()).toBeVisible();
  });

  test('scatter plot: hovering a point names the trace, clicking opens it; the sort is in the URL', async ({
    page,
  }) => {
    await hotrodTrace(123);
    await page.goto('/search?source=jaeger&service=frontend&operation=%2Fdispatch&lookback=15m');
    await expect(results(page).first()).toBeVisible();
    const order = async () =>
      results(page).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-duration-us'))));
    await page.getByLabel('Sort').selectOption('longest');
    await expect(page).toHaveURL(/sort=longest/);
    const durations = await order();
    expect(durations).toEqual([...durations].sort((a, b) => b - a));

    const point = page.getByTestId('search-scatter').locator('circle').last();
    const box = await point.boundingBox();
    if (!box) throw new Error('no point drawn');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.getByRole('tooltip');
    await expect(tip).toContainText('frontend: /dispatch');
    const id = (await tip.locator('.font-mono').textContent()) ?? '';
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    await page.screenshot({ path: '/tmp/search-scatter-hover-light.png' }); // with the tooltip
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page).toHaveURL(new RegExp(`/trace/${id}\\?source=jaeger$`));
  });

  test('Zipkin: a posted trace is found by service, span name and annotation query', async ({ page }) => {
    const raw: unknown = JSON.parse(readFileSync(join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json'), 'utf8'));
    const { traceId, spans } = withFreshTraceId(retimestampZipkin(raw, 30_000));
    const post = await fetch(`${BACKENDS.zipkin}/api/v2/spans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spans),
    });
    expect(post.status).toBe(202);
    await expect.poll(async () => (await fetch(`${BACKENDS.zipkin}/api/v2/trace/${traceId}`)).status).toBe(200);
    const id32 = traceId.padStart(32, '0');
    await page.goto(
      '/search?source=zipkin&service=routing&operation=post+%2Flocation%2Fupdate%2Fv4&tags=region%3Duswest1-prod&minDuration=100ms&lookback=15m',
    );
    await expect(row(page, id32)).toBeVisible();
    await expect(row(page, id32)).toContainText('routing: post /location/update/v4');
    await expect(page.getByText(/Answered by Zipkin/)).toBeVisible();
    await row(page, id32).click();
    await expect(page).toHaveURL(new RegExp(`/trace/${id32}\\?source=zipkin$`));
    await expect(page.getByTestId('span-row').first()).toBeVisible();
  });

  test('an unreachable source and a cancelled search are named in words', async ({ page }) => {
    await page.goto('/search?source=tempo-spare&lookback=5m');
    await expect(page.getByRole('alert')).toContainText('The search failed');
    await expect(page.getByRole('alert')).toContainText(/reach|answered/i);
    await page.route('**/proxy/jaeger/api/v3/trace*', async (route) => {
      await new Promise((r) => setTimeout(r, 5_000));
      await route.continue().catch(() => undefined);
    });
    await page.goto('/search?source=jaeger&service=frontend&lookback=5m');
    await expect(page.getByRole('status').filter({ hasText: 'Searching' })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('Search cancelled.')).toBeVisible();
  });
});

test.describe('search in the dark @backends', () => {
  test.use({ colorScheme: 'dark' });
  test('screenshots of the Jaeger results and the Tempo form', async ({ page }) => {
    await hotrodTrace(123);
    await page.goto('/search?source=jaeger&service=frontend&lookback=1h&limit=100&sort=longest');
    await expect(results(page).first()).toBeVisible();
    await screenshot(page, 'jaeger-dark');
    await page.goto('/search?source=tempo&mode=traceql&q=%7Bstatus%3Derror%7D&lookback=1h');
    await expect(page.getByTestId('search-count')).toBeVisible();
    await screenshot(page, 'tempo-traceql-dark');
  });
});
