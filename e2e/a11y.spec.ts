/**
 * axe-core (WCAG 2.1 A and AA) on every page and view, in light and dark: the start page,
 * the trace page's timeline (with and without a selected span, on the 100,000-span demo too)
 * and graph view, its flame graph, statistics, span table and JSON views, the compare page, the dependency graph in both layouts, and search with results (real
 * backends). Any violation fails the test, and its message names the rule and the elements.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './support/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSources } from '../src/api/demo-source';
import { demoTraceId } from '../src/demo/generate';
import { BACKENDS, backendsUp } from './support/backends';
import { FIXTURES_DIR } from './support/fixtures';
import { retimestampZipkin, withFreshTraceId } from './support/retimestamp';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const demo = (hint: number) => demoSources().find((d) => d.spanCountHint === hint);
const hotrod = demoSources().find((d) => d.id === 'hotrod');
const HOTROD_URL = `/trace/${hotrod?.traceId ?? 'missing'}?source=demo`;

/** Runs axe on the page as it is and fails with a readable list of what is wrong. */
async function expectNoViolations(page: Page, what: string) {
  await page.mouse.move(0, 0); // no hover tooltip in the check
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const readable = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n${v.nodes
        .slice(0, 6)
        .map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`)
        .join('\n')}`,
  );
  expect(readable, `axe on ${what}`).toEqual([]);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    test.describe.configure({ timeout: 120_000 }); // axe takes seconds per page on a busy machine

    test(`start page (${scheme})`, async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeVisible();
      await expectNoViolations(page, 'the start page');
    });

    test(`trace timeline, and with a span selected (${scheme})`, async ({ page }) => {
      await page.goto(HOTROD_URL);
      await expect(page.getByTestId('trace-verdict')).toContainText('SQL SELECT');
      await expect(page.getByTestId('span-row').first()).toBeVisible();
      await expectNoViolations(page, 'the trace timeline');

      // A selected span with its detail open, focused in the waterfall.
      const row = page.getByTestId('span-row').filter({ hasText: 'SQL SELECT' }).first();
      await row.click();
      await expect(row).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('region', { name: 'Selected span' })).toBeVisible();
      await expectNoViolations(page, 'the trace timeline with a span selected');
    });

    test(`trace flame graph, statistics, span table and JSON, each with a span selected (${scheme})`, async ({
      page,
    }) => {
      await page.goto(`${HOTROD_URL}&view=flame`);
      await page.getByTestId('flame-canvas').focus();
      await page.keyboard.press('ArrowDown');
      await expect(page).toHaveURL(/[?&]span=/);
      await expectNoViolations(page, 'the flame graph');
      await page.getByRole('radio', { name: 'Stats' }).click();
      await expect(page.getByTestId('stats-row').first()).toBeVisible();
      await expectNoViolations(page, 'the statistics view');
      await page.getByRole('radio', { name: 'Table' }).click();
      await page.getByLabel('Find in trace').fill('redis');
      await expect(page).toHaveURL(/[?&]find=redis/);
      await expect(page.locator('[role="row"][aria-selected="true"]')).toHaveCount(0);
      await page.locator('[role="row"][data-span-id]').first().click();
      await expect(page.locator('[role="row"][aria-selected="true"]')).toHaveCount(1);
      await expectNoViolations(page, 'the span table');
      await page.getByRole('radio', { name: 'JSON' }).click();
      await expect(page.getByTestId('json-line').first()).toBeVisible();
      await expectNoViolations(page, 'the JSON view');
    });

    test(`trace timeline with find, zoom and the shortcuts dialog (${scheme})`, async ({ page }) => {
      await page.goto(HOTROD_URL);
      await page.getByTestId('span-row').filter({ hasText: 'SQL SELECT' }).first().click();
      await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toBeVisible();
      // Find, a filter and a zoom: match highlights, the zoom window on the minimap.
      await page.getByLabel('Find in trace').fill('redis');
      await expect(page.getByRole('status', { name: 'Find results' })).toContainText('of');
      await page.getByRole('slider', { name: /minimap/i }).focus();
      await page.keyboard.press('+');
      await expect(page.getByTestId('minimap-window')).toBeVisible();
      await expectNoViolations(page, 'the trace timeline with find and zoom');

      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectNoViolations(page, 'the shortcuts dialog');
    });

    test(`trace graph, services and operations (${scheme})`, async ({ page }) => {
      await page.goto(`${HOTROD_URL}&view=graph`);
      const mysql = page.getByTestId('graph-node').filter({ hasText: 'mysql' });
      await mysql.click();
      await expect(mysql).toHaveAttribute('aria-pressed', 'true');
      await expectNoViolations(page, 'the trace graph (services, one selected)');
      await page.getByRole('radio', { name: 'Operations' }).click();
      await expect(page.getByTestId('graph-node').filter({ hasText: 'SQL SELECT' })).toBeVisible();
      await expectNoViolations(page, 'the trace graph (operations)');
    });

    test(`the 100,000-span demo with a span selected (${scheme})`, async ({ page }) => {
      await page.goto(`/trace/${demo(100_000)?.traceId ?? ''}?source=demo`);
      await expect(page.getByTestId('trace-span-count')).toHaveText('100000', { timeout: 60_000 });
      const slowest = page.getByTestId('slowest-spans').getByRole('button').last();
      await slowest.click();
      const selected = page.locator('[data-testid="span-row"][aria-selected="true"]');
      await expect(selected).toBeVisible();
      // Only the rows in view are in the DOM; their positions in the whole list are spoken.
      await expect(page.getByRole('treegrid', { name: 'Waterfall' })).toHaveAttribute('aria-rowcount', '100000');
      expect(Number(await selected.getAttribute('aria-rowindex'))).toBe(
        Number(await selected.getAttribute('data-row-index')) + 1,
      );
      expect(Number(await selected.getAttribute('aria-rowindex'))).toBeGreaterThan(100);
      await expectNoViolations(page, 'the 100,000-span trace');
    });

    test(`compare two traces, a node selected, and "Compare with…" (${scheme})`, async ({ page }) => {
      const b = demoTraceId('hotrod', { seed: 2 });
      await page.goto(`/compare/${hotrod?.traceId ?? 'missing'}...${b}?source=demo`);
      await expect(page.getByTestId('compare-verdict')).toContainText('slower');
      const mysql = page.locator('[data-testid="compare-row"][data-service="mysql"]').getByRole('button');
      await mysql.click();
      await expect(page.getByTestId('compare-node-detail')).toContainText('SQL SELECT');
      await expectNoViolations(page, 'the compare page with a node selected');

      await page.goto(HOTROD_URL);
      await page.getByRole('button', { name: 'Compare with…' }).click();
      await expect(page.getByLabel('Trace id or traceparent')).toBeFocused();
      await expectNoViolations(page, 'the trace page with "Compare with…" open');
    });

    test(`trace file with warnings (${scheme})`, async ({ page }) => {
      await page.goto('/');
      await page.getByLabel('Open trace file').setInputFiles(join(FIXTURES_DIR, 'zipkin/zipkin-lens-skew.json'));
      await expect(page.getByTestId('trace-span-count')).toHaveText('4');
      await page.getByRole('button', { name: /\(show\)/ }).click();
      await page.getByTestId('span-row').nth(1).click();
      await expectNoViolations(page, 'a trace file with warnings shown');
    });

    test(`dependencies from the demo traces, layered and force (${scheme})`, async ({ page }) => {
      await page.goto('/dependencies?source=demo');
      await expect(page.getByTestId('dependencies-summary')).toContainText(/built from \d+ traces/);
      await expect(page.locator('[data-testid="graph-node"][data-node-id="frontend"]')).toBeVisible();
      await expectNoViolations(page, 'dependencies (layered)');
      // A namespace open: its box, its header button and the map controls.
      await page.locator('[data-testid="graph-node"][data-group="catalog"]').click();
      await expect(page.locator('[data-testid="graph-group"][data-group="catalog"]')).toHaveCount(1);
      await expectNoViolations(page, 'dependencies (a namespace open)');
      await page.getByRole('radio', { name: 'Force' }).click();
      await expect(page).toHaveURL(/layout=force/);
      await expect(page.locator('[data-testid="graph-node"][data-node-id="frontend"]')).toBeVisible();
      await page.locator('[data-testid="graph-node"][data-node-id="frontend"]').click();
      await expect(page).toHaveURL(/focus=frontend/);
      await expectNoViolations(page, 'dependencies (force, a focused service)');
    });

    test(`search form (${scheme})`, async ({ page }) => {
      await page.goto('/search');
      await expect(page.getByRole('form', { name: 'Search traces' })).toBeVisible();
      await expectNoViolations(page, 'the search form');
    });

    test(`search with results from Zipkin @backends (${scheme})`, async ({ page }) => {
      test.skip(!backendsUp(), 'needs the real backends (PATHLIGHT_BACKENDS=1)');
      const raw = JSON.parse(readFileSync(join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json'), 'utf8')) as unknown;
      const { traceId, spans } = withFreshTraceId(retimestampZipkin(raw));
      const post = await fetch(`${BACKENDS.zipkin}/api/v2/spans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(spans),
      });
      expect(post.ok).toBe(true);
      await page.goto('/search?source=zipkin&lookback=1h&limit=20');
      await expect(page.locator(`[data-testid="search-result"][data-trace-id$="${traceId.slice(-16)}"]`)).toBeVisible({
        timeout: 20_000,
      });
      await expectNoViolations(page, 'search with results');
    });
  });
}
