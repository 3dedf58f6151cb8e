/**
 * The trace page against what the model computes: span count, critical-path rows and the
 * slowest-span order for every shared fixture; permalinks (span, find, only=critical, zoom,
 * Jaeger's uiFind) in a fresh page; keyboard walking; file failures as alerts.
 */
import { expect, test, type Page } from './support/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceText } from '../src/api/parse-trace-file';
import { analyzeTrace } from '../src/model/analyze';
import { demoSources } from '../src/api/demo-source';
import { FIXTURES_DIR, fixtureFiles } from './support/fixtures';

const hotrod = demoSources().find((d) => d.id === 'hotrod');
const HOTROD_URL = `/trace/${hotrod?.traceId ?? 'missing'}?source=demo`;

const rowIds = (page: Page) =>
  page.getByTestId('span-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')));

for (const file of fixtureFiles()) {
  const text = readFileSync(join(FIXTURES_DIR, file), 'utf8');
  let parsed: ReturnType<typeof parseTraceText> | undefined;
  try {
    parsed = parseTraceText(text);
  } catch {
    parsed = undefined;
  }
  const trace = parsed?.traces[0];
  if (!parsed || !trace) continue; // non-trace fixtures are covered by app-shell.spec.ts

  test(`fixture ${file}: span count, critical-path rows and slowest spans match the model`, async ({ page }) => {
    const analysis = analyzeTrace(trace);
    await page.goto('/');
    await page.getByLabel('Open trace file').setInputFiles(join(FIXTURES_DIR, file));
    if (parsed.traces.length > 1) await page.getByRole('link', { name: new RegExp(trace.traceId) }).click();
    await expect(page.getByTestId('trace-span-count')).toHaveText(String(trace.spans.length));

    const preorder = Array.from(analysis.tree.preorder);
    const onPath = preorder.filter((i) => (analysis.criticalUs[i] ?? 0) > 0).map((i) => trace.spans[i]?.spanId);
    // The rows on screen, in the model's pre-order: all of them when the trace fits on the
    // screen, else at least a screenful (an empty list must not pass).
    const shown = await rowIds(page);
    expect(shown.length).toBeGreaterThanOrEqual(Math.min(preorder.length, 20));
    expect(shown).toEqual(preorder.slice(0, shown.length).map((i) => trace.spans[i]?.spanId));
    const marked = await page
      .locator('[data-testid="span-row"][data-critical-path="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')));
    expect(marked).toEqual(onPath.filter((id) => shown.includes(id ?? '')));

    await page.getByRole('checkbox', { name: 'Critical path only' }).check();
    await expect(page).toHaveURL(/only=critical/);
    await expect.poll(() => rowIds(page)).toEqual(onPath.slice(0, 40));

    const slowest = await page
      .getByTestId('slowest-spans')
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')));
    // The list shows the 15 slowest (fewer in a smaller trace), best first.
    expect(slowest).toEqual(analysis.bottlenecks.slowestBySelfTime.slice(0, 15).map((i) => trace.spans[i]?.spanId));
  });
}

test('a permalink with span, find, only=critical and zoom reopens the same view in a fresh page', async ({
  page,
  browser,
}) => {
  await page.goto(HOTROD_URL);
  const slowest = page.getByTestId('slowest-spans').locator('li').first();
  const spanId = (await slowest.getAttribute('data-span-id')) ?? 'missing';
  await slowest.getByRole('button').click();
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.getByLabel('Find in trace').fill('sql');
  await expect(page.getByRole('status', { name: 'Find results' })).toHaveText(/1 of \d+/);
  await page.getByRole('checkbox', { name: 'Critical path only' }).check();
  const axis = page.getByLabel('Time axis');
  const box = await axis.boundingBox();
  if (!box) throw new Error('no time axis');
  await page.mouse.move(box.x + 5, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/zoom=\d+%2C\d+|zoom=\d+,\d+/);
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  const rows = await rowIds(page);
  const url = page.url();
  expect(url).toContain(`span=${spanId}`);
  expect(url).toContain('find=sql');

  const fresh = await browser.newPage();
  await fresh.goto(url);
  await expect(fresh.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(fresh.getByRole('region', { name: 'Selected span' })).toContainText(spanId);
  await expect(fresh.getByLabel('Find in trace')).toHaveValue('sql');
  await expect(fresh.getByRole('checkbox', { name: 'Critical path only' })).toBeChecked();
  await expect(fresh.getByTestId('minimap-window')).toBeVisible();
  expect(await rowIds(fresh)).toEqual(rows);
  // One click on the time axis resets the zoom.
  await fresh.getByLabel('Time axis').click();
  await expect(fresh).not.toHaveURL(/zoom=/);
  await fresh.close();
});

test("Jaeger UI's uiFind links find text, and select a span by id", async ({ page }) => {
  await page.goto(`${HOTROD_URL}&uiFind=GetDriver`);
  await expect(page.getByLabel('Find in trace')).toHaveValue('GetDriver');
  await expect(page.locator('[data-testid="span-row"][data-match="true"]').first()).toBeVisible();
  const someId = await page.locator('[data-testid="span-row"]').nth(3).getAttribute('data-span-id');
  await page.goto(`/trace/${hotrod?.traceId ?? ''}?uiFind=${someId ?? ''}`);
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${someId}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('the waterfall can be walked and folded with the keyboard', async ({ page }) => {
  await page.goto(HOTROD_URL);
  const rows = page.getByTestId('span-row');
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  await page.keyboard.press('j');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft'); // collapse the root
  await expect(rows).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(rows).toHaveCount(total);
  await page.keyboard.press('Enter');
  // The detail's scrolling body takes the focus, so the arrow keys scroll it.
  await expect(page.locator('#span-detail-body')).toBeFocused();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Find in trace')).toBeFocused();
  await page.keyboard.type('redis');
  await expect(page.getByRole('status', { name: 'Find results' })).toContainText('of');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Find in trace')).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  // The other views' keys are listed too.
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
    'in the flame graph: zoom into the span; zoom out',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});

test('a broken file dropped, and non-trace JSON pasted, on the trace page each show an alert; the next file opens', async ({
  page,
}) => {
  await page.goto(HOTROD_URL);
  await expect(page.getByTestId('trace-span-count')).toBeVisible();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{"data": [ {"traceID": "abc", '], 'broken.json', { type: 'application/json' }));
    const target = document.querySelector('main') ?? document.body;
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('alert')).toContainText('broken.json');
  await expect(page.getByTestId('trace-span-count')).toBeVisible(); // the trace is still there
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', JSON.stringify({ name: 'x', version: '1.0.0' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  });
  await expect(page.getByRole('alert')).toContainText('pasted.json');
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json'));
  await expect(page.getByTestId('trace-span-count')).toBeVisible();
});

test('a trace from a file says its link needs the file and offers Download JSON that opens again', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json'));
  const count = await page.getByTestId('trace-span-count').textContent();
  await expect(page.getByText(/its link works only where the file is open/)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const saved = testInfo.outputPath('exported.json');
  await download.saveAs(saved);
  writeFileSync(saved, readFileSync(saved)); // keep it as a plain file for setInputFiles
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(saved);
  await expect(page.getByTestId('trace-span-count')).toHaveText(count ?? 'x');
});

test('the 100,000-span demo opens, scrolls and selects a span deep down', async ({ page }) => {
  test.setTimeout(120_000);
  const big = demoSources().find((d) => d.spanCountHint === 100_000);
  await page.goto(`/trace/${big?.traceId ?? ''}?source=demo`);
  await expect(page.getByTestId('trace-span-count')).toHaveText('100000', { timeout: 60_000 });
  const rendered = await page.getByTestId('span-row').count();
  expect(rendered).toBeLessThan(120); // virtualized
  await page.getByTestId('waterfall').hover();
  await page.mouse.wheel(0, 200_000);
  await expect(page.getByTestId('span-row').first()).toBeVisible();
  const slowest = page.getByTestId('slowest-spans').locator('li').last();
  const id = await slowest.getAttribute('data-span-id');
  await slowest.getByRole('button').click();
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${id}"]`)).toHaveAttribute('aria-selected', 'true');
});

test('the graph view shows only controls that act on it, its nodes work from the keyboard; the timeline brings the waterfall filters back', async ({
  page,
}) => {
  await page.goto(`${HOTROD_URL}&view=graph&only=critical`);
  await expect(page.getByTestId('graph-node').first()).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Critical path only' })).toHaveCount(0);
  await expect(page.getByLabel('Find in trace')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Collapse all' })).toHaveCount(0);
  // Graph nodes work from the keyboard: focus one, Enter selects its span.
  await page.getByTestId('graph-node').filter({ hasText: 'mysql' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
  await page.getByRole('radio', { name: 'timeline' }).click();
  await expect(page.getByRole('checkbox', { name: 'Critical path only' })).toBeChecked();
  await expect(page.getByLabel('Find in trace')).toBeVisible();
});

test('on a 1024×768 screen the time axis and an open span detail keep usable room', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(HOTROD_URL);
  await page.getByTestId('span-row').nth(3).click();
  const axis = await page.getByLabel('Time axis').boundingBox();
  expect(axis?.width ?? 0).toBeGreaterThanOrEqual(300);
  const detail = await page.getByRole('region', { name: 'Selected span' }).boundingBox();
  expect(detail?.height ?? 0).toBeGreaterThanOrEqual(250);
  await expect(page.getByTestId('slowest-spans')).toBeVisible();
});

test('the operation graph of a 10,000-span trace draws the operations that matter, not all 1,400', async ({ page }) => {
  const big = demoSources().find((d) => d.spanCountHint === 10_000);
  await page.goto(`/trace/${big?.traceId ?? ''}?source=demo&view=graph&graphBy=operation`);
  await expect(page.getByTestId('trace-graph-summary')).toContainText(
    /Showing the 30 operations with the most critical-path and self time, of 1,\d{3}/,
    { timeout: 20_000 },
  );
  await expect(page.getByTestId('graph-node')).toHaveCount(30);
  await expect(page.locator('[data-testid="graph-node"][data-critical-path="true"]').first()).toBeVisible();
});
