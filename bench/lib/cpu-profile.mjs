// CPU profiles (CDP Profiler) of the page's main thread or of its worker, summarised by self
// time per function, so a bench can say where the time went. Only when asked
// (BENCH_MILLION_PROFILE=1): sampling slows the page a little. `session` is anything with
// send(method, params, timeoutMs): a Playwright CDPSession or a worker-session.mjs session.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function startProfile(session) {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 1000 });
  await session.send('Profiler.start');
}

/** Stops the profile; returns it and its top `top` functions by self time (ms), idle left out. */
export async function stopProfile(session, top = 15) {
  const { profile } = await session.send('Profiler.stop', {}, 120_000);
  await session.send('Profiler.disable').catch(() => {});
  return { profile, functions: topFunctions(profile, top) };
}

export function topFunctions(profile, top) {
  const selfUs = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url ? f.url.slice(f.url.lastIndexOf('/') + 1) : '';
    const key = `${f.functionName || '(anonymous)'} ${file}${file ? `:${f.lineNumber + 1}` : ''}`.trim();
    selfUs.set(key, (selfUs.get(key) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  }
  selfUs.delete('(idle)');
  return [...selfUs]
    .map(([fn, us]) => ({ fn, ms: us / 1000 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

/**
 * Self time per source file (ms, idle left out, largest first), for a profile of the unminified
 * build in `assetsDir`: Vite's unminified chunks mark where each module starts with a
 * `// src/…` (or `// node_modules/…`) comment line. Builtins and GC keep their own names.
 */
export async function bySourceFile(profile, assetsDir, top = 12) {
  const starts = new Map(); // chunk file name → [[line, module]] ascending
  for (const f of (await readdir(assetsDir)).filter((x) => x.endsWith('.js'))) {
    const marks = [];
    (await readFile(join(assetsDir, f), 'utf8')).split('\n').forEach((line, i) => {
      const m = /^\/\/ ((?:src|node_modules)\/\S+)/.exec(line);
      if (m) marks.push([i + 1, m[1]]);
    });
    starts.set(f, marks);
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const f = byId.get(profile.samples[i])?.callFrame;
    if (!f || f.functionName === '(idle)') continue;
    let key = f.functionName || '(anonymous)';
    if (f.url) {
      const chunk = f.url.slice(f.url.lastIndexOf('/') + 1);
      key = chunk;
      for (const [line, module] of starts.get(chunk) ?? []) if (line <= f.lineNumber + 1) key = module;
    }
    ms.set(key, (ms.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  return [...ms]
    .map(([file, t]) => ({ file, ms: t }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}
