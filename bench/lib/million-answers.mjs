// The "million" bench's correctness checks: what the open trace page shows, through the stable
// test hooks, against the brute-force answers (million-check.mjs). Each check reports
// { name, ok, detail } and a check that cannot run is a failed check with the reason, never a
// hang: every wait has a timeout.
import {
  criticalOnlyRows,
  readRowCount,
  readSlowest,
  readSpanCount,
  setUrlParams,
  statsRows,
  waitInPage,
} from './million-page.mjs';

const VIEW_TIMEOUT_MS = Number(process.env.BENCH_MILLION_VIEW_TIMEOUT_MS ?? 120_000);
const shown = (ms, taskMs) =>
  `shown ${(ms / 1000).toFixed(2)} s after the switch, longest main-thread task ${Math.round(taskMs)} ms`;
const us = (x) => `${Math.round(x).toLocaleString('en-US')} µs`;

function firstDifference(got, want) {
  for (let i = 0; i < Math.max(got.length, want.length); i++)
    if (got[i] !== want[i]) return `#${i + 1} is ${got[i] ?? 'missing'}, expected ${want[i] ?? 'nothing'}`;
  return '';
}

/** Runs a check; a page too busy to answer within the view timeout (+ 10 s) fails it. */
async function attempt(name, fn) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the page did not answer within ${VIEW_TIMEOUT_MS / 1000 + 10} s`)),
      VIEW_TIMEOUT_MS + 10_000,
    );
  });
  try {
    return { name, ...(await Promise.race([fn(), limit])) };
  } catch (e) {
    return { name, ok: false, detail: `not checked: ${String(e.message ?? e).split('\n')[0]}` };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkAnswers(page, expected, log) {
  const out = [];
  out.push(
    await attempt('span count', async () => {
      const text = await readSpanCount(page);
      const got = Number(String(text).replace(/[^\d]/g, ''));
      return { ok: got === expected.spans, detail: `header says ${text}, expected ${expected.spans}` };
    }),
  );
  out.push(
    await attempt('slowest spans (self time)', async () => {
      const got = await readSlowest(page);
      const want = expected.slowest.slice(0, Math.max(got.length, 1)).map((s) => s.spanId);
      const ok = got.length > 0 && got.length <= expected.slowest.length && firstDifference(got, want) === '';
      const top = expected.slowest[0];
      return {
        ok,
        detail: ok
          ? `${got.length} listed, same order (slowest ${top.spanId}, ${us(top.selfUs)} self)`
          : `${got.length} listed: ${firstDifference(got, want)}`,
      };
    }),
  );
  const rowsBefore = (await attempt('rows', async () => ({ count: await readRowCount(page) }))).count ?? NaN;
  out.push(
    await attempt('statistics by service (view=stats)', async () => {
      await setUrlParams(page, { view: 'stats' });
      const { ms, longestTaskMs, value: rows } = await waitInPage(page, statsRows, null, VIEW_TIMEOUT_MS);
      const bad = [];
      for (const [group, want] of expected.services) {
        const row = rows.find((r) => r.group === group);
        const wanted = [want.count, Math.round(want.selfUs), Math.round(want.criticalUs)];
        const got = row && [row.count, row.selfUs, row.criticalUs];
        if (!got || got.some((x, i) => x !== wanted[i]))
          bad.push(`${group}: ${got ? got.join('/') : 'no row'} ≠ ${wanted.join('/')}`);
      }
      if (rows.length !== expected.services.size)
        bad.push(`${rows.length} rows for ${expected.services.size} services`);
      return {
        ok: bad.length === 0,
        ms,
        detail:
          bad.length === 0
            ? `${rows.length} services: count, self and critical µs equal (${shown(ms, longestTaskMs)})`
            : `count/self/critical differ: ${bad.slice(0, 4).join('; ')}${bad.length > 4 ? ` (+${bad.length - 4})` : ''}`,
      };
    }),
  );
  out.push(
    await attempt('critical path only (only=critical)', async () => {
      await setUrlParams(page, { view: null, only: 'critical' });
      const { ms, longestTaskMs, value } = await waitInPage(page, criticalOnlyRows, rowsBefore, VIEW_TIMEOUT_MS);
      const want = expected.firstCriticalRows.slice(0, Math.min(value.shown.length, expected.firstCriticalRows.length));
      const diff = firstDifference(value.shown.slice(0, want.length), want);
      const ok = value.rowCount === expected.criticalSpanCount && diff === '';
      return {
        ok,
        ms,
        detail: `${value.rowCount.toLocaleString('en-US')} rows, expected ${expected.criticalSpanCount.toLocaleString('en-US')}; first ${want.length} rows ${diff === '' ? 'in order' : diff} (${shown(ms, longestTaskMs)})`,
      };
    }),
  );
  for (const a of out) log(`  ${a.ok ? 'ok  ' : 'FAIL'} ${a.name}: ${a.detail}`);
  return out;
}
