// Benchmark section "graph": the dependency graph component in Chromium on a synthetic
// 300-service, 1,500-edge mesh (and a small 30/60 one). Measures layout alone, layout + React
// commit + first painted frame, and the frame rate while dragging (panning) the graph for 2 s.
// Budget (issue): 300 services / 1,500 edges lay out and draw in ≤ 1 s, pan at ≥ 55 fps.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveStatic } from './lib/serve.mjs';
import { fmt, formatTable, median } from './lib/stats.mjs';

export const name = 'graph';
export const description = 'dependency graph: layout + first draw and pan fps for a 300-service mesh';

export const BUDGET = { services: 300, edges: 1500, drawMs: 1000, fps: 55 };
const SIZES = [
  { services: 30, edges: 60 },
  { services: 300, edges: 1500 },
];
const RUNS = Number(process.env.BENCH_GRAPH_RUNS ?? 3);

async function panFps(page) {
  const box = await page.locator('#graph [data-testid="graph-viewport"]').boundingBox();
  if (!box) throw new Error('the graph did not render its viewport');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const before = await page.evaluate(
    () => document.querySelector('#graph [data-testid="graph-viewport"] > div')?.style.transform ?? '',
  );
  await page.evaluate(() => {
    window.__frames = [];
    const loop = (t) => {
      window.__frames.push(t);
      window.__raf = requestAnimationFrame(loop);
    };
    window.__raf = requestAnimationFrame(loop);
  });
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  const end = Date.now() + 2000;
  let i = 0;
  while (Date.now() < end) {
    i++;
    await page.mouse.move(cx + 200 * Math.sin(i / 15), cy + 120 * Math.cos(i / 15));
  }
  await page.mouse.up();
  const { frames, after } = await page.evaluate(() => {
    cancelAnimationFrame(window.__raf);
    return {
      frames: window.__frames,
      after: document.querySelector('#graph [data-testid="graph-viewport"] > div')?.style.transform ?? '',
    };
  });
  if (after === before) throw new Error('dragging did not pan the graph');
  const gaps = frames
    .slice(1)
    .map((t, k) => t - frames[k])
    .sort((a, b) => a - b);
  return {
    fps: ((frames.length - 1) / (frames[frames.length - 1] - frames[0])) * 1000,
    p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
    moves: i,
  };
}

/** bench/graph.html built on its own (the shared bench build only takes index.html). */
async function buildGraphPage(outDir) {
  const configFile = fileURLToPath(new URL('./vite.config.mjs', import.meta.url));
  const input = fileURLToPath(new URL('./graph.html', import.meta.url));
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, rollupOptions: { input } } });
}

export async function run({ context, resultsDir, log }) {
  const outDir = join(resultsDir, 'graph-page');
  await buildGraphPage(outDir);
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
  await page.goto(new URL('graph.html', baseUrl).href);
  await page
    .waitForFunction(() => window.pathlightGraphBench !== undefined, null, { timeout: 30_000 })
    .catch(() => {
      throw new Error(
        `the graph bench page did not start: ${pageErrors.join('; ') || 'window.pathlightGraphBench is missing'}`,
      );
    });
  const rows = [];
  for (const { services, edges } of SIZES) {
    const runs = [];
    for (let r = 0; r < RUNS + 1; r++) {
      const layoutMs = await page.evaluate(
        ([s, e]) => window.pathlightGraphBench.layoutOnly(s, e, 'layered'),
        [services, edges],
      );
      const draw = await page.evaluate(
        ([s, e]) => window.pathlightGraphBench.render(s, e, 'layered'),
        [services, edges],
      );
      if (draw.nodes !== services || draw.edges !== edges)
        throw new Error(`drew ${draw.nodes} nodes / ${draw.edges} edges, expected ${services} / ${edges}`);
      const pan = await panFps(page);
      if (r > 0) runs.push({ layoutMs, ...draw, ...pan }); // the first run warms up the JIT
    }
    const forceMs = await page.evaluate(
      ([s, e]) => window.pathlightGraphBench.layoutOnly(s, e, 'force'),
      [services, edges],
    );
    const row = {
      services,
      edges,
      layoutMs: median(runs.map((x) => x.layoutMs)),
      totalMs: median(runs.map((x) => x.totalMs)),
      fps: median(runs.map((x) => x.fps)),
      p95FrameMs: median(runs.map((x) => x.p95FrameMs)),
      forceLayoutMs: forceMs,
      runs,
    };
    if (services === BUDGET.services) row.ok = { draw: row.totalMs <= BUDGET.drawMs, fps: row.fps >= BUDGET.fps };
    rows.push(row);
    log(
      `  ${services} services / ${edges} edges: layout ${fmt(row.layoutMs)} ms, layout+draw ${fmt(row.totalMs)} ms, pan ${fmt(row.fps)} fps`,
    );
  }
  await page.close();
  const mark = (ok) => (ok ? 'ok' : 'OVER');
  const over = rows.some((r) => r.ok && !(r.ok.draw && r.ok.fps));
  const table = [
    ['services', 'edges', 'layout ms', 'layout+draw ms', 'pan fps', 'p95 frame ms', 'force layout ms', 'budget'],
    ...rows.map((r) => [
      String(r.services),
      String(r.edges),
      fmt(r.layoutMs),
      fmt(r.totalMs),
      fmt(r.fps),
      fmt(r.p95FrameMs),
      fmt(r.forceLayoutMs),
      r.ok ? `draw ${mark(r.ok.draw)}, fps ${mark(r.ok.fps)}` : '—',
    ]),
  ];
  const result = { section: name, description, budget: BUDGET, overBudget: over, rows };
  const file = join(resultsDir, 'graph.json');
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return {
    result,
    report: [
      `Graph (dependency graph component, layered layout, 1280×800, median of ${RUNS} after a warm-up; pan = 2 s of mouse drag)`,
      formatTable(table),
      over
        ? `OVER BUDGET: ${BUDGET.services} services / ${BUDGET.edges} edges must draw in ≤ ${BUDGET.drawMs} ms and pan at ≥ ${BUDGET.fps} fps`
        : 'Within budget.',
      `Written: ${file}`,
    ].join('\n'),
    overBudget: over,
    pageErrors,
  };
}
