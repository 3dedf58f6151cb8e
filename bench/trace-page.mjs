// Benchmark section "trace-page": the production app in Chromium, opening demo traces of
// 1k, 10k and 100k spans by URL in a fresh page. Measures time from navigation to the first
// waterfall rows, frame rate while wheel-scrolling the waterfall for 2 s, JS heap after GC
// above the empty start page (per span), and the gzip size of the JavaScript the first
// screen loads. Budgets (issue 4): rows ≤ 1.0 s (1k) / ≤ 2.5 s (100k), ≥ 55 fps,
// ≤ 0.6 KB heap per span, initial JS ≤ 250 KiB gzip.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildProductionApp, serveApp } from './lib/app.mjs';
import { wheelScrollFps } from './lib/scroll-fps.mjs';
import { fmt, formatTable, median } from './lib/stats.mjs';

export const name = 'trace-page';
export const description = 'production trace page: first rows, scroll fps, heap per span, initial JS';

export const BUDGET = { firstRowsMs: { 1000: 1000, 100000: 2500 }, fps: 55, heapKBPerSpan: 0.6, initialJsKiB: 250 };
const SIZES = (process.env.BENCH_TRACE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_TRACE_RUNS ?? 3);
/** gzip bytes of the scripts and module preloads index.html loads (lazy chunks and the worker excluded). */
async function initialJsGzip(outDir) {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
  let total = 0;
  for (const src of srcs) total += gzipSync(await readFile(join(outDir, src))).length;
  return { bytes: total, files: srcs };
}

async function heapAfterGc(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const u = await cdp.send('Runtime.getHeapUsage');
  return u.usedSize + (typeof u.backingStorageSize === 'number' ? u.backingStorageSize : 0);
}

const ROWS_VISIBLE = `document.querySelector('[data-testid="span-row"]') !== null`;

/**
 * Opens url in a page of its own, waits until \`ready\` (a JS expression) holds and the page
 * has settled, and returns its heap after GC. It polls through CDP rather than Playwright
 * locators: those inject Playwright's own ~330 KB script into the page, which the heap would
 * then count; and the page is not scrolled, so the code V8 optimizes while scrolling is not
 * counted either.
 */
async function settledHeap(context, url, ready) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'commit' });
    const { exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression: `new Promise((resolve, reject) => {
        const t0 = performance.now();
        const poll = () => (${ready}) ? setTimeout(resolve, 500) : performance.now() - t0 > 120000 ? reject(new Error('timed out')) : requestAnimationFrame(poll);
        poll();
      })`,
      awaitPromise: true,
    });
    if (exceptionDetails)
      throw new Error(
        `${url} did not become ready: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      );
    return await heapAfterGc(cdp);
  } finally {
    await page.close();
  }
}

/** Demo trace URLs by span count, read from the start page's demo links ("1,000 spans"). */
async function demoUrls(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href^="/trace/"]')].flatMap((a) => {
      const m = /([\d,]+) spans\s*$/.exec(a.textContent ?? '');
      return m ? [[Number(m[1].replaceAll(',', '')), a.getAttribute('href')]] : [];
    }),
  );
}

async function measureOnce(context, url, withScroll) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await page.goto(url, { waitUntil: 'commit' });
  const firstRowsMs = await page
    .waitForFunction(() => (document.querySelector('[data-testid="span-row"]') ? performance.now() : 0), null, {
      polling: 'raf',
      timeout: 120_000,
    })
    .then((h) => h.jsonValue());
  const { fps, p95FrameMs } = withScroll ? await wheelScrollFps(page, 'waterfall') : {};
  return { page, cdp, firstRowsMs, fps, p95FrameMs };
}

export async function run({ context, resultsDir, log }) {
  const outDir = join(resultsDir, 'app');
  log('  building the production app…');
  await buildProductionApp(outDir);
  const initialJs = await initialJsGzip(outDir);
  const server = await serveApp(outDir);
  const pageErrors = [];
  const rows = [];
  let fixedHeap;
  try {
    // Heap of the empty start page, for the per-span figure, measured like every trace page's.
    const emptyHeap = await settledHeap(
      context,
      `${server.url}/`,
      `[...document.querySelectorAll('h1,h2')].some((h) => h.textContent.includes('Demo traces'))`,
    );
    const index = await context.newPage();
    await index.goto(`${server.url}/`);
    await index.getByRole('heading', { name: 'Demo traces' }).waitFor();
    const demos = new Map(await demoUrls(index));
    await index.close();
    // The page's fixed cost: the smallest demo trace (its code, React tree, styles).
    const smallest = Math.min(...demos.keys());
    fixedHeap = (await settledHeap(context, `${server.url}${demos.get(smallest)}`, ROWS_VISIBLE)) - emptyHeap;
    log(`  trace page fixed cost: ${fmt(fixedHeap / 1024)} KB above the start page (${smallest}-span demo)`);

    for (const spans of SIZES) {
      const href = demos.get(spans);
      if (!href) throw new Error(`the start page lists no demo trace with ${spans} spans`);
      const url = `${server.url}${href}`;
      const runs = [];
      for (let r = 0; r < RUNS; r++) {
        const m = await measureOnce(context, url, true);
        m.page.on('pageerror', (e) => pageErrors.push(String(e)));
        runs.push({ firstRowsMs: m.firstRowsMs, fps: m.fps, p95FrameMs: m.p95FrameMs });
        await m.page.close();
      }
      const heapBytes = (await settledHeap(context, url, ROWS_VISIBLE)) - emptyHeap;
      const row = {
        spans,
        firstRowsMs: median(runs.map((x) => x.firstRowsMs)),
        fps: median(runs.map((x) => x.fps)),
        p95FrameMs: median(runs.map((x) => x.p95FrameMs)),
        heapBytes,
        heapKBPerSpan: heapBytes / 1024 / spans,
        marginalKBPerSpan: spans > smallest ? (heapBytes - fixedHeap) / 1024 / (spans - smallest) : undefined,
        runs,
      };
      const rowsBudget = BUDGET.firstRowsMs[spans];
      row.ok = {
        firstRows: rowsBudget === undefined || row.firstRowsMs <= rowsBudget,
        fps: row.fps >= BUDGET.fps,
        heap: row.heapKBPerSpan <= BUDGET.heapKBPerSpan,
      };
      rows.push(row);
      log(
        `  ${spans.toLocaleString('en-US')} spans: first rows ${fmt(row.firstRowsMs)} ms, ${fmt(row.fps)} fps, ${fmt(row.heapKBPerSpan, 2)} KB/span (${fmt(row.marginalKBPerSpan ?? 0, 2)} above the fixed cost)`,
      );
    }
  } finally {
    await server.close();
  }
  const jsKiB = initialJs.bytes / 1024;
  const jsOk = jsKiB <= BUDGET.initialJsKiB;
  const over = !jsOk || rows.some((r) => !(r.ok.firstRows && r.ok.fps && r.ok.heap));
  const mark = (ok) => (ok ? 'ok' : 'OVER');
  const table = [
    ['spans', 'first rows ms', 'scroll fps', 'p95 frame ms', 'heap MB', 'KB/span', 'KB/span > fixed', 'budget'],
    ...rows.map((r) => [
      r.spans.toLocaleString('en-US'),
      fmt(r.firstRowsMs),
      fmt(r.fps),
      fmt(r.p95FrameMs),
      fmt(r.heapBytes / 1024 / 1024),
      fmt(r.heapKBPerSpan, 2),
      r.marginalKBPerSpan === undefined ? '–' : fmt(r.marginalKBPerSpan, 2),
      `rows ${mark(r.ok.firstRows)}, fps ${mark(r.ok.fps)}, heap ${mark(r.ok.heap)}`,
    ]),
  ];
  const result = {
    section: name,
    description,
    budget: BUDGET,
    overBudget: over,
    initialJs: { ...initialJs, kib: jsKiB, ok: jsOk },
    fixedHeapBytes: fixedHeap,
    rows,
  };
  const file = join(resultsDir, 'trace-page.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return {
    result,
    report: [
      `Trace page (production build, demo traces by URL, median of ${RUNS} fresh pages; heap = after GC minus the empty start page, in a page of its own`,
      `that was not scrolled or driven by Playwright locators; the trace page's fixed cost is ${fmt(fixedHeap / 1024)} KB, "KB/span > fixed" is what each span adds above it)`,
      formatTable(table),
      `Initial JS: ${fmt(jsKiB)} KiB gzip (${initialJs.files.join(', ')}) — ${mark(jsOk)} (≤ ${BUDGET.initialJsKiB} KiB)`,
      over ? 'OVER BUDGET somewhere above.' : 'Within budget.',
      `Written: ${file}`,
    ].join('\n'),
    overBudget: over,
    pageErrors,
  };
}
