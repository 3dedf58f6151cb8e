/**
 * The service dependency graph (/dependencies) against the real backends, and the trace
 * page's graph view. Screenshots at 1440x900, light and dark, go to
 * test-results/screenshots/deps-* for people to look at.
 */
import { expect, test, type Page } from './support/test';
import { BACKENDS, backendsUp, hotrodTrace } from './support/backends';
import { shootBothSchemes } from './support/screenshots';

const HOTROD_EDGES = [
  ['frontend', 'customer'],
  ['customer', 'mysql'],
  ['frontend', 'driver'],
  ['driver', 'redis-manual'],
  ['frontend', 'route'],
] as const;

const edge = (page: Page, from: string, to: string) =>
  page.locator(`[data-testid="graph-edge"][data-from="${from}"][data-to="${to}"]`);
const node = (page: Page, service: string) => page.locator(`[data-testid="graph-node"][data-node-id="${service}"]`);

async function expectHotrodEdges(page: Page) {
  for (const [from, to] of HOTROD_EDGES) {
    await expect(edge(page, from, to)).toHaveCount(1);
    const calls = Number(await edge(page, from, to).getAttribute('data-calls'));
    expect(calls, `${from} → ${to} calls`).toBeGreaterThan(0);
  }
}

async function shoot(page: Page, name: string) {
  await shootBothSchemes(page, name);
}

test.describe('dependencies without a backend', () => {
  test('the demo source builds its graph from the demo traces', async ({ page }) => {
    await page.goto('/dependencies?source=demo');
    await expect(page.getByTestId('dependencies-summary')).toContainText(/built from \d+ traces/);
    await expect(node(page, 'frontend')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Built from traces' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByRole('radio', { name: 'Backend dependencies' })).toBeDisabled();
  });

  test('an unknown source is reported in words', async ({ page }) => {
    await page.goto('/dependencies?source=nope');
    await expect(page.getByRole('alert')).toContainText('There is no source “nope”');
  });
});

test.describe('dependencies @backends', () => {
  test.skip(!backendsUp(), 'needs the real backends (PATHLIGHT_BACKENDS=1)');
  test.describe.configure({ timeout: 120_000 });

  let hotrod: { traceId: string; spans: number };
  test.beforeAll(async () => {
    test.setTimeout(60_000);
    hotrod = await hotrodTrace(123);
  });

  test('Jaeger /api/dependencies: the HotROD services and their edges with call counts @backends', async ({ page }) => {
    await page.goto('/dependencies?source=jaeger&lookback=24h');
    await expect(page.getByTestId('dependencies-summary')).toContainText('dependency endpoint');
    await expectHotrodEdges(page);
    for (const s of ['frontend', 'customer', 'mysql', 'driver', 'redis-manual', 'route'])
      await expect(node(page, s)).toHaveCount(1);
    // Call counts are written on the edges and in the table.
    const calls = await edge(page, 'customer', 'mysql').getAttribute('data-calls');
    await page.getByText(/edges as a table/).click();
    await expect(
      page.getByTestId('dependency-edges').getByRole('row').filter({ hasText: 'mysql' }).first(),
    ).toContainText(String(calls));
    await page.getByText(/edges as a table/).click();

    // Hover shows the numbers.
    await node(page, 'customer').hover();
    await expect(page.getByRole('tooltip')).toContainText(/calls? received/);
    // Jaeger's link from frontend to itself is not an edge, but its calls are on the node.
    await expect(edge(page, 'frontend', 'frontend')).toHaveCount(0);
    await node(page, 'frontend').hover();
    await expect(page.getByRole('tooltip')).toContainText(/and \d+ calls? to itself/);
    await node(page, 'customer').hover();
    await shoot(page, 'deps-jaeger');

    // Focus a node: neighbours stay lit, the panel links to a trace search; all in the URL.
    await node(page, 'customer').click();
    await expect(page).toHaveURL(/focus=customer/);
    const panel = page.getByRole('complementary', { name: 'Focused service customer' });
    await expect(panel.getByRole('link', { name: 'Search traces of this service' })).toHaveAttribute(
      'href',
      '/search?source=jaeger&service=customer',
    );
    await expect(node(page, 'route')).toHaveAttribute('opacity', '0.2');
    await expect(node(page, 'mysql')).toHaveAttribute('opacity', '1');
    await panel.getByText('2 hops').click();
    await expect(page).toHaveURL(/hops=2/);
    await expect(node(page, 'route')).toHaveAttribute('opacity', '1');
    await shoot(page, 'deps-jaeger-focus');

    // The permalink reopens the same view, and the force layout is one click away.
    await page.goto(page.url());
    await expect(page.getByRole('complementary', { name: 'Focused service customer' })).toBeVisible();
    await page.getByRole('radio', { name: 'Force' }).click();
    await expect(page).toHaveURL(/layout=force/);
    await expectHotrodEdges(page);
    // The force layout runs to rest before it is drawn (graph-layout.ts): once its nodes show, the picture is final.
    await expect(node(page, 'customer')).toBeVisible();
    await shoot(page, 'deps-jaeger-force');
  });

  test('Jaeger built from traces adds errors and p50/p95 per edge @backends', async ({ page }) => {
    await page.goto('/dependencies?source=jaeger&mode=traces&lookback=15m&limit=30');
    await expect(page.getByTestId('dependencies-summary')).toContainText(/built from \d+ traces/, { timeout: 60_000 });
    await expectHotrodEdges(page);
    // Weighted by critical-path time: the thick parts are where HotROD's requests wait.
    await expect(page.getByRole('radio', { name: 'Critical-path time' })).toHaveAttribute('aria-checked', 'true');
    const crit = async (from: string, to: string) =>
      Number(await edge(page, from, to).getAttribute('data-critical-us'));
    const intoMysql = await crit('customer', 'mysql');
    expect(intoMysql).toBeGreaterThan(0);
    expect(await crit('frontend', 'customer')).toBeGreaterThanOrEqual(intoMysql);
    // mysql calls nothing, so all the critical time under its calls is its own.
    expect(
      Math.abs(Number(await node(page, 'mysql').getAttribute('data-critical-us')) - intoMysql),
    ).toBeLessThanOrEqual(1);
    await shoot(page, 'deps-jaeger-critical');
    await edge(page, 'customer', 'mysql').hover({ force: true });
    await page.getByText(/edges as a table/).click();
    const row = page
      .getByTestId('dependency-edges')
      .getByRole('row')
      .filter({ hasText: /^customer\s*mysql/ });
    await expect(row).toContainText(/ms/);
  });

  test('Zipkin /api/v2/dependencies with posted traces, errors included @backends', async ({ page, request }) => {
    const run = Math.random().toString(16).slice(2, 8);
    const [web, cart, db] = [`shop-web-${run}`, `shop-cart-${run}`, `shop-db-${run}`];
    const nowUs = Date.now() * 1000 - 30_000_000;
    const spans = [];
    for (let i = 0; i < 3; i++) {
      const traceId = `${run}${'0'.repeat(10)}${i}`.padEnd(16, '1');
      const t = nowUs + i * 1_000_000;
      spans.push(
        {
          traceId,
          id: `a${i}00000000000001`,
          kind: 'SERVER',
          name: 'get /checkout',
          timestamp: t,
          duration: 90_000,
          localEndpoint: { serviceName: web },
        },
        {
          traceId,
          parentId: `a${i}00000000000001`,
          id: `a${i}00000000000002`,
          kind: 'CLIENT',
          name: 'get /cart',
          timestamp: t + 1_000,
          duration: 60_000,
          localEndpoint: { serviceName: web },
          remoteEndpoint: { serviceName: cart },
          ...(i === 0 ? { tags: { error: 'timeout' } } : {}),
        },
        {
          traceId,
          parentId: `a${i}00000000000002`,
          id: `a${i}00000000000003`,
          kind: 'SERVER',
          name: 'get /cart',
          timestamp: t + 2_000,
          duration: 55_000,
          localEndpoint: { serviceName: cart },
          ...(i === 0 ? { tags: { error: 'timeout' } } : {}),
        },
        {
          traceId,
          parentId: `a${i}00000000000003`,
          id: `a${i}00000000000004`,
          kind: 'CLIENT',
          name: 'select',
          timestamp: t + 3_000,
          duration: 40_000,
          localEndpoint: { serviceName: cart },
          remoteEndpoint: { serviceName: db },
        },
      );
    }
    const res = await request.post(`${BACKENDS.zipkin}/api/v2/spans`, { data: spans });
    expect(res.status()).toBe(202);

    await page.goto('/dependencies?source=zipkin&lookback=15m');
    await expect(page.getByTestId('dependencies-summary')).toContainText('dependency endpoint');
    await expect(edge(page, web, cart)).toHaveAttribute('data-calls', '3');
    await expect(edge(page, web, cart)).toHaveAttribute('data-errors', '1');
    await expect(edge(page, cart, db)).toHaveAttribute('data-calls', '3');
    await node(page, cart).click();
    await expect(page.getByRole('complementary', { name: `Focused service ${cart}` })).toContainText('Called by');
    await shoot(page, 'deps-zipkin');
  });

  test('Tempo has no dependency endpoint: built from traces, with progress and cancel @backends', async ({ page }) => {
    // A big sample can be cancelled, and says so in words. The real Tempo-compatible server
    // answers each trace in milliseconds, so its trace fetches are held back a little here to
    // give the test time to see the progress and press Cancel (they still reach the server).
    const traceFetches = /\/proxy\/tempo\/api\/(v2\/)?traces\//;
    await page.route(traceFetches, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue().catch(() => undefined); // the page may have moved on
    });
    await page.goto('/dependencies?source=tempo&lookback=24h&limit=2000');
    await expect(page.getByRole('radio', { name: 'Backend dependencies' })).toBeDisabled();
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await expect(cancel).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Building the graph from traces of Tempo' })).toBeVisible();
    await cancel.click();
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible();
    await page.unroute(traceFetches);

    await page.goto('/dependencies?source=tempo&lookback=15m&limit=25');
    await expect(page.getByTestId('dependencies-summary')).toContainText(/built from \d+ traces/, { timeout: 90_000 });
    await expectHotrodEdges(page);
    await page.getByText(/edges as a table/).click();
    await expect(page.getByTestId('dependency-edges').getByRole('columnheader', { name: 'p95' })).toBeVisible();
    await page.getByText(/edges as a table/).click();
    await shoot(page, 'deps-tempo-traces');
  });

  test('the graph view of a HotROD trace highlights the critical path through mysql @backends', async ({ page }) => {
    await page.goto(`/trace/${hotrod.traceId}?source=jaeger&view=graph`);
    await expect(edge(page, 'customer', 'mysql')).toHaveAttribute('data-critical', 'true');
    await expect(edge(page, 'frontend', 'customer')).toHaveAttribute('data-critical', 'true');
    await expect(node(page, 'mysql')).toHaveAttribute('data-critical-path', 'true');
    // mysql's query is a large part of every HotROD dispatch, and the edge above it carries at
    // least its critical time. (Whether /route's calls outweigh it varies from trace to trace.)
    const share = async (from: string, to: string) =>
      Number(await edge(page, from, to).getAttribute('data-critical-share'));
    expect(await share('customer', 'mysql')).toBeGreaterThan(0.2);
    expect(await share('frontend', 'customer')).toBeGreaterThanOrEqual(await share('customer', 'mysql'));
    await expect(node(page, 'mysql')).toContainText(/self .* of path/);
    await shoot(page, 'trace-graph-services');

    await page.getByRole('radio', { name: 'Operations' }).click();
    await expect(page).toHaveURL(/graphBy=operation/);
    const sql = page.locator('[data-testid="graph-node"][data-service="mysql"]');
    await expect(sql).toHaveAttribute('data-critical-path', 'true');
    await shoot(page, 'trace-graph-operations');
    // Clicking a node selects its most critical span.
    await sql.click();
    await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
  });
});
