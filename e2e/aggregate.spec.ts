/**
 * Issue 14 items 1–2 against the real backends: the search page's aggregate critical path
 * (checked against sums this spec computes from Jaeger's raw v3 JSON, support/critical-sums.ts)
 * and the trace page's baseline on Jaeger, Tempo and Zipkin; the demo source without backends.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from './support/test';
import { BACKENDS, hotrodTrace } from './support/backends';
import { criticalSums } from './support/critical-sums';
import { FIXTURES_DIR } from './support/fixtures';
import { retimestampZipkin, withFreshTraceId } from './support/retimestamp';
import { SCREENSHOTS_DIR } from './support/screenshots';

const aggregateRows = (page: Page) => page.getByTestId('aggregate-row');

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SCREENSHOTS_DIR}/aggregate-${name}.png`, fullPage: true });
}

/** Baseline title "Compared with K similar traces" → K. */
async function baselineCount(page: Page): Promise<number> {
  const title = page.getByTestId('baseline-title');
  await expect(title).toHaveText(/^Compared with \d+ similar traces?$/, { timeout: 45_000 });
  return Number((await title.textContent())?.match(/\d+/)?.[0]);
}

/** Every outlier in the list has the badge on its waterfall row, and the verdict names the first. */
async function outliersAgree(page: Page) {
  const items = page.getByTestId('baseline-outliers').locator('li');
  const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id') ?? ''));
  const badged = await page
    .locator('[data-testid="span-row"][data-baseline-outlier="true"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id') ?? ''));
  for (const id of badged) expect(ids).toContain(id);
  if (ids.length > 0) {
    await expect(page.getByTestId('trace-verdict')).toContainText(/\. \S.* took .+, typically .+ \(p95 .+\)/);
    await expect(page.getByTestId('baseline-badge').first()).toBeVisible();
  } else {
    await expect(page.getByTestId('baseline-outliers-none')).toBeVisible();
    await expect(page.getByTestId('trace-verdict')).not.toContainText('typically');
  }
}

test.describe('aggregate and baseline @backends', () => {
  test('Jaeger: the aggregate of the search results equals the critical-path sums of the raw traces', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    for (const customer of [123, 392, 731, 567]) await hotrodTrace(customer);
    await page.goto('/search?source=jaeger&service=frontend&operation=%2Fdispatch&lookback=15m&limit=12');
    const results = page.getByTestId('search-result');
    await expect(results.first()).toBeVisible();
    // 12 rows fit the list, so every result is in the DOM (it is virtualized).
    const ids = await results.evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id') ?? ''));
    expect(ids.length).toBeGreaterThanOrEqual(4);
    await expect(page.getByTestId('search-count')).toContainText(`${ids.length} traces`);

    await page.getByRole('button', { name: `Where the time went in these ${ids.length} traces` }).click();
    await expect(aggregateRows(page).first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('aggregate-summary')).toContainText(`over ${ids.length} traces`);
    const rows = await aggregateRows(page).evaluateAll((els) =>
      els.map((e) => ({
        service: e.getAttribute('data-service') ?? '',
        operation: e.getAttribute('data-operation') ?? '',
        us: Number(e.getAttribute('data-critical-us')),
      })),
    );

    // The same sums, from Jaeger's own JSON and this spec's own critical-path walk.
    const byService = new Map<string, number>();
    const byOperation = new Map<string, number>();
    let totalUs = 0;
    for (const id of ids) {
      const sums = criticalSums(await (await fetch(`${BACKENDS.jaeger}/api/v3/traces/${id}`)).json());
      totalUs += sums.durationUs;
      for (const [k, us] of sums.byService) byService.set(k, (byService.get(k) ?? 0) + us);
      for (const [k, us] of sums.byOperation) byOperation.set(k, (byOperation.get(k) ?? 0) + us);
    }
    const serviceRows = rows.filter((r) => r.operation === '');
    const opRows = rows.filter((r) => r.operation !== '');
    // Same rows; sums equal up to the rounding to whole µs (fractions of ns-precise times).
    const near = (rowsOf: typeof rows, key: (r: (typeof rows)[number]) => string, expected: Map<string, number>) => {
      expect(rowsOf.map(key).sort()).toEqual([...expected.keys()].sort());
      for (const r of rowsOf) expect(Math.abs(r.us - (expected.get(key(r)) ?? NaN)), key(r)).toBeLessThanOrEqual(1);
    };
    near(serviceRows, (r) => r.service, byService);
    near(opRows, (r) => `${r.service}\u0000${r.operation}`, byOperation);
    expect(serviceRows.map((r) => r.service)).toContain('mysql');
    expect(serviceRows.find((r) => r.service === 'mysql')?.us).toBeGreaterThan(0);
    // All of every trace's time is on its critical path: the service rows add up to the total.
    expect(Math.abs(serviceRows.reduce((a, r) => a + r.us, 0) - totalUs)).toBeLessThanOrEqual(serviceRows.length);
    // Biggest first.
    const us = serviceRows.map((r) => r.us);
    expect(us).toEqual([...us].sort((a, b) => b - a));

    await shoot(page, 'search-jaeger');
    // A row links to the traces it dominates; the link opens the trace page.
    const top = aggregateRows(page).first();
    await top.locator('summary').click();
    const link = top.getByTestId('aggregate-trace-link').first();
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}\?source=jaeger$/);
    await expect(page.getByTestId('trace-span-count')).toBeVisible();
  });

  test('Jaeger: the trace page compares with similar traces; N is in the URL', async ({ page }) => {
    test.setTimeout(120_000);
    for (const customer of [123, 392, 731]) await hotrodTrace(customer);
    const { traceId } = await hotrodTrace(567);
    await page.goto(`/trace/${traceId}?source=jaeger`);
    await page.getByRole('button', { name: 'Compare with 50 similar traces' }).click();
    await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?source=jaeger&baseline=50$`));
    const k = await baselineCount(page);
    expect(k).toBeGreaterThanOrEqual(3);
    expect(k).toBeLessThanOrEqual(50);

    // This trace's own numbers, against Jaeger's JSON.
    const raw: unknown = await (await fetch(`${BACKENDS.jaeger}/api/v3/traces/${traceId}`)).json();
    const sums = criticalSums(raw);
    await page.getByText(/Every operation against the baseline/).click();
    const sql = page.locator('[data-testid="baseline-row"][data-service="mysql"][data-operation="SQL SELECT"]');
    await expect(sql).toBeVisible();
    const expected = sums.byOperation.get('mysql\u0000SQL SELECT') ?? NaN;
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(Number(await sql.getAttribute('data-critical-us')) - expected)).toBeLessThanOrEqual(1);
    await outliersAgree(page);
    await shoot(page, 'baseline-jaeger');

    // A smaller N, from the URL.
    await page.getByLabel('Up to').selectOption('20');
    await expect(page).toHaveURL(/baseline=20$/);
    expect(await baselineCount(page)).toBeLessThanOrEqual(20);
  });

  test('Tempo and Zipkin: a baseline, or a plain reason', async ({ page }) => {
    test.setTimeout(120_000);
    for (const customer of [123, 392, 731]) await hotrodTrace(customer);
    const { traceId } = await hotrodTrace(567);
    const nowS = Math.floor(Date.now() / 1000);
    await page.goto(`/trace/${traceId}?source=tempo&start=${nowS - 120}&end=${nowS + 5}&baseline=10`);
    expect(await baselineCount(page)).toBeGreaterThanOrEqual(3);
    await outliersAgree(page);

    // Zipkin: three posts of the same trace shape, fresh ids, a few seconds apart.
    const raw: unknown = JSON.parse(readFileSync(join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json'), 'utf8'));
    const posted: string[] = [];
    for (const ago of [40_000, 30_000, 20_000]) {
      const { traceId: id, spans } = withFreshTraceId(retimestampZipkin(raw, ago));
      const post = await fetch(`${BACKENDS.zipkin}/api/v2/spans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(spans),
      });
      expect(post.ok).toBe(true);
      posted.push(id);
    }
    for (const id of posted)
      await expect.poll(async () => (await fetch(`${BACKENDS.zipkin}/api/v2/trace/${id}`)).status).toBe(200);
    await page.goto(`/trace/${posted[2]}?source=zipkin&baseline=10`);
    expect(await baselineCount(page)).toBeGreaterThanOrEqual(2);
    await outliersAgree(page);
    await shoot(page, 'baseline-zipkin');
  });
});

test('demo source: a generated HotROD trace against the eleven other generated ones; a file has none', async ({
  page,
}) => {
  await page.goto('/trace/827bb5d900000001000000000aab1702?source=demo&baseline');
  expect(await baselineCount(page)).toBe(11);
  await outliersAgree(page);
  await shoot(page, 'baseline-demo');
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(page).not.toHaveURL(/baseline/);
  await expect(page.getByRole('button', { name: 'Compare with 50 similar traces' })).toBeVisible();
  await expect(page.locator('[data-baseline-outlier]')).toHaveCount(0);

  // A trace from a file has no source to search: the panel says so.
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(join(FIXTURES_DIR, 'zipkin/zipkin-lens-skew.json'));
  await expect(page.getByTestId('trace-span-count')).toBeVisible();
  await page.getByRole('button', { name: 'Compare with 50 similar traces' }).click();
  await expect(page.getByTestId('baseline-none')).toHaveText(
    'No baseline: This trace was opened from a file, so there is no source to look for similar traces in.',
  );
});

test('demo source: the search page aggregates the generated traces', async ({ page }) => {
  await page.goto('/search?source=demo&service=frontend');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  await page.getByRole('button', { name: /^Where the time went in these 12 traces$/ }).click();
  const mysql = page.locator('[data-testid="aggregate-row"][data-service="mysql"][data-operation=""]');
  await expect(mysql).toBeVisible();
  const us = Number(await mysql.getAttribute('data-critical-us'));
  expect(us).toBeGreaterThan(0);
  await expect(page).toHaveURL(/[?&]aggregate=1(&|$)/);
  // Re-sorting the results keeps the sums (same traces) and the panel; Hide and show again loads nothing.
  await page.getByLabel('Sort').selectOption('longest');
  await expect(mysql).toHaveAttribute('data-critical-us', String(us));
  await expect(page).toHaveURL(/sort=longest.*aggregate=1|aggregate=1.*sort=longest/);
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(mysql).toHaveCount(0);
  await expect(page).not.toHaveURL(/aggregate=/);
  await page.getByRole('button', { name: /^Where the time went in these 12 traces$/ }).click();
  await expect(mysql).toHaveAttribute('data-critical-us', String(us));
  await shoot(page, 'search-demo');
  // The open panel is in the URL: the permalink reopens it with the same sums, no click needed.
  const permalink = page.url();
  const fresh = await page.context().newPage();
  await fresh.goto(permalink);
  await expect(fresh.locator('[data-testid="aggregate-row"][data-service="mysql"][data-operation=""]')).toHaveAttribute(
    'data-critical-us',
    String(us),
  );
  await fresh.close();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe on the baseline and the aggregate, keyboard only (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const axe = async (what: string) => {
      await page.mouse.move(0, 0);
      const { violations } = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        what,
      ).toEqual([]);
    };
    await page.goto('/trace/827bb5d900000001000000000aab1702?source=demo');
    // Keyboard alone: the button, then the operation table's disclosure.
    const compare = page.getByRole('button', { name: 'Compare with 50 similar traces' });
    await compare.focus();
    await page.keyboard.press('Enter');
    expect(await baselineCount(page)).toBe(11);
    const disclosure = page.getByText(/Every operation against the baseline/);
    await disclosure.focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('baseline-row').first()).toBeVisible();
    await axe('the trace page with a baseline');
    await shoot(page, `baseline-demo-${scheme}`);

    await page.goto('/search?source=demo&service=frontend');
    const start = page.getByRole('button', { name: /^Where the time went in these 12 traces$/ });
    await start.focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('aggregate-row').first()).toBeVisible();
    await page.getByTestId('aggregate-row').first().locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('aggregate-trace-link').first()).toBeVisible();
    await axe('the search page with the aggregate');
    await shoot(page, `search-demo-${scheme}`);
  });
}
