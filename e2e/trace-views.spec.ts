/**
 * The trace page's other views (issue 15): statistics, flame graph, span table and JSON,
 * each in the URL, checked against what the model computes for the same demo trace; their
 * keyboard use; Download JSON as fetched and as OTLP/JSON; the 100,000-span demo in each.
 * The last test reads the JSON view of a real Jaeger trace (@backends).
 */
import { expect, test, type Page } from './support/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceJson, parseTraceText } from '../src/api/parse-trace-file';
import { analyzeTrace } from '../src/model/analyze';
import { demoSources } from '../src/api/demo-source';
import { generateDemo } from '../src/demo/generate';
import { jsonLines } from '../src/lib/json-lines';
import { findMatches } from '../src/views/trace/find';
import { BACKENDS, hotrodTrace } from './support/backends';
import { FIXTURES_DIR } from './support/fixtures';

const hotrod = demoSources().find((d) => d.id === 'hotrod');
const HOTROD_URL = `/trace/${hotrod?.traceId ?? 'missing'}?source=demo`;
const demoTrace = () => {
  const trace = parseTraceJson(generateDemo('hotrod')).traces.find((t) => t.traceId === hotrod?.traceId);
  if (!trace) throw new Error('no hotrod demo trace');
  return { trace, analysis: analyzeTrace(trace) };
};

const attrs = (page: Page, testId: string, name: string) =>
  page.getByTestId(testId).evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);

test('view=stats: per-service count, self and critical-path time match the model; grouping and sort are in the URL and work from the keyboard', async ({
  page,
}) => {
  const { trace, analysis } = demoTrace();
  await page.goto(`${HOTROD_URL}&view=stats`);
  const rows = page.getByTestId('stats-row');
  await expect(rows.first()).toBeVisible();
  const services = [...new Set(trace.spans.map((s) => s.service))];
  await expect(rows).toHaveCount(services.length);
  for (const service of services) {
    const idx = trace.spans.flatMap((s, i) => (s.service === service ? [i] : []));
    const row = page.locator(`[data-testid="stats-row"][data-group="${service}"]`);
    await expect(row).toHaveAttribute('data-count', String(idx.length));
    const self = idx.reduce((n, i) => n + (analysis.selfTimeUs[i] ?? 0), 0);
    const crit = idx.reduce((n, i) => n + (analysis.criticalUs[i] ?? 0), 0);
    await expect(row).toHaveAttribute('data-self-us', String(Math.round(self)));
    await expect(row).toHaveAttribute('data-critical-us', String(Math.round(crit)));
  }
  // Default order: critical-path time, largest first.
  const crit = (await attrs(page, 'stats-row', 'data-critical-us')).map(Number);
  expect(crit).toEqual([...crit].sort((a, b) => b - a));

  // Group by operation, from the keyboard.
  await page.getByLabel('Group by').selectOption('operation');
  await expect(page).toHaveURL(/[?&]group=operation/);
  const ops = new Set(trace.spans.map((s) => `${s.service}: ${s.name}`));
  await expect(rows).toHaveCount(ops.size);
  const counts = (await attrs(page, 'stats-row', 'data-count')).map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(trace.spans.length);

  // Sort by self time with Enter on the header, then ascending with Space.
  const header = page.getByRole('button', { name: 'Self total' });
  await header.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]sort=-self/);
  const desc = (await attrs(page, 'stats-row', 'data-self-us')).map(Number);
  expect(desc).toEqual([...desc].sort((a, b) => b - a));
  await page.keyboard.press(' ');
  await expect(page).toHaveURL(/[?&]sort=self/);
  await expect(page.getByRole('columnheader', { name: 'Self total' })).toHaveAttribute('aria-sort', 'ascending');
  const asc = (await attrs(page, 'stats-row', 'data-self-us')).map(Number);
  expect(asc).toEqual([...asc].sort((a, b) => a - b));

  // The permalink reopens the same grouping and order.
  await page.reload();
  await expect(page.getByLabel('Group by')).toHaveValue('operation');
  expect((await attrs(page, 'stats-row', 'data-self-us')).map(Number)).toEqual(asc);
});

test('view=table: every span, filtered by find, sorted by the URL, rows open spans from the keyboard', async ({
  page,
}) => {
  const { trace, analysis } = demoTrace();
  await page.goto(`${HOTROD_URL}&view=table`);
  const body = page.getByRole('table', { name: 'Spans' });
  const rows = body.locator('[role="row"][data-span-id]');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('span-row')).toHaveCount(0); // only waterfall rows are span-row
  await expect(page.getByText(`${trace.spans.length} of ${trace.spans.length} spans`)).toBeVisible();

  // Sort by duration (Space on the header): descending, the root first.
  await page.getByRole('button', { name: 'Duration' }).focus();
  await page.keyboard.press(' ');
  await expect(page).toHaveURL(/[?&]sort=-duration/);
  const root = trace.spans[analysis.tree.mainRoot];
  await expect(rows.first()).toHaveAttribute('data-span-id', root?.spanId ?? 'x');

  // Find filters the table to the spans the find matcher keeps.
  await page.getByLabel('Find in trace').fill('mysql');
  await expect(page).toHaveURL(/[?&]find=mysql/);
  const mask = findMatches(trace, 'mysql');
  const mysql = trace.spans.filter((_, i) => mask?.[i] === 1);
  expect(mysql.length).toBeGreaterThan(0);
  await expect(page.getByText(new RegExp(`^${mysql.length} of ${trace.spans.length} spans`))).toBeVisible();
  const shown = await body
    .locator('[role="row"][data-span-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')));
  expect(new Set(shown)).toEqual(new Set(mysql.map((s) => s.spanId)));

  // Arrow keys move between rows, Enter opens the span.
  await page.getByLabel('Find in trace').fill('');
  await expect(page).not.toHaveURL(/[?&]find=/);
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  const second = await rows.nth(1).getAttribute('data-span-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]span=${second}`));
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Selected span' })).toBeVisible();
});

test('view=flame: arrows walk the tree with a spoken label, Enter zooms into a subtree, a click selects', async ({
  page,
}) => {
  const { trace, analysis } = demoTrace();
  const root = trace.spans[analysis.tree.mainRoot];
  await page.goto(`${HOTROD_URL}&view=flame`);
  const canvas = page.getByTestId('flame-canvas');
  await expect(canvas).toBeVisible();
  await canvas.focus();
  await page.keyboard.press('ArrowDown'); // nothing selected: the first root
  await expect(page).toHaveURL(new RegExp(`[?&]span=${root?.spanId}`));
  await expect(canvas).toHaveAttribute('aria-label', new RegExp(`Selected: ${root?.service}: `));
  await expect(canvas).toHaveAttribute('aria-label', /on the critical path/);
  await page.keyboard.press('ArrowDown');
  const first = analysis.tree.childIndex[analysis.tree.childStart[analysis.tree.mainRoot] ?? 0] ?? -1;
  const child = trace.spans[first];
  await expect(page).toHaveURL(new RegExp(`[?&]span=${child?.spanId}`));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(
    new RegExp(
      `[?&]zoom=${Math.round(child?.startUs ?? 0)}%2C${Math.round((child?.startUs ?? 0) + (child?.durationUs ?? 0))}`,
    ),
  );
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/[?&]zoom=/);
  await page.keyboard.press('ArrowUp');
  await expect(page).toHaveURL(new RegExp(`[?&]span=${root?.spanId}`));

  // A click on the top level, at its left end, selects the root; the span detail opens.
  await page.goto(`${HOTROD_URL}&view=flame`);
  await canvas.click({ position: { x: 4, y: 8 } });
  await expect(page).toHaveURL(new RegExp(`[?&]span=${root?.spanId}`));
  await expect(page.getByRole('region', { name: 'Selected span' })).toBeVisible();
});

test('view=json shows the demo document; Download JSON and Download OTLP/JSON both open again as the same trace', async ({
  page,
}, testInfo) => {
  const { trace } = demoTrace();
  await page.goto(`${HOTROD_URL}&view=json`);
  const json = page.getByTestId('trace-json');
  await expect(json).toBeVisible();
  const expected = jsonLines(JSON.stringify(generateDemo('hotrod')));
  await expect(json).toHaveAttribute('aria-label', `JSON, ${expected.count.toLocaleString('en-US')} lines`);
  await expect(page.getByTestId('json-line').first()).toHaveText(/^1\s*\{$/);
  await expect(json).toContainText('"resourceSpans":');

  for (const name of ['Download JSON', 'Download OTLP/JSON']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    const saved = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(saved);
    const reopened = parseTraceText(readFileSync(saved, 'utf8')).traces[0];
    expect(reopened?.traceId).toBe(trace.traceId);
    expect(reopened?.spans.length).toBe(trace.spans.length);
  }
});

test('view=json of a file shows the file as it is, line for line', async ({ page }) => {
  const file = join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json');
  const text = readFileSync(file, 'utf8');
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(file);
  await expect(page.getByTestId('trace-span-count')).toBeVisible();
  await page.getByRole('radio', { name: 'JSON' }).click();
  await expect(page).toHaveURL(/[?&]view=json/);
  await expect(page.getByTestId('trace-json')).toHaveAttribute(
    'aria-label',
    `JSON, ${jsonLines(text).count.toLocaleString('en-US')} lines`,
  );
  await expect(page.getByText(/as the file zipkin-lens-yelp\.json holds it/)).toBeVisible();
});

test('the 100,000-span demo: the table, flame graph and JSON stay virtualized and respond', async ({ page }) => {
  test.setTimeout(180_000);
  const big = demoSources().find((d) => d.spanCountHint === 100_000);
  const url = `/trace/${big?.traceId ?? ''}?source=demo`;
  await page.goto(`${url}&view=table&sort=-self`);
  await expect(page.getByTestId('trace-span-count')).toHaveText('100000', { timeout: 60_000 });
  const rows = page.locator('[role="table"] [role="row"][data-span-id]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(120);
  await page.getByRole('radio', { name: 'Flame' }).click();
  const canvas = page.getByTestId('flame-canvas');
  await canvas.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(canvas).toHaveAttribute('aria-label', /Selected: .*depth 2/);
  await page.getByRole('radio', { name: 'JSON' }).click();
  await expect(page.getByTestId('trace-json')).toBeVisible({ timeout: 60_000 });
  expect(await page.getByTestId('json-line').count()).toBeLessThan(200);
  await page.getByRole('radio', { name: 'Stats' }).click();
  await expect(page.getByTestId('stats-row').first()).toBeVisible(); // the view loads its script first
  const counts = (await attrs(page, 'stats-row', 'data-count')).map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(100_000);
});

/**
 * Every element of the page that scrolls now, with its computed background colour. A scroller
 * whose background is transparent is not scrolled by the compositor in Chromium (its text would
 * lose subpixel antialiasing), so every scroll frame repaints it on the main thread: the
 * measure.mjs wheel test read about 50 fps on the waterfall that way, and 58 with it opaque.
 */
const scrollers = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#root *')]
      .filter((el) => {
        const { overflowY } = getComputedStyle(el);
        return (overflowY === 'auto' || overflowY === 'scroll') && el.scrollHeight > el.clientHeight + 1;
      })
      .map((el) => ({
        name: el.dataset.testid ?? el.getAttribute('aria-label') ?? el.className.slice(0, 60),
        background: getComputedStyle(el).backgroundColor,
      })),
  );
const transparent = (color: string) =>
  color === 'transparent' ||
  /^rgba\(.*,\s*0?\.\d+\)$|^rgba\(.*,\s*0\)$/.test(color) ||
  /\/\s*(0?\.\d+|\d{1,2}%)\)$/.test(color);

for (const scheme of ['light', 'dark'] as const) {
  test(`${scheme} theme: the 100,000-span demo's waterfall, table, flame graph and JSON scroll on an opaque background`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 480 });
    const big = demoSources().find((d) => d.spanCountHint === 100_000);
    await page.goto(`/trace/${big?.traceId ?? ''}?source=demo`);
    await expect(page.getByTestId('trace-span-count')).toHaveText('100000', { timeout: 60_000 });
    for (const [view, ready] of [
      ['timeline', page.getByTestId('span-row')],
      ['Table', page.locator('[role="table"] [role="row"][data-span-id]')],
      ['Flame', page.getByTestId('flame-canvas')],
      ['JSON', page.getByTestId('json-line')],
    ] as const) {
      await page.getByRole('radio', { name: view }).click();
      await expect(ready.first()).toBeVisible({ timeout: 60_000 });
      const found = await scrollers(page);
      expect(found.length, `${view}: something scrolls`).toBeGreaterThan(0);
      for (const s of found) expect(transparent(s.background), `${view}: ${s.name} has ${s.background}`).toBe(false);
    }
  });
}

test('view=json of a Jaeger and a Tempo trace is the answer the backend gave; Download JSON saves that answer @backends', async ({
  page,
  request,
}, testInfo) => {
  const { traceId } = await hotrodTrace(392);
  // Jaeger answers on v3 first (the client's first attempt); Tempo on /api/v2/traces.
  for (const [source, name, path] of [
    ['jaeger', 'Jaeger', `${BACKENDS.jaeger}/api/v3/traces/${traceId}`],
    ['tempo', 'Tempo', `${BACKENDS.tempo}/api/v2/traces/${traceId}`],
  ] as const) {
    const answer = await (await request.get(path)).text();
    await page.goto(`/trace/${traceId}?source=${source}&view=json`);
    const json = page.getByTestId('trace-json');
    await expect(json).toHaveAttribute('aria-label', `JSON, ${jsonLines(answer).count.toLocaleString('en-US')} lines`);
    await expect(page.getByText(new RegExp(`as ${name} returned it \\(/proxy/${source}/api/`))).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    const saved = testInfo.outputPath(`${source}.json`);
    await download.saveAs(saved);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(JSON.parse(answer));
  }
});
