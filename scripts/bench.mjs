#!/usr/bin/env node
// npm run bench [-- section…]: builds the benchmark pages (bench/*.html) with Vite,
// serves them on 127.0.0.1, drives Debian's Chromium through playwright-core and runs
// each section in bench/sections.mjs. Results go to bench/results/<section>.json.
// It is a report, not a test: the exit code is 0 even over budget (non-zero only when
// the benchmark itself could not run).
import { mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchPages } from '../bench/lib/build.mjs';
import { ChromiumMissingError, launchChromium } from '../bench/lib/chromium.mjs';
import { serveStatic } from '../bench/lib/serve.mjs';
import { SECTIONS } from '../bench/sections.mjs';

const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));
const resultsDir = join(benchDir, 'results');
const log = (s) => console.log(s);

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(`Unknown bench section(s): ${unknown.join(', ')}. Known: ${SECTIONS.map((s) => s.name).join(', ')}`);
    return 2;
  }
  const sections = wanted.length > 0 ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;

  await mkdir(resultsDir, { recursive: true });
  log('Building bench pages…');
  const pagesDir = await buildBenchPages(join(resultsDir, 'pages'));
  const server = await serveStatic(pagesDir);
  let browser;
  try {
    browser = await launchChromium();
    log(`Chromium ${browser.version} · Node ${process.version} · ${cpus().length} CPU(s) · ${cpus()[0]?.model ?? ''}`);
    let over = false;
    const reports = [];
    for (const s of sections) {
      const section = await s.load();
      log(`\n[${section.name}] ${section.description}`);
      const out = await section.run({ context: browser.context, baseUrl: server.url, resultsDir, log });
      reports.push(out.report);
      if (out.pageErrors?.length) log(`  page errors: ${out.pageErrors.join(' | ')}`);
      over ||= out.overBudget;
    }
    log(`\n${reports.join('\n\n')}`);
    if (over) log('\n*** OVER BUDGET ***');
    return 0;
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ChromiumMissingError) console.error(err.message);
    else console.error('The benchmark could not run:', err);
    process.exit(1);
  },
);
