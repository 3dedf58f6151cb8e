// Benchmark section "aggregate": the production search page against a fake Jaeger (API v3)
// holding 200 HotROD-like traces of 40 spans; "Where the time went in these 200 traces"
// loads each trace by id (four at a time, fetched, parsed and analysed in the trace worker),
// digests and sums them. Measures the time from the last trace's last byte (the worker's
// arrival, marked by the page) to the first aggregate row on screen, and from the click to it.
// Budget (issue 14): 200 HotROD-sized traces aggregate within 2 s after they arrive.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildProductionApp, serveApp } from './lib/app.mjs';
import { hotrodLikeTrace, prng, SERVICES } from './lib/hotrod-like.mjs';
import { fmt, formatTable, median } from './lib/stats.mjs';

export const name = 'aggregate';
export const description = 'search page: aggregate critical path of 200 traces → rows after the last trace arrives';

export const BUDGET = { afterLastTraceMs: 2000 };
const TRACES = Number(process.env.BENCH_AGGREGATE_TRACES ?? 200);
const SPANS_PER_TRACE = 40;
const RUNS = Number(process.env.BENCH_AGGREGATE_RUNS ?? 3);
/** Each trace's OTLP resourceSpans, as Jaeger's /api/v3/traces writes them: a root and 39 children. */
function makeTraces(nowMs) {
  const rand = prng(7);
  return Array.from({ length: TRACES }, () => hotrodLikeTrace(rand, nowMs, SPANS_PER_TRACE));
}

function serve(root, traces) {
  const search = JSON.stringify({ result: { resourceSpans: traces.flatMap((t) => t.resourceSpans) } });
  const byId = new Map(traces.map((t) => [t.traceId, JSON.stringify({ result: { resourceSpans: t.resourceSpans } })]));
  const answers = new Map([
    ['/config.json', JSON.stringify({ sources: [{ id: 'bench', type: 'jaeger', name: 'Bench Jaeger' }] })],
    ['/proxy/bench/api/v3/traces', search],
    ['/proxy/bench/api/v3/services', JSON.stringify({ services: SERVICES })],
    ['/proxy/bench/api/v3/operations', JSON.stringify({ operations: [{ name: '/dispatch', spanKind: 'server' }] })],
  ]);
  return serveApp(root, (path, res) => {
    const text = answers.get(path) ?? byId.get(path.replace('/proxy/bench/api/v3/traces/', ''));
    if (text !== undefined)
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    else if (path.startsWith('/proxy/')) res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
    else return false;
    return true;
  });
}

async function measureOnce(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.getByRole('button', { name: `Where the time went in these ${TRACES} traces` }).click();
  const clickMs = await page.evaluate(() => performance.now());
  const rowMs = await page
    .waitForFunction(() => (document.querySelector('[data-testid="aggregate-row"]') ? performance.now() : 0), null, {
      polling: 'raf',
      timeout: 300_000,
    })
    .then((h) => h.jsonValue());
  // The worker fetches, so the page's Resource Timing has no entries: each load marks the
  // arrival of its last byte instead (api/worker/parse-client.ts, 'pathlight:trace-bytes').
  const ends = await page.evaluate(() => performance.getEntriesByName('pathlight:trace-bytes').map((e) => e.startTime));
  const summary = await page.getByTestId('aggregate-summary').textContent();
  if (ends.length < TRACES || !summary?.includes(`over ${TRACES} traces`))
    throw new Error(`expected ${TRACES} traces loaded, saw ${ends.length} requests and "${summary}"`);
  await page.close();
  const lastEnd = Math.max(...ends);
  return { afterLastTraceMs: rowMs - lastEnd, fromClickMs: rowMs - clickMs, requests: ends.length, errors };
}

export async function run({ context, resultsDir, log }) {
  const outDir = join(resultsDir, 'aggregate-app');
  log('  building the production app…');
  await buildProductionApp(outDir);
  const server = await serve(outDir, makeTraces(Date.now()));
  const runs = [];
  const pageErrors = [];
  try {
    const url = `${server.url}/search?source=bench&service=frontend&limit=${TRACES}`;
    for (let r = 0; r < RUNS; r++) {
      const m = await measureOnce(context, url);
      for (const e of m.errors) pageErrors.push(e);
      runs.push(m);
      log(
        `  run ${r + 1}: rows ${fmt(m.afterLastTraceMs)} ms after the last trace, ${fmt(m.fromClickMs)} ms after the click`,
      );
    }
  } finally {
    await server.close();
  }
  const row = {
    traces: TRACES,
    afterLastTraceMs: median(runs.map((x) => x.afterLastTraceMs)),
    fromClickMs: median(runs.map((x) => x.fromClickMs)),
  };
  const over = row.afterLastTraceMs > BUDGET.afterLastTraceMs;
  const table = [
    ['traces', 'spans each', 'rows after last trace ms', 'rows after click ms', 'budget'],
    [String(TRACES), String(SPANS_PER_TRACE), fmt(row.afterLastTraceMs), fmt(row.fromClickMs), over ? 'OVER' : 'ok'],
  ];
  const result = { section: name, description, budget: BUDGET, overBudget: over, row, runs };
  await writeFile(join(resultsDir, 'aggregate.json'), `${JSON.stringify(result, null, 2)}\n`);
  return {
    result,
    report: [
      `Aggregate critical path (production build, fake Jaeger v3, ${TRACES} traces by id, median of ${RUNS} fresh pages)`,
      formatTable(table),
      over ? 'OVER BUDGET somewhere above.' : 'Within budget.',
    ].join('\n'),
    overBudget: over,
    pageErrors,
  };
}
