/**
 * Visual checks of the main screens at 1440x900, light and dark: each shot is compared with
 * the committed baseline next to this spec (screenshots.spec.ts-snapshots/), so a change to
 * how a screen looks fails here until the baselines are regenerated on purpose:
 *   npx playwright test e2e/screenshots.spec.ts --update-snapshots
 * Everything shown comes from the built-in demo source (no backend). Demo traces are generated
 * at a fixed time (2026-01-15T09:30:00Z); the page's clock is fixed half an hour later and the
 * time zone to UTC, so "… ago" and absolute times are the same on every run. Each shot waits
 * for the app-ready marker: at least one `data-app-ready="true"` and no `data-app-ready="false"`.
 */
import { demoSources } from '../src/api/demo-source';
import { expect, test, type Page } from './support/test';

const hotrod = demoSources().find((d) => d.id === 'hotrod');
const HOTROD = `/trace/${hotrod?.traceId ?? 'missing'}?source=demo`;
const NOW = new Date('2026-01-15T10:00:00Z');

// At most 0.1% of the pixels (about 1,300 of 1440x900) may differ, for antialiasing: 1% let a
// recoloured Search button (about 10,000 pixels) pass unnoticed.
const SHOT = { maxDiffPixelRatio: 0.001, animations: 'disabled', caret: 'hide' } as const;

async function appReady(page: Page) {
  await expect(page.locator('[data-app-ready="true"]').first()).toBeAttached();
  await expect(page.locator('[data-app-ready="false"]')).toHaveCount(0);
  await page.mouse.move(0, 0); // no hover state or tooltip in the picture
}

/**
 * A graph's layer is its own compositor layer (will-change: transform), which Chromium rasterizes
 * at a scale that depends on timing, so its text came out differently from run to run. Without
 * will-change it is rasterized at the zoom it shows, the same way every time.
 */
async function rasterizeGraphAtItsZoom(page: Page) {
  await page.getByTestId('graph-viewport').evaluate((view) => {
    for (const layer of view.children) if (layer instanceof HTMLElement) layer.style.willChange = 'auto';
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1440, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
    test.beforeEach(async ({ page }) => {
      await page.clock.setFixedTime(NOW);
    });

    test(`start page (${scheme})`, async ({ page }) => {
      await page.goto('/');
      await appReady(page);
      await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeVisible();
      await expect(page).toHaveScreenshot(`home-${scheme}.png`, SHOT);
    });

    test(`demo trace timeline with a span selected, and its graph (${scheme})`, async ({ page }) => {
      await page.goto(HOTROD);
      await appReady(page);
      await page.getByTestId('slowest-spans').getByRole('button').first().click();
      await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toHaveCount(1);
      await expect(page).toHaveURL(/[?&]span=[0-9a-f]{16}/);
      await appReady(page);
      await expect(page).toHaveScreenshot(`trace-timeline-${scheme}.png`, SHOT);

      await page.goto(`${HOTROD}&view=graph`);
      await appReady(page);
      await expect(page.getByTestId('graph-viewport')).toBeVisible();
      await rasterizeGraphAtItsZoom(page);
      await expect(page).toHaveScreenshot(`trace-graph-${scheme}.png`, SHOT);
    });

    test(`demo trace flame graph, statistics, span table and JSON (${scheme})`, async ({ page }) => {
      const views = [
        ['flame', () => expect(page.getByTestId('flame-canvas')).toBeVisible()],
        ['stats', () => expect(page.getByTestId('stats-row').first()).toBeVisible()],
        ['table', () => expect(page.locator('[role="row"][data-span-id]').first()).toBeVisible()],
        ['json', () => expect(page.getByTestId('json-line').first()).toBeVisible()],
      ] as const;
      for (const [view, shown] of views) {
        await page.goto(`${HOTROD}&view=${view}`);
        await appReady(page);
        await shown();
        await expect(page).toHaveScreenshot(`trace-${view}-${scheme}.png`, SHOT);
      }
    });

    test(`search on the demo source (${scheme})`, async ({ page }) => {
      await page.goto('/search?source=demo');
      await appReady(page);
      await expect(page.getByTestId('search-count')).toContainText(/[1-9]\d* traces?/);
      await expect(page).toHaveScreenshot(`search-demo-${scheme}.png`, SHOT);
    });

    test(`dependencies of the demo source (${scheme})`, async ({ page }) => {
      await page.goto('/dependencies?source=demo');
      await appReady(page);
      await expect(page.getByTestId('dependencies-summary')).toContainText(/built from [1-9]\d* traces/);
      await rasterizeGraphAtItsZoom(page);
      await expect(page).toHaveScreenshot(`dependencies-demo-${scheme}.png`, SHOT);
    });
  });
}
