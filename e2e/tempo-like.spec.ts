/**
 * Pathlight against the Tempo-compatible server in its Tempo 3-like mode (issue 18): a 30 s
 * query_end_cutoff, ingestion-time block ranges, v2 misses as 200 {"trace":{}}, the 168 h
 * limit, first-N search without with(most_recent=true), tag endpoints that see only recent data
 * without a range. The spec owns everything it needs, so it runs anywhere `npm test` runs (no
 * shared backends): two servers on free ports (v3.0.3, and v2.7.2 which has no most_recent hint)
 * and a second `vite preview` of the build under test whose config points at them.
 */
import { expect, test, type Page } from './support/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shootBothSchemes } from './support/screenshots';

const children: ChildProcess[] = [];
let app = '';
let configDir = '';
const otlp: Record<string, string> = {};

function startTempo(args: string[]): Promise<{ http: string; otlp: string }> {
  const child = spawn(
    process.execPath,
    ['e2e/tempo-server/server.mjs', '--http-port', '0', '--otlp-port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`tempo-server exited (${code})`)));
    child.stdout?.once('data', (line: Buffer) => {
      const { httpPort, otlpPort } = JSON.parse(line.toString()) as { httpPort: number; otlpPort: number };
      resolve({ http: `http://127.0.0.1:${httpPort}`, otlp: `http://127.0.0.1:${otlpPort}` });
    });
  });
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });

const hex = (n: number) =>
  Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16))
    .join('')
    .replace(/^0/, '1');
const NOW_MS = Date.now();

/** One OTLP/JSON trace: a SERVER root and a CLIENT child, `service`, ending `endAgoMs` before now. */
function trace(
  traceId: string,
  service: string,
  endAgoMs: number,
  attrs: { key: string; value: { stringValue: string } }[] = [],
) {
  const end = BigInt(NOW_MS - endAgoMs) * 1_000_000n;
  const start = end - 300_000_000n;
  const root = hex(16);
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'e2e' },
            spans: [
              {
                traceId,
                spanId: root,
                name: 'GET /checkout',
                kind: 2,
                startTimeUnixNano: String(start),
                endTimeUnixNano: String(end),
                attributes: attrs,
              },
              {
                traceId,
                spanId: hex(16),
                parentSpanId: root,
                name: 'SELECT',
                kind: 3,
                startTimeUnixNano: String(start + 10_000_000n),
                endTimeUnixNano: String(end - 10_000_000n),
              },
            ],
          },
        ],
      },
    ],
  };
}

async function post(target: string, doc: unknown) {
  const res = await fetch(`${target}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(doc),
  });
  if (!res.ok) throw new Error(`OTLP post: ${res.status} ${await res.text()}`);
}

/** 25 shop traces, sent oldest first, ending 20 min … 1 min ago; one more that ended 5 s ago. */
const SHOP = Array.from({ length: 25 }, (_, i) => ({ id: hex(32), endAgoMs: (20 * 60 - i * 45) * 1000 }));
const JUST_NOW = hex(32);
/** A replayed trace: spans 3 h old, sent now (its block range is the ingestion time). */
const REPLAYED = hex(32);
const REPLAYED_END_S = Math.floor((NOW_MS - 3 * 3600_000) / 1000);

/** A trace with several spans and typed attributes, sent to a protobuf-speaking and a JSON-only server. */
const TYPED = hex(32);
function typedTrace() {
  const doc = trace(TYPED, 'typed', 90_000, [{ key: 'http.route', value: { stringValue: '/checkout' } }]);
  const [root, db] = doc.resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
  if (!root || !db) throw new Error('trace() changed shape');
  const extra = (name: string, i: number) => ({
    ...db,
    spanId: hex(16),
    name,
    kind: 3,
    attributes: [
      { key: 'retry', value: { intValue: String(i) } },
      { key: 'cache.hit', value: { boolValue: i % 2 === 0 } },
      { key: 'load', value: { doubleValue: i / 4 } },
      { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '-1' }] } } },
    ],
    events: [{ timeUnixNano: db.startTimeUnixNano, name: `event ${i}`, attributes: [] }],
    status: { code: i === 2 ? 2 : 0, message: i === 2 ? 'boom' : '' },
  });
  const spans = [root, db, extra('GET /cart', 1), extra('GET /price', 2), extra('GET /stock', 3)];
  return { resourceSpans: [{ ...doc.resourceSpans[0], scopeSpans: [{ scope: { name: 'e2e' }, spans }] }] };
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const v3 = await startTempo(['--query-end-cutoff', '30s', '--version', 'v3.0.3']);
  const v2 = await startTempo(['--version', '2.7.2']);
  const jsonOnly = await startTempo(['--json-only']);
  otlp.v3 = v3.otlp;
  otlp.v2 = v2.otlp;
  const typed = typedTrace(); // once: the same span ids on both servers
  await post(v3.otlp, typed);
  await post(jsonOnly.otlp, typed);
  for (const target of [v3.otlp, v2.otlp]) {
    for (const t of SHOP) await post(target, trace(t.id, 'shop', t.endAgoMs));
    await post(target, trace(JUST_NOW, 'shop', 5_000));
    await post(target, trace(REPLAYED, 'replayed', 3 * 3600_000));
    // Two hours old: outside the 15 minutes a tag endpoint sees without a range.
    await post(
      target,
      trace(hex(32), 'archive', 2 * 3600_000, [{ key: 'odd key', value: { stringValue: 'odd value' } }]),
    );
  }
  configDir = mkdtempSync(join(tmpdir(), 'pathlight-tempo-like-'));
  const config = join(configDir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      sources: [
        { id: 'tempo', type: 'tempo', name: 'Tempo 3', url: v3.http },
        { id: 'tempo-old', type: 'tempo', name: 'Tempo 2.7', url: v2.http },
        { id: 'tempo-json', type: 'tempo', name: 'Tempo JSON only', url: jsonOnly.http },
      ],
    }),
  );
  const port = await freePort();
  const preview = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
      '--outDir',
      process.env.E2E_DIST ?? 'dist',
    ],
    {
      env: { ...process.env, PATHLIGHT_CONFIG: config },
      stdio: 'ignore',
    },
  );
  children.push(preview);
  app = `http://127.0.0.1:${port}`;
  await expect.poll(async () => (await fetch(`${app}/`).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
});

test.afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

const results = (page: Page) => page.getByTestId('search-result');
const notice = (page: Page, id: string) => page.locator(`[data-testid="search-notice"][data-notice-id="${id}"]`);
/** Every result's trace id: the list is virtualized, so make it tall enough to hold them all first. */
async function ids(page: Page, count: number): Promise<string[]> {
  await expect(page.getByTestId('search-count')).toContainText(`${count} traces`);
  await page.setViewportSize({ width: 1440, height: 3000 });
  await expect(results(page)).toHaveCount(count);
  const out = await results(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id') ?? ''));
  await page.setViewportSize({ width: 1440, height: 900 });
  return out;
}

test('trace by id: a window that hides a replayed trace is retried without it; a miss is asked once, on v2 only', async ({
  page,
}) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (/\/proxy\/tempo\/api\/(v2\/)?traces\//.test(u.pathname))
      asked.push(`${u.pathname.replace(/^\/proxy\/tempo/, '')}${u.search}`);
  });
  // The link carries the trace's own range (3 h ago); Tempo recorded it at ingestion time (now).
  await page.goto(`${app}/trace/${REPLAYED}?source=tempo&start=${REPLAYED_END_S - 1}&end=${REPLAYED_END_S + 1}`);
  await expect(page.getByTestId('trace-span-count')).toHaveText('2');
  expect(asked[0]).toMatch(new RegExp(`^/api/v2/traces/${REPLAYED}\\?start=\\d+&end=\\d+$`));
  expect(asked[1]).toBe(`/api/v2/traces/${REPLAYED}`);

  asked.length = 0;
  const unknown = hex(32);
  await page.goto(`${app}/trace/${unknown}?source=tempo&start=${REPLAYED_END_S - 1}&end=${REPLAYED_END_S + 1}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`Tempo 3 has no trace ${unknown}`);
  await expect(alert).toContainText('looked through all of its data');
  await expect(alert).not.toContainText('add start and end');
  // v2's 200 {"trace":{}} is final: the window, then no window, and never v1.
  expect(asked).toEqual([
    expect.stringMatching(new RegExp(`^/api/v2/traces/${unknown}\\?start=`)),
    `/api/v2/traces/${unknown}`,
  ]);
});

test('trace by id arrives as protobuf where Tempo offers it, shows the same spans as JSON, and the JSON view still gets JSON', async ({
  page,
}, testInfo) => {
  const answers: Promise<string>[] = [];
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (!/\/proxy\/tempo(-json)?\/api\/(v2\/)?traces\//.test(u.pathname)) return;
    answers.push(
      r
        .request()
        .allHeaders()
        .then((h) => `${u.pathname.split('/')[2]} ${h.accept} -> ${r.headers()['content-type']}`),
    );
  });
  const shown = async (source: string) => {
    await page.goto(`${app}/trace/${TYPED}?source=${source}`);
    await expect(page.getByTestId('trace-span-count')).toHaveText('5');
    const rows = await page
      .getByTestId('span-row')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-span-id')} ${e.textContent}`));
    await page.getByTestId('span-row').filter({ hasText: 'GET /price' }).click();
    const detail = page.getByRole('region', { name: 'Selected span' });
    await expect(detail).toContainText('cache.hit');
    return { rows, detail: await detail.innerText() };
  };
  const viaProtobuf = await shown('tempo');
  await page.screenshot({ path: testInfo.outputPath('tempo-protobuf-trace.png') });
  const viaJson = await shown('tempo-json');
  expect(await Promise.all(answers)).toEqual([
    'tempo application/protobuf, application/json;q=0.9 -> application/protobuf',
    'tempo-json application/protobuf, application/json;q=0.9 -> application/json',
  ]);
  expect(viaProtobuf.rows).toHaveLength(5);
  expect(viaProtobuf.rows).toEqual(viaJson.rows);
  expect(viaProtobuf.detail).toContain('boom');
  expect(viaProtobuf.detail).toEqual(viaJson.detail);

  // The JSON view fetches the answer again, asking for JSON: Tempo's own JSON, not protobuf bytes.
  answers.length = 0;
  await page.goto(`${app}/trace/${TYPED}?source=tempo&view=json`);
  await expect(page.getByTestId('trace-json')).toContainText('"resourceSpans":');
  await expect(page.getByText(/as Tempo 3 returned it \(\/proxy\/tempo\/api\/v2\/traces\//)).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  const saved = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    trace: { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
  };
  expect(saved.trace.resourceSpans[0]?.scopeSpans[0]?.spans).toHaveLength(5);
  expect((await Promise.all(answers)).at(-1)).toBe('tempo application/json -> application/json');
});

test('search on Tempo 3: the newest traces (most_recent), the last 30 s left out and said so', async ({ page }) => {
  await page.goto(`${app}/search?source=tempo&service=shop&lookback=30m`);
  // The 20 newest of the 25 (the server returns the first 20 it finds without the hint)…
  const found = await ids(page, 20);
  expect([...found].sort()).toEqual(
    SHOP.slice(5)
      .map((t) => t.id)
      .sort(),
  );
  // …but not the trace that ended 5 s ago: it is behind Tempo 3's query_end_cutoff…
  expect(found).not.toContain(JUST_NOW);
  // …and the page says so, next to the results.
  await expect(notice(page, 'end-cutoff')).toBeVisible();
  await expect(notice(page, 'end-cutoff')).toContainText('last 30 seconds');
  await expect(page.getByText(/Answered by Tempo \/api\/search, newest first \(most_recent=true\)/)).toBeVisible();
  await expect(notice(page, 'first-found')).toHaveCount(0);
  await shootBothSchemes(page, 'search-tempo3-cutoff');

  // A search that ended long ago has no cutoff note.
  const endS = Math.floor(NOW_MS / 1000) - 600;
  await page.goto(`${app}/search?source=tempo&service=shop&start=${endS - 1800}&end=${endS}`);
  await expect(results(page).first()).toBeVisible();
  await expect(page.getByTestId('search-notices')).toHaveCount(0);
});

test('search ranges: "last 7 days" is accepted, a 30-day range is cut to Tempo\'s 7 days and said so', async ({
  page,
}) => {
  await page.goto(`${app}/search?source=tempo&service=shop&lookback=7d`);
  await expect(results(page).first()).toBeVisible();
  await expect(notice(page, 'range-capped')).toHaveCount(0);
  const nowS = Math.ceil(NOW_MS / 1000);
  await page.goto(`${app}/search?source=tempo&service=shop&start=${nowS - 30 * 86400}&end=${nowS}`);
  await expect(results(page).first()).toBeVisible();
  await expect(notice(page, 'range-capped')).toContainText('Tempo searches at most 7 days at a time');
  await shootBothSchemes(page, 'search-tempo3-capped');
});

test('search on Tempo 2.7 (no most_recent): a full page says it is the first traces found, not the newest', async ({
  page,
}) => {
  await page.goto(`${app}/search?source=tempo-old&service=shop&lookback=30m`);
  const found = await ids(page, 20);
  await expect(notice(page, 'first-found')).toContainText('not necessarily the 20 most recent');
  await expect(notice(page, 'end-cutoff')).toHaveCount(0); // Tempo 2 has no end cutoff
  // What that Tempo really returned: the first 20 it found (the oldest here), sorted.
  expect([...found].sort()).toEqual(
    SHOP.slice(0, 20)
      .map((t) => t.id)
      .sort(),
  );
  await shootBothSchemes(page, 'search-tempo2-first-found');
});

test("services and attribute autocomplete cover the form's range; odd attribute keys are quoted", async ({ page }) => {
  await page.goto(`${app}/search?source=tempo&lookback=3h`);
  const form = page.getByRole('form', { name: 'Search traces' });
  // "archive" sent spans 2 h ago: without start/end, Tempo's tag endpoints would not list it.
  await expect(form.getByLabel('Service').locator('option', { hasText: 'archive' })).toHaveCount(1);
  await expect(form.locator('datalist option[value="span.odd key"]')).toHaveCount(1);
  await form.getByLabel('Attribute name').fill('span.odd key');
  await expect(form.locator('datalist option[value="odd value"]')).toHaveCount(1);
  await page.goto(`${app}/search?source=tempo&lookback=15m`);
  await expect(form.getByLabel('Service').locator('option', { hasText: 'shop' })).toHaveCount(1);
  await expect(form.getByLabel('Service').locator('option', { hasText: 'archive' })).toHaveCount(0);
});
