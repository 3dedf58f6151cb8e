// CPU profiles (CDP Profiler) of the page's main thread or of its worker, summarised by self
// time per function, so a bench can say where the time went. Only when asked
// (BENCH_MILLION_PROFILE=1): sampling slows the page a little. `session` is anything with
// send(method, params, timeoutMs): a Playwright CDPSession or a worker-session.mjs session.

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
