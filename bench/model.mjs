// Benchmark section "model": how long the big demo trace takes from JSON text to a full
// analysis (parseTraceText → analyzeTrace) in real Chromium, and how much heap the parsed
// trace plus its analysis keep alive. Budget for 100k spans: total ≤ 1500 ms, retained ≤ 60 MB.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fmt, formatTable, median } from './lib/stats.mjs';

export const name = 'model';
export const description = 'JSON text → parseTraceText → analyzeTrace on the big demo trace';

const DEFAULT_SIZES = [
  { spans: 1_000, runs: 5, warmups: 2 },
  { spans: 10_000, runs: 5, warmups: 1 },
  { spans: 100_000, runs: 3, warmups: 0 },
];
export const BUDGET = { spans: 100_000, totalMs: 1500, retainedMB: 60 };
const MB = 1024 * 1024;

function sizesFromEnv() {
  const env = process.env.BENCH_MODEL_SIZES; // e.g. "1000,10000" for a quick harness check
  if (!env) return DEFAULT_SIZES;
  return env.split(',').map((s) => {
    const spans = Number(s);
    const preset = DEFAULT_SIZES.find((d) => d.spans === spans);
    return preset ?? { spans, runs: 3, warmups: 1 };
  });
}

/** Heap after forced full GCs: the JS heap plus ArrayBuffer backing stores (typed arrays live there). */
async function heapAfterGc(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const u = await cdp.send('Runtime.getHeapUsage');
  const backing = typeof u.backingStorageSize === 'number' ? u.backingStorageSize : 0;
  return { usedSize: u.usedSize, backingStorageSize: backing, total: u.usedSize + backing };
}

export async function run({ context, baseUrl, resultsDir, log }) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(new URL('index.html', baseUrl).href);
  await page
    .waitForFunction(() => window.pathlightBench !== undefined, null, { timeout: 30_000 })
    .catch(() => {
      throw new Error(`the bench page did not start: ${pageErrors.join('; ') || 'window.pathlightBench is missing'}`);
    });
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');

  const rows = [];
  for (const { spans, runs, warmups } of sizesFromEnv()) {
    log(`  ${spans.toLocaleString('en-US')} spans: generating…`);
    const { bytes } = await page.evaluate((n) => window.pathlightBench.prepare(n), spans);
    const timings = [];
    for (let r = 0; r < warmups + runs; r++) {
      await heapAfterGc(cdp); // start every run from a clean heap
      const t = await page.evaluate(() => window.pathlightBench.run());
      if (t.spans !== spans) throw new Error(`parsed ${t.spans} spans, expected ${spans} (format ${t.format})`);
      if (r >= warmups) timings.push(t);
    }
    // retained: heap holding trace + analysis, minus heap before parsing (the text is alive in both)
    const before = await heapAfterGc(cdp);
    await page.evaluate(() => window.pathlightBench.hold());
    const after = await heapAfterGc(cdp);
    await page.evaluate(() => window.pathlightBench.release());
    await page.evaluate(() => window.pathlightBench.dropText());

    const parseMs = median(timings.map((t) => t.parseMs));
    const analyzeMs = median(timings.map((t) => t.analyzeMs));
    const totalMs = median(timings.map((t) => t.parseMs + t.analyzeMs));
    const retainedBytes = after.total - before.total;
    const row = {
      spans,
      format: timings[0]?.format,
      jsonBytes: bytes,
      runs: timings.length,
      warmups,
      parseMs,
      analyzeMs,
      totalMs,
      runsMs: timings.map((t) => ({ parse: t.parseMs, analyze: t.analyzeMs })),
      retainedBytes,
      retainedJsHeapBytes: after.usedSize - before.usedSize,
      retainedBackingStoreBytes: after.backingStorageSize - before.backingStorageSize,
      retainedMBPer1kSpans: retainedBytes / MB / (spans / 1000),
      heapBefore: before,
      heapAfter: after,
    };
    if (spans === BUDGET.spans) {
      row.budget = {
        totalMs: BUDGET.totalMs,
        retainedMB: BUDGET.retainedMB,
        totalOk: totalMs <= BUDGET.totalMs,
        retainedOk: retainedBytes / MB <= BUDGET.retainedMB,
      };
    }
    rows.push(row);
    log(`  ${spans.toLocaleString('en-US')} spans: total ${fmt(totalMs)} ms, retained ${fmt(retainedBytes / MB)} MB`);
  }
  await page.close();

  const table = [
    ['spans', 'JSON MB', 'parse ms', 'analyses ms', 'total ms', 'retained MB', 'MB/1k spans', 'budget'],
    ...rows.map((r) => [
      r.spans.toLocaleString('en-US'),
      fmt(r.jsonBytes / MB),
      fmt(r.parseMs),
      fmt(r.analyzeMs),
      fmt(r.totalMs),
      fmt(r.retainedBytes / MB),
      fmt(r.retainedMBPer1kSpans, 2),
      r.budget
        ? `total ${r.budget.totalOk ? 'ok' : 'OVER'} (≤ ${r.budget.totalMs} ms), retained ${r.budget.retainedOk ? 'ok' : 'OVER'} (≤ ${r.budget.retainedMB} MB)`
        : '—',
    ]),
  ];
  const over = rows.some((r) => r.budget && !(r.budget.totalOk && r.budget.retainedOk));
  const result = { section: name, description, budget: BUDGET, overBudget: over, rows };
  const file = join(resultsDir, 'model.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return {
    result,
    report: [
      'Model: JSON text → parseTraceText → analyzeTrace (medians; retained = heap after GC holding trace + analysis − before parsing; MB = 2^20 bytes)',
      formatTable(table),
      over
        ? `OVER BUDGET: 100k spans must take ≤ ${BUDGET.totalMs} ms and retain ≤ ${BUDGET.retainedMB} MB`
        : 'Within budget.',
      `Written: ${file}`,
    ].join('\n'),
    overBudget: over,
    pageErrors,
  };
}
