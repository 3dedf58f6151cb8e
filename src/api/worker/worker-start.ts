/**
 * Starts the trace worker. The app's entry calls `startTraceWorkerEarly` on a trace link before
 * the app's code has even loaded, so the worker's thread and script are ready by the time the
 * page asks it for the trace; the page's client then takes that worker over.
 */
let early: Worker | undefined;

export const startTraceWorker = (): Worker =>
  new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'pathlight-trace' });

export function startTraceWorkerEarly(): void {
  if (typeof Worker !== 'undefined') early ??= startTraceWorker();
}

/** The worker started early, once; afterwards undefined. */
export function takeEarlyWorker(): Worker | undefined {
  const w = early;
  early = undefined;
  return w;
}
