/**
 * Pathlight against real backends on 127.0.0.1 (scripts/backends.sh): Jaeger fed by HotROD,
 * the Tempo-compatible test server (Jaeger forwards every span to it), and Zipkin with
 * posted traces. The app is the production build behind `vite preview`, reaching the
 * sources only through its /proxy (e2e/support/config.e2e.json).
 */
import { expect, test, type Page } from './support/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceText } from '../src/api/parse-trace-file';
import { BACKENDS, HOTROD_SERVICES, hotrodTrace, waitForTrace } from './support/backends';
import { FIXTURES_DIR } from './support/fixtures';
import { retimestampZipkin, withFreshTraceId } from './support/retimestamp';

async function openById(page: Page, sourceName: string | undefined, pasted: string) {
  await page.goto('/');
  if (sourceName) await page.getByLabel('Source').selectOption({ label: sourceName });
  await page.getByLabel('Trace id').fill(pasted);
  await page.getByLabel('Trace id').press('Enter');
}

test.describe('real backends @backends', () => {
  test('a HotROD dispatch opens by its traceresponse id from Jaeger and from Tempo, and its permalink reopens', async ({
    page,
    browser,
  }) => {
    const { traceId, spans } = await hotrodTrace(123);
    for (const [name, id] of [
      ['Jaeger (jaeger)', 'jaeger'],
      ['Tempo (tempo)', 'tempo'],
    ] as const) {
      // People paste the whole traceparent header; that works as well as the bare id.
      await openById(page, name, `00-${traceId}-0000000000000001-01`);
      await expect(page).toHaveURL(new RegExp(`/trace/${traceId}\\?source=${id}`));
      await expect(page.getByTestId('trace-span-count')).toHaveText(String(spans));
      await expect(page.getByRole('list', { name: 'Services' }).getByRole('listitem')).toHaveText(HOTROD_SERVICES);
      const verdict = page.getByTestId('trace-verdict');
      await expect(verdict).toContainText('SQL SELECT');
      await expect(verdict).toContainText('mysql');
      if (id === 'tempo') await expect(page).toHaveURL(/[?&]start=\d+&end=\d+/);

      const fresh = await browser.newPage();
      await fresh.goto(page.url());
      await expect(fresh.getByTestId('trace-span-count')).toHaveText(String(spans));
      await expect(fresh.getByTestId('trace-verdict')).toHaveText((await verdict.textContent()) ?? '');
      await fresh.close();
    }
  });

  test('a trace posted to Zipkin opens, from its source and by trying every source', async ({ page }) => {
    const raw: unknown = JSON.parse(readFileSync(join(FIXTURES_DIR, 'zipkin/zipkin-lens-yelp.json'), 'utf8'));
    const { traceId, spans } = withFreshTraceId(retimestampZipkin(raw));
    const post = await fetch(`${BACKENDS.zipkin}/api/v2/spans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spans),
    });
    expect(post.status).toBe(202);
    await waitForTrace(`${BACKENDS.zipkin}/api/v2/trace/${traceId}`).catch(() => undefined);
    const stored = await (await fetch(`${BACKENDS.zipkin}/api/v2/trace/${traceId}`)).text();
    const expected = parseTraceText(stored).traces[0];
    expect(expected).toBeDefined();

    await page.goto(`/trace/${traceId}?source=zipkin`);
    await expect(page.getByTestId('trace-span-count')).toHaveText(String(expected?.spans.length));

    // No source chosen: Jaeger and Tempo say "not found", Zipkin has it.
    await openById(page, 'Any source', traceId);
    await expect(page).toHaveURL(new RegExp(`/trace/0{16}${traceId}\\?source=zipkin`));
    await expect(page.getByTestId('trace-span-count')).toHaveText(String(expected?.spans.length));
  });

  test('an unknown trace id names each source that was asked', async ({ page }) => {
    await page.goto('/trace/0af7651916cd43dd8448eb211c80319c');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('No source has trace 0af7651916cd43dd8448eb211c80319c');
    await expect(alert).toContainText('Jaeger');
    await expect(alert).toContainText('Zipkin');
  });
});

test('a backend stopped mid-test is named as unreachable, and the headers of its source are sent @backends', async ({
  page,
  browser,
}) => {
  // A second Tempo-compatible server, configured as source "tempo-spare" (port 3299), that this test owns.
  const server = spawn(
    process.execPath,
    ['e2e/tempo-server/server.mjs', '--http-port', '3299', '--otlp-port', '4499', '--multitenancy'],
    { stdio: 'ignore' },
  );
  try {
    await expect
      .poll(async () => (await fetch('http://127.0.0.1:3299/ready').catch(() => undefined))?.status, {
        timeout: 10_000,
      })
      .toBe(200);
    const otlp = readFileSync(join(FIXTURES_DIR, 'otlp-json/otel-proto-example-trace.json'), 'utf8');
    const post = await fetch('http://127.0.0.1:4499/v1/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Scope-OrgID': 'e2e-tenant' },
      body: otlp,
    });
    expect(post.ok).toBe(true);
    const traceId = '5b8efff798038103d269b633813fc60c';

    await page.goto(`/trace/${traceId}?source=tempo-spare`);
    await expect(page.getByTestId('trace-span-count')).toHaveText('1'); // only found with the tenant header from config.json

    server.kill('SIGTERM');
    await expect
      .poll(async () => (await fetch('http://127.0.0.1:3299/ready').catch(() => undefined))?.status ?? 0)
      .toBe(0);
    const fresh = await browser.newPage();
    await fresh.goto(`/trace/${traceId}?source=tempo-spare`);
    await expect(fresh.getByRole('alert')).toContainText('Could not reach source "Spare Tempo"');
    await expect(fresh.getByRole('button', { name: 'Try again' })).toBeVisible();
    await fresh.close();
  } finally {
    server.kill('SIGKILL');
  }
});
