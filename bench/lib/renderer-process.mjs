// The renderer process of one page, and its memory as Linux counts it. Chromium's browser-level
// CDP (SystemInfo.getProcessInfo) lists the renderer processes with their CPU time but not which
// page each one serves, so the page burns CPU for a moment and the renderer whose CPU time grew
// most is the page's. Its memory is read from /proc/<pid>/status: VmRSS (resident now) and VmHWM
// (the kernel's high-water mark of VmRSS, reset through /proc/<pid>/clear_refs), so the peak is
// exact rather than sampled. A dedicated worker runs in its page's renderer: it is counted too.
import { readFile, writeFile } from 'node:fs/promises';
import { attachWorker } from './worker-session.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A browser-level CDP session of the context's browser. */
export async function browserSession(context) {
  const browser = context.browser();
  if (!browser) throw new Error('no browser-level CDP session for this context');
  return browser.newBrowserCDPSession();
}

async function rendererCpu(bs) {
  const { processInfo } = await bs.send('SystemInfo.getProcessInfo');
  return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
}

/**
 * The pid of the renderer process running `page`, and how it was told: by CPU time (the page
 * busy for 600 ms; on a loaded machine it gets far less CPU than that, so only the ratio to the
 * next busiest renderer counts), else, when that stays ambiguous, the renderer with the most RSS.
 */
export async function pageRendererPid(bs, page) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const before = await rendererCpu(bs);
    await page.evaluate(() => {
      const end = performance.now() + 600;
      while (performance.now() < end);
    });
    const after = await rendererCpu(bs);
    const grown = [...after].map(([pid, cpu]) => [pid, cpu - (before.get(pid) ?? 0)]).sort((a, b) => b[1] - a[1]);
    if (grown.length > 0 && grown[0][1] >= 0.03 && (grown[1]?.[1] ?? 0) < grown[0][1] / 3)
      return { pid: grown[0][0], how: 'cpu' };
    await sleep(200);
  }
  let best;
  for (const pid of (await rendererCpu(bs)).keys()) {
    const m = await processMemory(pid);
    if (m && (best === undefined || m.rss > best.rss)) best = { pid, rss: m.rss };
  }
  if (!best) throw new Error('the browser lists no renderer process');
  return { pid: best.pid, how: 'largest' };
}

/** { rss, peak } in bytes from /proc/<pid>/status, or undefined once the process is gone. */
export async function processMemory(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system, all its threads) the process has used, from /proc/<pid>/stat. */
export async function processCpuSeconds(pid, ticksPerSecond = 100) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond; // utime, stime (14th, 15th)
  } catch {
    return NaN;
  }
}

/** Resets the process's VmHWM to its current RSS; false when the kernel refused. */
export async function resetPeak(pid) {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples VmRSS every `everyMs` until stop(), which resolves to the samples and the peak seen. */
export function sampleMemory(pid, t0, everyMs = 100) {
  const samples = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const m = await processMemory(pid);
      if (m === undefined) break;
      samples.push([Date.now() - t0, m.rss]);
      await sleep(everyMs);
    }
  })();
  return {
    samples,
    async stop() {
      on = false;
      await loop;
      const m = await processMemory(pid);
      let peak = m?.peak ?? 0;
      for (const [, rss] of samples) peak = Math.max(peak, rss);
      return { samples, peak, rss: m?.rss };
    },
  };
}

const used = (r) => (r ? r.usedSize + (r.backingStorageSize ?? 0) : NaN);

/** JS heap used by the page's dedicated worker (script under `urlPrefix`): [{ url, usedBytes }]. */
export async function workerHeaps(bs, urlPrefix) {
  const w = await attachWorker(bs, urlPrefix);
  if (!w) return [];
  try {
    return [{ url: w.url, usedBytes: used(await w.send('Runtime.getHeapUsage')) }];
  } finally {
    await w.detach();
  }
}

/**
 * Samples the JS heap used by the page and by its dedicated worker (under `urlPrefix`) about
 * every `everyMs` while a load runs: a busy thread answers late, so a sample may be skipped.
 * stop() resolves to the samples [ms since t0, page bytes, worker bytes] and the peaks.
 */
export function sampleHeaps(bs, cdp, urlPrefix, t0, everyMs = 500) {
  const samples = [];
  let on = true;
  let worker;
  const workerHeap = async () => {
    worker ??= await attachWorker(bs, urlPrefix);
    return worker ? used(await worker.send('Runtime.getHeapUsage', {}, 2000)) : NaN;
  };
  const loop = (async () => {
    while (on) {
      const at = Date.now();
      const [page, work] = await Promise.all([
        Promise.race([cdp.send('Runtime.getHeapUsage'), sleep(2000)]).then(used, () => NaN),
        workerHeap().catch(async (e) => {
          if (!/did not answer/.test(e.message)) {
            await worker?.detach(); // gone (a crashed worker is replaced): look for it again
            worker = undefined;
          }
          return NaN;
        }),
      ]);
      samples.push([at - t0, page, work]);
      await sleep(Math.max(0, everyMs - (Date.now() - at)));
    }
  })();
  return {
    async stop() {
      on = false;
      await loop;
      await worker?.detach();
      let page = 0;
      let work = 0;
      for (const [, p, w] of samples) {
        if (p > page) page = p;
        if (w > work) work = w;
      }
      return { samples, peakPageBytes: page, peakWorkerBytes: work };
    },
  };
}
