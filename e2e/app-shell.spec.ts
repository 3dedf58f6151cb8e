import { expect, test } from './support/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceJson, parseTraceText } from '../src/api/parse-trace-file';
import { analyzeTrace } from '../src/model/analyze';
import { FIXTURES_DIR, fixtureFiles } from './support/fixtures';
import { DEMO_SEARCH_CORPUS, searchDemoTraces } from '../src/api/search/demo-search';
import { generateDemo } from '../src/demo/generate';

test('the start page lists the demo traces and opens the HotROD-like dispatch', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeVisible();
  await page.getByRole('link', { name: /HotROD/i }).click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}\?source=demo/);
  await expect(page.getByTestId('trace-span-count')).toHaveText(/^\d+$/);
  const services = page.getByRole('list', { name: 'Services' }).getByRole('listitem');
  await expect(services).toHaveText(['customer', 'driver', 'frontend', 'mysql', 'redis-manual', 'route']);
  await expect(page.getByTestId('trace-verdict')).toContainText('SQL SELECT');
  await expect(page.getByTestId('trace-verdict')).toContainText('mysql');
  // The app-ready marker sits on a visible element once the whole analysis is in.
  await expect(page.locator('[data-app-ready="true"]').first()).toBeVisible();
  await expect(page.locator('[data-app-ready="false"]')).toHaveCount(0);
});

test('a demo permalink with a selected span reopens the same view in a fresh page', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /HotROD/i }).click();
  const first = page.getByTestId('slowest-spans').locator('li').first();
  const spanId = await first.getAttribute('data-span-id');
  await first.getByRole('button').click();
  await expect(page).toHaveURL(new RegExp(`span=${spanId}`));
  const url = page.url();

  const fresh = await browser.newPage();
  await fresh.goto(url);
  await expect(fresh.getByRole('region', { name: 'Selected span' })).toContainText(spanId ?? 'missing');
  await expect(fresh.getByTestId('slowest-spans').locator(`li[data-span-id="${spanId}"] button`)).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await fresh.close();
});

for (const file of fixtureFiles()) {
  test(`opens the fixture ${file} with the model's span count and slowest spans`, async ({ page }) => {
    const text = readFileSync(join(FIXTURES_DIR, file), 'utf8');
    let expected: ReturnType<typeof parseTraceText> | undefined;
    try {
      expected = parseTraceText(text);
    } catch {
      expected = undefined; // not a trace file: the app must say so
    }
    await page.goto('/');
    await page.getByLabel('Open trace file').setInputFiles(join(FIXTURES_DIR, file));
    if (!expected || expected.traces.length === 0) {
      await expect(page.getByRole('alert')).toContainText('Could not open');
      return;
    }
    if (expected.traces.length > 1) {
      await expect(
        page.getByRole('heading', { name: new RegExp(`${expected.traces.length} traces in`) }),
      ).toBeVisible();
      await page.getByRole('link', { name: new RegExp(expected.traces[0]?.traceId ?? 'x') }).click();
    }
    const trace = expected.traces[0];
    if (!trace) throw new Error('no trace');
    const analysis = analyzeTrace(trace);
    await expect(page.getByTestId('trace-span-count')).toHaveText(String(trace.spans.length));
    const shown = await page
      .getByTestId('slowest-spans')
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')));
    // The 15 slowest (fewer in a smaller trace), best first: the count is fixed, so a short list fails.
    const want = analysis.bottlenecks.slowestBySelfTime.slice(0, 15).map((i) => trace.spans[i]?.spanId);
    expect(want.length).toBeGreaterThan(0);
    expect(shown).toEqual(want);
  });
}

test('a malformed file and a non-trace JSON file each show an alert, and the next file still opens', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  const input = page.getByLabel('Open trace file');
  const bad = testInfo.outputPath('broken.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(bad, '{"data": [ {"traceID": "abc", ');
  await input.setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('broken.json');
  await expect(page.getByRole('alert')).toContainText(/JSON/);

  const notTrace = testInfo.outputPath('package.json');
  writeFileSync(notTrace, JSON.stringify({ name: 'x', version: '1.0.0' }));
  await input.setInputFiles(notTrace);
  await expect(page.getByRole('alert')).toContainText('package.json');
  await expect(page.getByRole('alert')).toContainText(/Zipkin/);

  await input.setInputFiles(join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json'));
  await expect(page.getByTestId('trace-span-count')).toBeVisible();
});

test('a file trace link opened in a fresh page says the file is needed', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json'));
  await expect(page.getByTestId('trace-span-count')).toBeVisible();
  const fresh = await browser.newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByRole('alert')).toContainText('came from a file');
  await fresh.close();
});

test('the 100,000-span demo trace opens', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('link', { name: /100,000/ }).click();
  await expect(page.getByTestId('trace-span-count')).toHaveText('100000', { timeout: 60_000 });
  await expect(page.getByTestId('trace-verdict')).not.toBeEmpty();
});

test('with no backend, the search page searches the generated demo traces and opens a result', async ({ page }) => {
  // What the demo source holds for service=mysql, computed with the same generator and filter.
  const corpus = DEMO_SEARCH_CORPUS.flatMap(({ demoId, seeds }) =>
    seeds.flatMap((seed) => parseTraceJson(generateDemo(demoId, { seed })).traces),
  );
  const request = {
    service: 'mysql',
    operation: '',
    attributes: [],
    minDurationUs: undefined,
    maxDurationUs: undefined,
    startUs: 0,
    endUs: 1,
    limit: 20,
  };
  const want = searchDemoTraces(corpus, request).summaries.map((s) => s.traceId);
  expect(want.length).toBeGreaterThan(1);

  await page.goto('/search?source=demo&service=mysql');
  const results = page.getByTestId('search-result');
  await expect(results).toHaveCount(want.length);
  expect((await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id')))).sort()).toEqual(
    [...want].sort(),
  );
  await results.first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}\?source=demo$/);
  await expect(page.getByTestId('trace-verdict')).toContainText('mysql');
  // The root operation is a link: a plain click on it opens that trace too (it once did nothing).
  await page.goBack();
  const second = results.nth(1);
  const secondId = await second.getAttribute('data-trace-id');
  await second.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/trace/${secondId}\\?source=demo$`));
});

test("when the app's code cannot load, the page says so instead of staying blank", async ({ page }) => {
  await page.route(/\/assets\/start-app-[^/]*\.js$/, (route) => route.abort('connectionreset'));
  await page.goto('/trace/0123456789abcdef0123456789abcdef?source=demo');
  await expect(page.getByRole('alert')).toContainText('Pathlight could not load its code');
  await expect(page.getByRole('alert')).toContainText('Reload the page');
});
