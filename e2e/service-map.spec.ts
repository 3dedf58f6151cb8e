/**
 * The service map (/dependencies): weighted by critical-path time, namespaces as collapsible
 * groups, an edge threshold in the URL, edge labels that never overlap. On the demo source
 * (40 services, ~460 edges) and on a synthetic 300-service mesh served in place of Jaeger's
 * search (no backend needed). Screenshots (light and dark) go to test-results/screenshots/map-*.
 */
import { expect, test, type Locator, type Page } from './support/test';
import { shootBothSchemes } from './support/screenshots';
import { meshSearchAnswer } from './support/service-mesh';

const nodes = (page: Page) => page.locator('[data-testid="graph-node"]');
const edges = (page: Page) => page.locator('[data-testid="graph-edge"]');
const groupNode = (page: Page, ns: string) => page.locator(`[data-testid="graph-node"][data-group="${ns}"]`);
const groupBox = (page: Page, ns: string) => page.locator(`[data-testid="graph-group"][data-group="${ns}"]`);

async function numbers(loc: Locator, attr: string): Promise<number[]> {
  return loc.evaluateAll((els, a) => els.map((e) => Number(e.getAttribute(a))), attr);
}

/** No two edge labels overlap on screen, and none covers a node. */
async function expectLabelsApart(page: Page) {
  const clash = await page.evaluate(() => {
    const r = (e: Element) => e.getBoundingClientRect();
    const labels = [...document.querySelectorAll('[data-edge-label]')].map(r);
    const boxes = [...document.querySelectorAll('[data-testid="graph-node"] rect:not([data-focus-ring])')].map(r);
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (let i = 0; i < labels.length; i++) {
      const a = labels[i];
      if (!a) continue;
      for (let j = i + 1; j < labels.length; j++) {
        const b = labels[j];
        if (b && hit(a, b)) return `labels ${i} and ${j} overlap`;
      }
      for (const b of boxes) if (hit(a, b)) return `label ${i} covers a node`;
    }
    return labels.length === 0 ? 'no labels drawn' : '';
  });
  expect(clash).toBe('');
}

test.describe('service map on the demo source', () => {
  // Each page load generates the demo sample (11,000 spans) again.
  test.describe.configure({ timeout: 120_000 });
  test('shows where the time goes: critical-path weight, namespaces collapsed, few edges', async ({ page }) => {
    await page.goto('/dependencies?source=demo');
    await expect(page.getByTestId('dependencies-summary')).toContainText(/40 services, \d+ edges/);
    await expect(page.getByRole('radio', { name: 'Critical-path time' })).toHaveAttribute('aria-checked', 'true');
    // The big demo's six namespaces are one node each; HotROD's and the checkout's own services stand alone.
    for (const ns of ['catalog', 'customers', 'edge', 'fulfilment', 'orders', 'platform'])
      await expect(groupNode(page, ns)).toHaveCount(1);
    await expect(nodes(page).filter({ hasText: 'mysql' })).toHaveCount(1);
    const drawn = await edges(page).count();
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThanOrEqual(2 * (await nodes(page).count()));
    // The weights are on the elements: every node has its critical time, the groups the most.
    const crit = await numbers(nodes(page), 'data-critical-us');
    expect(crit.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
    expect(crit.reduce((m, c) => Math.max(m, c), 0)).toBe(
      Number(await groupNode(page, 'orders').getAttribute('data-critical-us')),
    );
    await expectLabelsApart(page);
    await shootBothSchemes(page, 'map-demo');
  });

  test('a namespace opens from its node and closes from its box header, by mouse and keyboard', async ({ page }) => {
    await page.goto('/dependencies?source=demo');
    await groupNode(page, 'catalog').click();
    await expect(page).toHaveURL(/collapsed=customers&collapsed=edge&collapsed=fulfilment&collapsed=orders/);
    await expect(groupBox(page, 'catalog')).toHaveCount(1);
    await expect(page.locator('[data-testid="graph-node"][data-namespace="catalog"]:not([data-group])')).toHaveCount(7);
    await expectLabelsApart(page);
    await shootBothSchemes(page, 'map-demo-catalog');
    await groupBox(page, 'catalog').getByRole('button', { name: 'Collapse namespace catalog' }).focus();
    await page.keyboard.press('Enter');
    await expect(groupNode(page, 'catalog')).toHaveCount(1);
    await expect(groupBox(page, 'catalog')).toHaveCount(0);
    // The toolbar's toggles do the same, with Space.
    const toggle = page.locator('[data-testid="namespace-toggle"][data-namespace="orders"]');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(groupBox(page, 'orders')).toHaveCount(1);
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(page).toHaveURL(/collapsed=(&|$)/);
    await expect(page.locator('[data-testid="graph-group"]')).toHaveCount(6);
    await shootBothSchemes(page, 'map-demo-expanded');
  });

  test('the edge threshold slider is in the URL and only heavier edges are drawn', async ({ page }) => {
    await page.goto('/dependencies?source=demo&collapsed=');
    await expect(page.locator('[data-testid="graph-group"]')).toHaveCount(6);
    const slider = page.getByTestId('edge-threshold');
    const before = await edges(page).count();
    expect(before).toBeGreaterThan(20);
    await slider.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/[?&]min=\d+/);
    const min = Number(new URL(page.url()).searchParams.get('min'));
    await expect.poll(() => edges(page).count()).toBeLessThan(before);
    const weights = await numbers(edges(page), 'data-critical-us');
    expect(weights.length).toBeGreaterThan(0);
    expect(weights.every((w) => w >= min)).toBe(true);
    // The permalink draws the same edges.
    const count = await edges(page).count();
    await page.goto(page.url());
    await expect(edges(page)).toHaveCount(count, { timeout: 60_000 });
    // Weighing by calls starts from that weight's own default threshold.
    await page.getByRole('radio', { name: 'Calls' }).click();
    await expect(page).toHaveURL(/weight=calls/);
    await expect(page).not.toHaveURL(/[?&]min=/);
    await expect(page.getByTestId('edge-threshold-value')).toContainText(/≥ [\d,]+ calls?/);
  });
});

test.describe('service map of 300 services', () => {
  test.describe.configure({ timeout: 120_000 });
  test.beforeEach(async ({ page }) => {
    const answer = meshSearchAnswer(200, Date.now() - 60_000);
    await page.route(/\/proxy\/jaeger\/api\/v3\/services/, (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ services: ['svc-000'] }) }),
    );
    await page.route(/\/proxy\/jaeger\/api\/v3\/traces\?/, (route) =>
      route.fulfill({ contentType: 'application/json', body: answer }),
    );
  });

  test('opens as twelve namespaces, and expanded draws at most 150 edges and no overlapping labels', async ({
    page,
  }) => {
    await page.goto('/dependencies?source=jaeger&mode=traces&limit=300');
    // A few services of the last tiers may go unvisited by the 200 random walks.
    await expect(page.getByTestId('dependencies-summary')).toContainText(/(2[89]\d|300) services, 1,\d{3} edges/, {
      timeout: 60_000,
    });
    await expect(page.locator('[data-testid="graph-node"][data-group]')).toHaveCount(12);
    await expectLabelsApart(page);
    await shootBothSchemes(page, 'map-300-collapsed');

    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(page).toHaveURL(/collapsed=(&|$)/);
    // Laid out in the worker; namespaces with no edge above the threshold are left out with their services.
    await expect(page.locator('[data-testid="graph-group"]').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('Laying out the map…')).toHaveCount(0);
    expect(await page.locator('[data-testid="graph-group"]').count()).toBeGreaterThanOrEqual(6);
    const drawn = await edges(page).count();
    expect(drawn).toBeGreaterThan(50);
    expect(drawn).toBeLessThanOrEqual(150);
    await expect(page.getByTestId('map-threshold-note')).toContainText(/left out/);
    await shootBothSchemes(page, 'map-300-expanded');
    // Focus a service: it is selected and the URL says so.
    const first = page.locator('[data-testid="graph-node"]:not([data-group])').first();
    await first.click();
    await expect(page).toHaveURL(/focus=svc-/);
    await expect(first).toHaveAttribute('aria-pressed', 'true');
  });
});
