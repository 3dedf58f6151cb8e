// The "million" section's printed report, from its result object (bench/million.mjs).
import { cpus } from 'node:os';
import { fmt } from './stats.mjs';

const mib = (b) => (Number.isFinite(b) ? `${fmt(b / 1024 / 1024, 0)} MiB` : '—');
const mark = (ok) => (ok ? 'ok' : 'OVER');

export function formatMillionReport(r, written) {
  const b = r.budget;
  const lines = [
    `Million spans: ${r.file.path} (${mib(r.file.bytes)}, ${r.file.spans.toLocaleString('en-US')} spans, Jaeger JSON), opened through "Open trace file"`,
  ];
  if (r.failure) lines.push(`NOT LOADED: ${r.failure}`);
  const rows = r.firstRowsMs;
  lines.push(
    `first rows (file chosen → first frame with rows): ${rows === null ? 'never' : `${fmt(rows / 1000, 2)} s`} — ${mark(r.ok.firstRows)} (≤ ${b.firstRowsMs / 1000} s)`,
  );
  if (Number.isFinite(r.rendererCpuSeconds))
    lines.push(
      `  renderer CPU time until then: ${fmt(r.rendererCpuSeconds, 1)} s, all threads (machine load average ${fmt(r.loadAverage ?? NaN, 1)} on ${cpus().length} cores when the file was chosen)`,
    );
  if (r.statuses?.length)
    lines.push(`  progress seen: ${r.statuses.map(([t, s]) => `${fmt(t / 1000, 1)} s ${s}`).join(' · ')}`);
  if (r.marks?.length)
    lines.push(
      `  app marks: ${r.marks.map(([n, t]) => `${n.replace('pathlight:', '')} ${fmt(t / 1000, 2)} s`).join(' · ')}`,
    );
  const rd = r.renderer;
  lines.push(
    `renderer process (pid ${rd?.pid ?? '?'} found by ${rd?.foundBy ?? '—'}; /proc VmHWM${rd?.peakIsKernelHighWater ? '' : ' not reset; peak of 100 ms VmRSS samples'}): peak ${mib(rd?.peakBytes)}, after load ${mib(rd?.afterLoadBytes)}, before ${mib(rd?.beforeBytes)} — ${mark(r.ok.memory)} (≤ ${mib(b.rendererBytes)})`,
  );
  const h = r.heapsDuringLoad;
  if (h && rd?.peakAtMs !== undefined)
    lines.push(
      `  RSS peaked ${fmt(rd.peakAtMs / 1000, 1)} s after the choice; JS heaps then: page ${mib(h.atRssPeak?.[1])}, worker ${mib(h.atRssPeak?.[2])} (load peaks: page ${mib(h.peakPageBytes)}, worker ${mib(h.peakWorkerBytes)})`,
    );
  if (r.pageHeapBytes !== undefined)
    lines.push(
      `  JS heaps after load (not collected): page ${mib(r.pageHeapBytes)}, worker ${r.workerHeaps?.length ? r.workerHeaps.map((w) => mib(w.usedBytes)).join(' + ') : 'none alive'}`,
    );
  const lt = r.longTasks;
  lines.push(
    lt
      ? `main-thread long tasks, choice → ${r.failure ? 'giving up' : 'rows + 5 s'}: ${lt.count} (${fmt(lt.totalMs / 1000, 2)} s in all), longest ${fmt(lt.maxMs, 0)} ms, ${lt.overBudget} over ${b.taskMs} ms — ${mark(r.ok.tasks)}`
      : `main-thread long tasks: not measured — ${mark(false)}`,
  );
  if (lt?.list?.length) {
    const longest = [...lt.list].sort((x, y) => y[1] - x[1]).slice(0, 6);
    lines.push(`  longest at: ${longest.map(([s, d]) => `${fmt(d, 0)} ms @ ${fmt(s / 1000, 2)} s`).join(', ')}`);
  }
  const sc = r.scroll;
  lines.push(
    sc?.fps
      ? `wheel scroll (100 px / 16 ms for 2 s, as ../shared/perf/measure.mjs, no Playwright locator on the page: see lib/wheel-fps.mjs): ${fmt(sc.fps)} fps, p95 frame ${fmt(sc.p95FrameMs)} ms, max ${fmt(sc.maxFrameMs)} ms — ${mark(r.ok.fps)} (≥ ${b.fps}, issue 16 item 4)`
      : `wheel scroll: ${sc?.error ?? 'not measured'} — ${mark(false)}`,
  );
  if (r.answers) for (const a of r.answers) lines.push(`${a.ok ? 'ok  ' : 'FAIL'} ${a.name}: ${a.detail}`);
  else lines.push(`answers: not checked — ${mark(false)}`);
  for (const [thread, p] of Object.entries(r.profiles ?? {}))
    if (p?.top?.length)
      lines.push(
        `${thread === 'main' ? 'main-thread' : `worker (from ${fmt(p.fromMs / 1000, 2)} s)`} profile, self time (${p.path}):`,
        ...p.top.slice(0, 10).map((f) => `  ${fmt(f.ms, 0).padStart(6)} ms  ${f.fn}`),
        ...(p.files?.length
          ? ['  by source file:', ...p.files.map((f) => `  ${fmt(f.ms, 0).padStart(6)} ms  ${f.file}`)]
          : []),
      );
  lines.push(r.overBudget ? 'OVER BUDGET somewhere above.' : 'Within budget.', `Written: ${written}`);
  return lines.join('\n');
}
