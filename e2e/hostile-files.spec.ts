/**
 * Hostile input through what a user does: trace files opened with the "Open trace file"
 * input, malformed links, a broken config.json and a backend answering prototype-key
 * service names. The page must show the trace or a clear role=alert message, never go
 * blank, and no uncaught error may reach the page. Only the Playwright baseURL is used
 * (backends are faked with page.route), so this runs against `npm start` and nginx alike.
 */
import { expect, test, type Page } from './support/test';
import { writeFileSync } from 'node:fs';
import { shootBothSchemes } from './support/screenshots';

const NAMES = ['__proto__', 'toString', 'constructor', 'hasOwnProperty'];
const TRACE_ID = 'feedfacefeedfacefeedfacefeedface';
const sid = (i: number) => (i + 1).toString(16).padStart(16, '0');

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The app shell is still drawn: the top bar's home link and a non-empty main landmark. */
async function expectShell(page: Page) {
  await expect(page.getByRole('link', { name: 'Pathlight' })).toBeVisible();
  await expect(page.getByRole('main')).not.toBeEmpty();
}

async function openFile(page: Page, path: string) {
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(path);
}

function jaegerChain() {
  return {
    data: [
      {
        traceID: TRACE_ID,
        processes: Object.fromEntries(NAMES.map((n, i) => [`p${i}`, { serviceName: n, tags: [] }])),
        spans: NAMES.map((n, i) => ({
          traceID: TRACE_ID,
          spanID: sid(i),
          operationName: n,
          startTime: 1_700_000_000_000_000 + i * 100,
          duration: 10_000 - i * 1000,
          processID: `p${i}`,
          references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID: TRACE_ID, spanID: sid(i - 1) }],
          tags: [
            { key: 'span.kind', type: 'string', value: n },
            { key: n, type: 'string', value: n },
          ],
          logs: [],
        })),
      },
    ],
  };
}

test('prototype-key service names and span kinds in a Jaeger file: the trace and its graph open', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const file = testInfo.outputPath('proto-jaeger.json');
  writeFileSync(file, JSON.stringify(jaegerChain()));
  await openFile(page, file);
  await expect(page.getByTestId('trace-span-count')).toHaveText(String(NAMES.length));
  for (const n of NAMES)
    await expect(page.locator(`[data-testid="span-row"][data-span-id="${sid(NAMES.indexOf(n))}"]`)).toContainText(n);
  await page.getByRole('radio', { name: /^graph$/i }).click();
  await expect(page.getByTestId('graph-node')).toHaveCount(NAMES.length);
  await expectShell(page);
  expect(errors).toEqual([]);
});

test('prototype-key kinds and services in a Zipkin file open, and the dependencies page draws them', async ({
  page,
}, testInfo) => {
  const errors = watchErrors(page);
  const spans = NAMES.map((n, i) => ({
    traceId: TRACE_ID,
    id: sid(i),
    ...(i === 0 ? {} : { parentId: sid(i - 1) }),
    name: n,
    kind: n,
    timestamp: 1_700_000_000_000_000 + i * 100,
    duration: 10_000 - i * 1000,
    localEndpoint: { serviceName: n },
    tags: { [n]: n },
  }));
  const file = testInfo.outputPath('proto-zipkin.json');
  writeFileSync(file, JSON.stringify(spans));
  await openFile(page, file);
  await expect(page.getByTestId('trace-span-count')).toHaveText(String(NAMES.length));
  await expectShell(page);

  // A Jaeger backend whose /api/dependencies names prototype-key services (faked in the browser).
  await page.route('**/config.json', (r) =>
    r.fulfill({ json: { sources: [{ id: 'hostile', type: 'jaeger', name: 'Hostile Jaeger' }] } }),
  );
  await page.route('**/proxy/hostile/api/dependencies*', (r) =>
    r.fulfill({
      json: {
        data: NAMES.flatMap((from, i) => NAMES.slice(i + 1).map((to) => ({ parent: from, child: to, callCount: 3 }))),
      },
    }),
  );
  await page.goto('/dependencies?source=hostile&mode=backend');
  await expect(page.getByTestId('graph-node')).toHaveCount(NAMES.length);
  for (const n of NAMES) await expect(page.locator(`[data-testid="graph-node"][data-service="${n}"]`)).toBeVisible();
  await page.goto('/dependencies?source=hostile&mode=backend&layout=force&focus=__proto__');
  await expect(page.getByRole('complementary', { name: 'Focused service __proto__' })).toBeVisible();
  await expectShell(page);
  expect(errors).toEqual([]);
});

test('a 5 MB span name and a 60 MB attribute value: selecting the span shows them clipped and the page stays responsive', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const hugeName = `BIGNAME${'n'.repeat(5 * 1024 * 1024)}`;
  const hugeValue = `BIGVALUE${'v'.repeat(60 * 1024 * 1024)}`;
  const doc = {
    data: [
      {
        traceID: TRACE_ID,
        processes: { p1: { serviceName: 'svc', tags: [] } },
        spans: [
          {
            traceID: TRACE_ID,
            spanID: sid(0),
            operationName: 'root',
            startTime: 1_700_000_000_000_000,
            duration: 5000,
            processID: 'p1',
            references: [],
            tags: [],
            logs: [],
          },
          {
            traceID: TRACE_ID,
            spanID: sid(1),
            operationName: hugeName,
            startTime: 1_700_000_000_000_100,
            duration: 3000,
            processID: 'p1',
            references: [{ refType: 'CHILD_OF', traceID: TRACE_ID, spanID: sid(0) }],
            tags: [{ key: 'payload', type: 'string', value: hugeValue }],
            logs: [],
          },
        ],
      },
    ],
  };
  const file = testInfo.outputPath('huge.json');
  writeFileSync(file, JSON.stringify(doc));
  await openFile(page, file);
  await expect(page.getByTestId('trace-span-count')).toHaveText('2');
  const row = page.locator(`[data-testid="span-row"][data-span-id="${sid(1)}"]`);
  await expect(row).toContainText('BIGNAME');
  await row.click();
  const detail = page.getByRole('region', { name: 'Selected span' });
  await expect(detail).toContainText('BIGVALUE');
  await expect(detail).toContainText(`… (${(hugeValue.length - 4000).toLocaleString('en-US')} more characters)`);
  await expect(detail).toContainText(`… (${(hugeName.length - 120).toLocaleString('en-US')} more characters)`);
  // Responsive: a round trip through the page's event loop is quick, and no huge text reached the DOM.
  const t0 = Date.now();
  const domChars = await page.evaluate(() => document.body.textContent?.length ?? 0);
  expect(Date.now() - t0).toBeLessThan(1_000);
  expect(domChars).toBeLessThan(100_000);
  await detail.getByRole('table', { name: 'Span attributes' }).scrollIntoViewIfNeeded();
  await shootBothSchemes(page, 'hostile-huge-value-detail');
  // "show more" adds one bounded step.
  await detail.getByRole('button', { name: 'Show more of value of payload' }).click();
  await expect(detail).toContainText(`… (${(hugeValue.length - 54_000).toLocaleString('en-US')} more characters)`);
  await expect(detail.getByRole('button', { name: /^Copy the full value of payload/ })).toBeVisible();
  // Find scans a bounded start of each value and still matches it.
  const find = page.getByRole('searchbox', { name: 'Find in trace' });
  await find.fill('bigvalue');
  await find.press('Enter');
  await expect(page.getByRole('status', { name: 'Find results' })).toHaveText(/of 1$/);
  await expectShell(page);
  expect(errors).toEqual([]);
});

test('a JSON Lines line of 200,000 resourceSpans opens without a stack overflow', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  const filler = JSON.stringify({ resourceSpans: Array.from({ length: 200_000 }, () => ({})) });
  const real = JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'lines' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE_ID,
                spanId: sid(0),
                name: 'only',
                startTimeUnixNano: '1000000',
                endTimeUnixNano: '2000000',
              },
            ],
          },
        ],
      },
    ],
  });
  const file = testInfo.outputPath('deep.jsonl');
  writeFileSync(file, `${filler}\n${real}\n`);
  await openFile(page, file);
  await expect(page.getByTestId('trace-span-count')).toHaveText('1');
  await expectShell(page);
  expect(errors).toEqual([]);
});

test('a malformed JSON file gives an alert naming the file', async ({ page }, testInfo) => {
  const errors = watchErrors(page);
  const file = testInfo.outputPath('malformed.json');
  writeFileSync(file, '{"data": [{"traceID": "ab", "spans": [ {"spanID": ');
  await openFile(page, file);
  await expect(page.getByRole('alert')).toContainText('malformed.json');
  await expectShell(page);
  expect(errors).toEqual([]);
});

/**
 * Malformed links followed inside the app (history navigation, as an in-app link or a pasted
 * permalink handled by the router). A direct load of such a URL is first answered by the
 * server, which must serve the app for it: that half belongs to the server-side tests.
 */
async function followInApp(page: Page, path: string) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeVisible();
  await page.evaluate((p) => {
    window.history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

for (const path of ['/trace/%FF', '/trace/abc%zz?find=%FF&span=%', '/trace/%E0%A4%A?source=%FF']) {
  test(`the malformed link ${path} gives a not-found page naming the bad encoding`, async ({ page }) => {
    const errors = watchErrors(page);
    await followInApp(page, path);
    await expect(page.getByRole('alert')).toContainText('Nothing lives at');
    await expect(page.getByRole('alert')).toContainText('not valid percent-encoding');
    await expectShell(page);
    // The app recovers: the next page renders normally.
    await page.getByRole('button', { name: 'Go to the start page' }).click();
    await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeVisible();
    expect(errors).toEqual([]);
  });
}

for (const path of [
  '/search?service=%FF&tags=%&lookback=%E0%A4%A',
  '/dependencies?source=%FF&focus=%E0%A4%A&layout=%',
]) {
  test(`malformed query strings in ${path} keep the page up`, async ({ page }) => {
    const errors = watchErrors(page);
    await followInApp(page, path);
    await expectShell(page);
    await expect(page.getByRole('heading').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeHidden();
    expect(errors).toEqual([]);
  });
}

const BROKEN_CONFIGS: [string, { status: number; contentType: string; body: string }][] = [
  ['invalid JSON', { status: 200, contentType: 'application/json', body: '{"sources": [' }],
  ['HTTP 500', { status: 500, contentType: 'application/json', body: '{"error":{"message":"bad config"}}' }],
  ['the wrong shape', { status: 200, contentType: 'application/json', body: '{"sources": {"id": "x"}}' }],
];
for (const [what, answer] of BROKEN_CONFIGS) {
  test(`a config.json with ${what} is named on the search and dependencies pages`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.route('**/config.json', (r) => r.fulfill(answer));
    await page.goto('/search');
    await expect(page.getByRole('alert')).toContainText('config.json could not be read:');
    await page.goto('/dependencies');
    await expect(page.getByRole('alert').filter({ hasText: 'config.json could not be read:' })).toBeVisible();
    await expectShell(page);
    expect(errors).toEqual([]);
  });
}
