// The page side of the "million" bench: an init script that times the file choice, the first
// painted waterfall rows and every main-thread long task, and readers for the app's stable test
// hooks (DESIGN.md "Stable hooks for tests") after the trace is open, including switching a
// file-opened trace to other views through its URL (in-app navigation: a reload would lose it).

/** Runs in the page before its scripts (page.addInitScript). Times are performance.now() ms. */
export function instrumentPage() {
  if (window.__million) return;
  const M = (window.__million = { longTasks: [], chosenAt: null, rowsDomAt: null, rowsAt: null, statuses: [] });
  M.alert = null;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) M.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    M.observerError = String(e);
  }
  document.addEventListener(
    'change',
    (e) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'file' && M.chosenAt === null)
        M.chosenAt = performance.now();
    },
    true,
  );
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight;
  };
  const check = () => {
    if (M.chosenAt === null) return;
    // The open-file progress ("Opening <file>: <phase>…"): its phases, in order.
    const status = document.querySelector('[role="status"]')?.textContent ?? '';
    const phase = /^Opening .*?: (.+?)…/.exec(status)?.[1];
    const last = M.statuses[M.statuses.length - 1];
    if (phase !== undefined && phase !== last?.[1]) M.statuses.push([performance.now(), phase]);
    const alert = document.querySelector('[role="alert"]');
    if (alert && M.rowsDomAt === null) M.alert = alert.innerText.trim().replace(/\s*\n+\s*/g, ' — ');
    if (M.rowsDomAt !== null) return;
    const row = document.querySelector('[data-testid="span-row"]');
    if (row === null || !visible(row)) return;
    M.rowsDomAt = performance.now();
    // The first frame with the rows: a rAF runs before that frame's paint, a task after it.
    requestAnimationFrame(() => setTimeout(() => (M.rowsAt = performance.now()), 0));
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  const poll = () => {
    check();
    if (M.rowsDomAt === null) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/** The load's state so far: times relative to the file choice (ms). */
export function loadState(page) {
  return page.evaluate(() => {
    const M = window.__million;
    const rel = (t) => (t === null || M.chosenAt === null ? null : t - M.chosenAt);
    return {
      chosen: M.chosenAt !== null,
      rowsDomMs: rel(M.rowsDomAt),
      rowsMs: rel(M.rowsAt),
      alert: M.alert,
      statuses: M.statuses.map(([t, s]) => [rel(t), s]),
    };
  });
}

/** Long tasks [startMs, durationMs] overlapping [fromMs, toMs] after the file choice; app timing marks. */
export function longTasksAndMarks(page, fromMs, toMs) {
  return page.evaluate(
    ([from, to]) => {
      const M = window.__million;
      const c = M.chosenAt ?? 0;
      return {
        longTasks: M.longTasks
          .map(([s, d]) => [s - c, d])
          .filter(([s, d]) => s + d > from && s < to)
          .map(([s, d]) => [Math.round(s), Math.round(d)]),
        marks: performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('pathlight:') && m.startTime >= c)
          .map((m) => [m.name, Math.round(m.startTime - c)]),
        observerError: M.observerError,
        nowMs: performance.now() - c,
      };
    },
    [fromMs, toMs],
  );
}

export function longTaskStats(tasks, overMs) {
  let max = 0;
  let total = 0;
  let over = 0;
  for (const [, d] of tasks) {
    max = Math.max(max, d);
    total += d;
    if (d > overMs) over++;
  }
  return { count: tasks.length, maxMs: max, totalMs: total, overBudget: over };
}

/** Changes the URL's query inside the app (pushState + popstate, as the app's router listens). */
export function setUrlParams(page, params) {
  return page.evaluate((p) => {
    const u = new URL(location.href);
    for (const [k, v] of Object.entries(p)) {
      if (v === null) u.searchParams.delete(k);
      else u.searchParams.set(k, v);
    }
    history.pushState(null, '', `${u.pathname}${u.search}`);
    dispatchEvent(new PopStateEvent('popstate'));
    window.__million.switchedAt = performance.now();
  }, params);
}

/**
 * Waits for `predicate` (run in the page) to return a value: the value, ms since the URL switch,
 * and the longest main-thread task since the switch.
 */
export async function waitInPage(page, predicate, arg, timeoutMs) {
  const handle = await page.waitForFunction(predicate, arg, { polling: 'raf', timeout: timeoutMs });
  const value = await handle.jsonValue();
  const { ms, longestTaskMs } = await page.evaluate(() => {
    const M = window.__million;
    let longest = 0;
    for (const [s, d] of M.longTasks) if (s + d > M.switchedAt) longest = Math.max(longest, d);
    return { ms: performance.now() - M.switchedAt, longestTaskMs: longest };
  });
  return { ms, longestTaskMs, value };
}

export const readRowCount = (page) =>
  page.evaluate(() => Number(document.querySelector('[data-testid="waterfall"]')?.getAttribute('aria-rowcount')));

export const readSpanCount = (page) =>
  page.evaluate(() => document.querySelector('[data-testid="trace-span-count"]')?.textContent ?? null);

export const readSlowest = (page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="slowest-spans"] [data-span-id]'), (e) =>
      e.getAttribute('data-span-id'),
    ),
  );

/** The stats view's rows, once there: [{ group, count, selfUs, criticalUs }]. */
export function statsRows() {
  const rows = document.querySelectorAll('[data-testid="stats-row"]');
  if (rows.length === 0) return null;
  return Array.from(rows, (r) => ({
    group: r.getAttribute('data-group'),
    count: Number(r.getAttribute('data-count')),
    selfUs: Number(r.getAttribute('data-self-us')),
    criticalUs: Number(r.getAttribute('data-critical-us')),
  }));
}

/**
 * The waterfall once it shows only critical-path rows (its row count no longer `before`, every
 * row on screen marked critical): its row count and the rows on screen, top first.
 */
export function criticalOnlyRows(before) {
  const w = document.querySelector('[data-testid="waterfall"]');
  const rows = Array.from(document.querySelectorAll('[data-testid="span-row"]'));
  if (w === null || rows.length === 0 || Number(w.getAttribute('aria-rowcount')) === before) return null;
  if (!rows.every((r) => r.getAttribute('data-critical-path') === 'true')) return null;
  const shown = rows
    .map((r) => [r.getBoundingClientRect().top, r.getAttribute('data-span-id')])
    .sort((a, b) => a[0] - b[0])
    .map(([, id]) => id);
  return { rowCount: Number(w.getAttribute('aria-rowcount')), shown };
}
