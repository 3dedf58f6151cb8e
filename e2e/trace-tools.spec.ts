/**
 * The trace page's everyday tools on the HotROD demo, checked against the model: link
 * patterns from the served config.json (e2e/support/config.e2e.json), span filters in the
 * find box, the ancestors breadcrumb, "Copy summary" and the hints on collapsed rows.
 * Screenshots of each, light and dark, go to the test's output folder for review.
 */
import { expect, test, type Page, type TestInfo } from './support/test';
import { parseTraceText } from '../src/api/parse-trace-file';
import { generateDemoText } from '../src/demo/generate';
import { demoSources } from '../src/api/demo-source';
import { analyzeTrace } from '../src/model/analyze';
import { findMatches, matchesInOrder } from '../src/views/trace/find';
import { descendantCounts } from '../src/layout/descendant-counts';
import { spanSummary } from '../src/views/trace/span-detail/summary';

const trace = parseTraceText(generateDemoText('hotrod')).traces[0];
if (!trace) throw new Error('the HotROD demo produced no trace');
const analysis = analyzeTrace(trace);
const HOTROD = `/trace/${trace.traceId}?source=demo`;

const rowIds = (page: Page) =>
  page.getByTestId('span-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')));
const matchedIds = (q: string) =>
  Array.from(matchesInOrder(analysis.tree.preorder, findMatches(trace, q) ?? new Uint8Array(0))).map(
    (i) => trace.spans[i]?.spanId,
  );
const spanIndex = (service: string, name: string) =>
  trace.spans.findIndex((s) => s.service === service && s.name === name);
const row = (page: Page, i: number) =>
  page.locator(`[data-testid="span-row"][data-span-id="${trace.spans[i]?.spanId}"]`);

async function shoot(page: Page, info: TestInfo, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: info.outputPath(`${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('the demo is the trace the model expects', () => {
  expect(demoSources().find((d) => d.id === 'hotrod')?.traceId).toBe(trace.traceId);
  expect(trace.spans.length).toBe(39);
});

test('link patterns from config.json sit beside their attributes, URL-encoded', async ({ page, request }) => {
  const served = (await (await request.get('/config.json')).json()) as { linkPatterns?: unknown[] };
  expect(served.linkPatterns).toHaveLength(2);

  await page.goto(HOTROD);
  const mysql = spanIndex('mysql', 'SQL SELECT');
  await row(page, mysql).click();
  const detail = page.getByRole('region', { name: 'Selected span' });
  const sql = trace.spans[mysql]?.attributes.find((a) => a.key === 'sql.query')?.value;
  expect(typeof sql).toBe('string');
  const queryLink = detail.getByRole('table', { name: 'Span attributes' }).getByTestId('link-pattern');
  await expect(queryLink).toHaveCount(1);
  await expect(queryLink).toHaveText(/Query logs/);
  await expect(queryLink).toHaveAttribute(
    'href',
    new URL(`https://logs.example.com/search?q=${encodeURIComponent(String(sql))}&service=mysql`).href,
  );
  await expect(queryLink).toHaveAttribute('rel', 'noopener noreferrer');

  const hostLink = detail.getByRole('table', { name: 'Resource attributes' }).getByTestId('link-pattern');
  const fromMs = Math.floor(trace.startUnixUs / 1000);
  const toMs = Math.ceil((trace.startUnixUs + trace.durationUs) / 1000);
  await expect(hostLink).toHaveAttribute(
    'href',
    `https://metrics.example.com/d/host?var-host=hotrod-customer&from=${fromMs}&to=${toMs}`,
  );
  // No trace-level pattern in this config: the header has no links.
  await expect(page.getByRole('navigation', { name: 'Trace links' })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await queryLink.scrollIntoViewIfNeeded();
  await shoot(page, test.info(), 'link-patterns');
});

test('a trace-level link pattern shows in the header; a bad one is skipped and named', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        sources: [],
        linkPatterns: [
          { type: 'trace', url: 'https://logs.example.com/?q=trace_id:#{trace.id}', text: 'Logs for this trace' },
          { type: 'trace', url: 'javascript:alert(1)', text: 'Evil' },
        ],
      }),
    }),
  );
  await page.goto(HOTROD);
  await expect(page.getByTestId('trace-span-count')).toHaveText('39');
  const links = page.getByRole('navigation', { name: 'Trace links' }).getByTestId('link-pattern');
  await expect(links).toHaveCount(1);
  await expect(links).toHaveAttribute('href', `https://logs.example.com/?q=trace_id:${trace.traceId}`);
  const problems = page.getByRole('status').filter({ hasText: '1 link pattern in config.json skipped' });
  await problems.getByText('1 link pattern in config.json skipped').press('Enter');
  await expect(problems).toContainText('linkPatterns[1] ("Evil") is skipped: it has a url that does not start with');
  await expect(page.locator('a[href^="javascript"]')).toHaveCount(0);
  await shoot(page, test.info(), 'trace-links');
});

test('span filters drive n of m, next and previous, and matches only', async ({ page }) => {
  await page.goto(HOTROD);
  const find = page.getByLabel('Find in trace');
  const query = 'service=redis-manual duration>12ms';
  const expected = matchedIds(query);
  expect(expected.length).toBe(5);
  await find.fill(query);
  const counter = page.getByRole('status', { name: 'Find results' });
  await expect(counter).toHaveText('– of 5');
  await expect(page).toHaveURL(/find=service%3Dredis-manual/);
  const marked = () =>
    page
      .locator('[data-testid="span-row"][data-match="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')));
  await expect.poll(marked).toEqual(expected);

  await find.press('Enter');
  await expect(counter).toHaveText('1 of 5');
  await expect(page).toHaveURL(new RegExp(`span=${expected[0]}`));
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(counter).toHaveText('2 of 5');
  await page.getByRole('button', { name: 'Previous match' }).click();
  await page.getByRole('button', { name: 'Previous match' }).click();
  await expect(counter).toHaveText('5 of 5'); // wraps around

  await page.getByRole('checkbox', { name: 'Matches only' }).check();
  await expect(page).toHaveURL(/only=matches/);
  await expect.poll(() => rowIds(page)).toEqual(expected);
  await shoot(page, test.info(), 'filter-matches-only');

  // Negation and the error status, straight from a permalink.
  await page.goto(`${HOTROD}&find=${encodeURIComponent('error -duration>30ms')}&only=matches`);
  const errorsUnder30 = matchedIds('error -duration>30ms');
  expect(errorsUnder30).toHaveLength(1);
  await expect.poll(() => rowIds(page)).toEqual(errorsUnder30);
});

test('a filter that does not parse says why, inline, and matches nothing', async ({ page }) => {
  await page.goto(`${HOTROD}&find=GetDriver`);
  await expect(page.getByRole('status', { name: 'Find results' })).toHaveText('– of 12');
  const find = page.getByLabel('Find in trace');
  await find.fill('duration>fast');
  const alert = page.getByRole('alert').filter({ hasText: 'Filter not understood' });
  await expect(alert).toHaveText(
    'Filter not understood: "duration>fast" at character 1: "fast" is not a duration (write e.g. 50ms, 1.5s)',
  );
  await expect(find).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status', { name: 'Find results' })).toHaveCount(0);
  await expect(page.locator('[data-testid="span-row"][data-match="true"]')).toHaveCount(0);
  await shoot(page, test.info(), 'filter-error');
  await find.fill('duration>30ms');
  await expect(alert).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Find results' })).toHaveText(
    `– of ${matchedIds('duration>30ms').length}`,
  );
});

test("Jaeger's uiFind and plain words keep working", async ({ page }) => {
  await page.goto(`/trace/${trace.traceId}?source=demo&uiFind=getdriver`);
  await expect(page.getByRole('status', { name: 'Find results' })).toHaveText('– of 12');
  await expect(page.getByLabel('Find in trace')).toHaveValue('getdriver');
});

test('the breadcrumb lists the ancestors and selects one by mouse or keyboard', async ({ page }) => {
  await page.goto(HOTROD);
  const getDriver = trace.spans.findIndex((s) => s.name === 'GetDriver' && s.status.code === 'error');
  await row(page, getDriver).click();
  const crumbs = page.getByRole('navigation', { name: 'Span ancestors' });
  const ancestors: number[] = [];
  for (let p = analysis.tree.parent[getDriver] ?? -1; p >= 0; p = analysis.tree.parent[p] ?? -1) ancestors.unshift(p);
  expect(ancestors).toHaveLength(3);
  await expect(crumbs.getByRole('button')).toHaveCount(3);
  expect(await crumbs.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')))).toEqual(
    ancestors.map((i) => trace.spans[i]?.spanId),
  );
  await expect(crumbs.locator('[aria-current="location"]')).toHaveText('GetDriver');
  await shoot(page, test.info(), 'breadcrumb');

  const parent = ancestors[2] ?? -1;
  await crumbs.getByRole('button').nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(row(page, parent)).toHaveAttribute('aria-selected', 'true');
  await crumbs.getByRole('button').first().focus();
  await page.keyboard.press(' ');
  await expect(row(page, analysis.tree.mainRoot)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('navigation', { name: 'Span ancestors' })).toHaveCount(0); // the root has none
});

test('Copy summary puts the span, its times, critical share and permalink on the clipboard', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(HOTROD);
  const mysql = spanIndex('mysql', 'SQL SELECT');
  await row(page, mysql).click();
  await page.getByRole('button', { name: 'Copy summary' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Summary copied' })).toHaveCount(1);
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const lines = text.split('\n');
  expect(lines[0]).toBe('mysql: SQL SELECT');
  expect(lines[1]).toMatch(/^duration \S+ ms, self time \S+ ms, critical path \S+ ms \(\d+% of the \S+ ms trace\)$/);
  expect(text).toBe(spanSummary(trace, analysis, mysql, page.url()));
  expect(lines[2]).toBe(`trace ${trace.traceId}, span ${trace.spans[mysql]?.spanId}`);
  expect(lines[3]).toBe(page.url());
  expect(lines[3]).toContain(`span=${trace.spans[mysql]?.spanId}`);
});

test('a collapsed row says when it hides errors or critical-path spans', async ({ page }) => {
  await page.goto(`${HOTROD}&level=1`);
  const counts = descendantCounts(analysis.tree, trace.spans, analysis.criticalUs);
  const findNearest = spanIndex('frontend', 'driver.DriverService/FindNearest');
  const r = row(page, findNearest);
  await expect(r).toHaveAttribute('aria-expanded', 'false');
  expect(counts.errors[findNearest]).toBe(2);
  await expect(r).toHaveAttribute('data-hidden-errors', '2');
  await expect(r).toHaveAttribute('data-hidden-critical', String(counts.critical[findNearest]));
  await expect(r).toHaveAttribute(
    'aria-label',
    new RegExp(`hides 2 errors and ${counts.critical[findNearest]} critical-path spans$`),
  );
  await expect(r.getByTestId('collapsed-hint')).toHaveText(`2 !${counts.critical[findNearest]} ★`);
  // A collapsed row with nothing notable under it carries no hint.
  const quietRoute = trace.spans.findIndex((s, i) => s.name === 'HTTP GET' && (analysis.criticalUs[i] ?? 0) === 0);
  await expect(row(page, quietRoute).getByTestId('collapsed-hint')).toHaveCount(0);
  await shoot(page, test.info(), 'collapsed-hints');

  await r.getByRole('button', { name: /^Expand/ }).click();
  await expect(r).toHaveAttribute('aria-expanded', 'true');
  await expect(r).not.toHaveAttribute('data-hidden-errors', /.*/);
});
