// Benchmark section "compare": two 100,000-span traces (the big demo, two seeds) aligned and
// shown by the compare page's view in Chromium. The traces are parsed and analysed first,
// untimed (the model section measures that). Budget (issue 13): align and show in ≤ 3 s.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveStatic } from './lib/serve.mjs';
import { fmt, formatTable, median } from './lib/stats.mjs';

export const name = 'compare';
export const description = 'compare page: align two 100k-span traces and show the diff';

export const BUDGET = { spans: 100_000, totalMs: 3000 };
const RUNS = Number(process.env.BENCH_COMPARE_RUNS ?? 3);

/** bench/compare.html built on its own (the shared bench build only takes index.html). */
async function buildComparePage(outDir) {
  const configFile = fileURLToPath(new URL('./vite.config.mjs', import.meta.url));
  const input = fileURLToPath(new URL('./compare.html', import.meta.url));
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, rollupOptions: { input } } });
}

export async function run({ context, resultsDir, log }) {
  const outDir = join(resultsDir, 'compare-page');
  await buildComparePage(outDir);
  const server = await serveStatic(outDir);
  try {
    return await measure({ context, baseUrl: server.url, resultsDir, log });
  } finally {
    await server.close();
  }
}

async function measure({ context, baseUrl, resultsDir, log }) {
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(new URL('compare.html', baseUrl).href);
  await page
    .waitForFunction(() => window.pathlightCompareBench !== undefined, null, { timeout: 30_000 })
    .catch(() => {
      throw new Error(`the compare bench page did not start: ${pageErrors.join('; ') || 'no pathlightCompareBench'}`);
    });
  const spans = await page.evaluate((n) => window.pathlightCompareBench.prepare(n), BUDGET.spans);
  if (spans !== 2 * BUDGET.spans) throw new Error(`prepared ${spans} spans, expected ${2 * BUDGET.spans}`);
  const runs = [];
  for (let r = 0; r < RUNS + 1; r++) {
    const x = await page.evaluate(() => window.pathlightCompareBench.run());
    if (x.rows === 0) throw new Error('the compare drew no rows');
    if (r > 0) runs.push(x); // the first run warms up the JIT
    log(`  run ${r}: align ${fmt(x.alignMs)} ms, align + show ${fmt(x.totalMs)} ms (${x.nodes} nodes)`);
  }
  await page.close();
  const row = {
    spans: BUDGET.spans,
    alignMs: median(runs.map((x) => x.alignMs)),
    totalMs: median(runs.map((x) => x.totalMs)),
    nodes: runs[0]?.nodes ?? 0,
    runs,
  };
  const over = !(row.totalMs <= BUDGET.totalMs);
  const result = { section: name, description, budget: BUDGET, overBudget: over, rows: [row] };
  const file = join(resultsDir, 'compare.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  const table = [
    ['spans per trace', 'aligned nodes', 'align ms', 'align + show ms', 'budget'],
    [String(row.spans), String(row.nodes), fmt(row.alignMs), fmt(row.totalMs), over ? 'OVER' : 'ok'],
  ];
  return {
    result,
    report: [
      `Compare (two big demo traces, seeds 1 and 2; 1280×800, median of ${RUNS} after a warm-up; show = React commit + first frame)`,
      formatTable(table),
      over
        ? `OVER BUDGET: two ${BUDGET.spans}-span traces must align and show in ≤ ${BUDGET.totalMs} ms`
        : 'Within budget.',
      `Written: ${file}`,
    ].join('\n'),
    overBudget: over,
    pageErrors,
  };
}
