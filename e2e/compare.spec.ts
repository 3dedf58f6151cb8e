/**
 * Comparing two traces (/compare/<A>...<B>): on demo traces (no backend needed) the ways in
 * (two picked search results, "compare with typical", "Compare with…" on a trace page), the
 * test hooks, the permalink and a trace compared with itself; against the real HotROD, a
 * dispatch made alone against one made among 8 concurrent ones, whose MySQL call waits for
 * its turn: the compare must name `SQL SELECT` in mysql.
 */
import { expect, test, type Locator, type Page } from './support/test';
import { demoTraceId } from '../src/demo/generate';
import { join } from 'node:path';
import { BACKENDS, backendsUp, dispatch, waitForTrace } from './support/backends';
import { FIXTURES_DIR } from './support/fixtures';

const HOTROD_1 = demoTraceId('hotrod', { seed: 1 });
const HOTROD_2 = demoTraceId('hotrod', { seed: 2 });

const rowOf = (page: Page, service: string, operation: string): Locator =>
  page.locator(`[data-testid="compare-row"][data-service="${service}"][data-operation="${operation}"]`);

async function hooks(row: Locator) {
  return row.evaluate((el) => {
    const n = (k: string) => Number(el.getAttribute(`data-${k}`));
    return {
      countA: n('count-a'),
      countB: n('count-b'),
      selfA: n('self-us-a'),
      selfB: n('self-us-b'),
      criticalA: n('critical-us-a'),
      criticalB: n('critical-us-b'),
    };
  });
}

test('two demo traces: verdict, aligned rows with integer µs hooks, a node, and a permalink', async ({ page }) => {
  await page.goto(`/compare/${HOTROD_1}...${HOTROD_2}?source=demo`);
  const verdict = page.getByTestId('compare-verdict');
  await expect(verdict).toHaveText(/^B is .* (slower|faster) \(|^B took as long as A/);
  const rows = page.getByTestId('compare-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(3);
  const all = await rows.evaluateAll((els) =>
    els.map((el) =>
      ['count-a', 'count-b', 'self-us-a', 'self-us-b', 'critical-us-a', 'critical-us-b'].map((k) =>
        el.getAttribute(`data-${k}`),
      ),
    ),
  );
  for (const values of all) for (const v of values) expect(v).toMatch(/^\d+$/);
  // The root is in both traces, once.
  const root = await hooks(rowOf(page, 'frontend', '/dispatch'));
  expect(root.countA).toBe(1);
  expect(root.countB).toBe(1);

  const mysql = rowOf(page, 'mysql', 'SQL SELECT');
  await mysql.getByRole('button').click();
  await expect(page).toHaveURL(/[?&]node=[0-9a-z]+/);
  const detail = page.getByTestId('compare-node-detail');
  await expect(detail).toContainText('SQL SELECT');
  await expect(detail.getByRole('link').first()).toHaveAttribute('href', /\/trace\/[0-9a-f]{32}\?source=demo&span=/);

  await page.getByLabel('Sort by').selectOption('count');
  await expect(page).toHaveURL(/sort=count/);
  const url = page.url();
  await page.goto(url);
  await expect(page.getByTestId('compare-node-detail')).toContainText('SQL SELECT');
  await expect(page.getByLabel('Sort by')).toHaveValue('count');
  await expect(mysql.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
});

test('a trace compared with itself says so, and every delta is zero', async ({ page }) => {
  await page.goto(`/compare/${HOTROD_1}...${HOTROD_1}?source=demo`);
  await expect(page.getByTestId('compare-verdict')).toContainText('compares a trace with itself: every delta is zero');
  const rows = page.getByTestId('compare-row');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    const h = await hooks(row);
    expect(h.countB).toBe(h.countA);
    expect(h.selfB).toBe(h.selfA);
    expect(h.criticalB).toBe(h.criticalA);
  }
  // "Changed by at least 5%" leaves nothing: the page says so instead of going blank.
  await page.getByLabel('Changed by at least').selectOption('5');
  await expect(page.getByText('No operation changed by that much')).toBeVisible();
  await expect(page).toHaveURL(/min=5/);
});

test('a bad id on either side is a clear message', async ({ page }) => {
  await page.goto(`/compare/${HOTROD_1}...not-an-id`);
  await expect(page.getByRole('alert')).toContainText('"not-an-id" is not a trace id');
});

test('search: pick two results and compare them; or compare one with a typical one', async ({ page }) => {
  await page.goto('/search?source=demo&service=frontend');
  const results = page.getByTestId('search-result');
  await expect(results.nth(1)).toBeVisible();
  const ids = await results.evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-trace-id')));
  await expect(page.getByRole('button', { name: /^Compare/ })).toBeDisabled();
  await results.nth(0).getByRole('checkbox').check();
  await results.nth(1).getByRole('checkbox').press('Space');
  await expect(page).toHaveURL(/\/search/); // picking does not open the trace
  await page.getByRole('button', { name: 'Compare the 2 picked' }).click();
  await expect(page).toHaveURL(new RegExp(`/compare/${ids[0] ?? 'x'}\\.\\.\\.${ids[1] ?? 'x'}\\?source=demo`));
  await expect(page.getByTestId('compare-verdict')).toBeVisible();

  await page.goBack();
  const typical = page.getByRole('button', { name: 'compare with typical' }).first();
  await expect(typical).toBeVisible();
  await typical.press('Enter');
  await expect(page).toHaveURL(/\/compare\/[0-9a-f]{32}\.\.\.[0-9a-f]{32}\?source=demo/);
  await expect(page.getByTestId('compare-verdict')).toBeVisible();
});

test('"Compare with…" on a trace page takes a traceparent', async ({ page }) => {
  await page.goto(`/trace/${HOTROD_1}?source=demo`);
  await page.getByRole('button', { name: 'Compare with…' }).click();
  await page.getByLabel('Trace id or traceparent').fill(`00-${HOTROD_2}-00f067aa0ba902b7-01`);
  await page.getByLabel('Trace id or traceparent').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/compare/${HOTROD_1}\\.\\.\\.${HOTROD_2}\\?sourceA=demo`));
  await expect(page.getByTestId('compare-verdict')).toBeVisible();
  // B was asked of any source, found in the demos: the URL now names it, so both agree.
  await expect(page).toHaveURL(/\?source=demo/);
});

test('"Compare with…" opens a file as B; Escape closes the panel', async ({ page }) => {
  await page.goto(`/trace/${HOTROD_1}?source=demo`);
  const toggle = page.getByRole('button', { name: 'Compare with…' });
  await toggle.click();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Trace id or traceparent')).toBeHidden();
  await expect(toggle).toBeFocused();
  await toggle.press('Enter');
  await page
    .getByLabel('Open a trace file to compare with')
    .setInputFiles(join(FIXTURES_DIR, 'zipkin/zipkin-lens-skew.json'));
  await expect(page).toHaveURL(new RegExp(`/compare/${HOTROD_1}\\.\\.\\.[0-9a-f]{32}\\?sourceA=demo&sourceB=file`));
  await expect(page.getByTestId('compare-verdict')).toBeVisible();
  // Nothing of the file is shared with HotROD: every row is only in A or only in B.
  const changes = await page
    .getByTestId('compare-row')
    .evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-change')))].sort());
  expect(changes).toEqual(['added', 'removed']);
});

test.describe('HotROD @backends', () => {
  test.skip(!backendsUp(), 'needs the real backends (PATHLIGHT_BACKENDS=1)');
  test.describe.configure({ timeout: 120_000 });

  test('a dispatch among 8 concurrent ones: the compare names `SQL SELECT` in mysql', async ({ page }) => {
    const alone = await dispatch(123);
    await waitForTrace(`${BACKENDS.jaeger}/api/traces/${alone}`);
    // Eight at once: HotROD's MySQL serves one query at a time, so later ones wait. B is the
    // one answered last, which waited longest.
    const finished: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const id = await dispatch(123);
        finished.push(id);
      }),
    );
    const crowded = finished.at(-1) ?? '';
    await waitForTrace(`${BACKENDS.jaeger}/api/traces/${crowded}`);

    await page.goto(`/compare/${alone}...${crowded}?source=jaeger`);
    const verdict = page.getByTestId('compare-verdict');
    await expect(verdict).toContainText(/^B is .* slower/);
    await expect(verdict).toContainText('SQL SELECT');
    await expect(verdict).toContainText('in mysql');
    const sql = await hooks(rowOf(page, 'mysql', 'SQL SELECT'));
    expect(sql.countA).toBe(1);
    expect(sql.countB).toBe(1);
    expect(sql.criticalB).toBeGreaterThan(sql.criticalA);
  });
});
