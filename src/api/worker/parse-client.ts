/**
 * Page-side client of the trace worker: one shared worker for the tab, requests matched to
 * answers by id, progress forwarded to a callback, cancellation through an AbortSignal (the
 * worker then aborts its fetch), and failures rebuilt as the typed errors they were. Where
 * there is no Worker (unit tests in Node), the same handler runs in-process.
 */
import { analyzeTrace } from '../../model/analyze';
import type { CoreAnalysis, TraceAnalysis } from '../../model/analysis-types';
import type { Trace, TraceFormat } from '../../model/types';
import { SourceError } from '../http';
import type { DemoCorpus } from '../search/demo-search';
import type { SearchRequest } from '../search/types';
import type { LoadBody, ProgressListener, WorkerRequest, WorkerResponse } from './protocol';
import { StringTables } from './string-chunks';
import { unpackTraceInSlices } from './unpack-trace';
import { unpackCore, unpackSummary } from './pack-analysis';
import { fromWireError } from './wire-error';
import { combinedProgress, startFileSplit } from './split-client';
import { startTraceWorker, takeEarlyWorker } from './worker-start';

export interface LoadResult {
  readonly format: TraceFormat;
  readonly traces: Trace[];
  /** One per trace, in order; empty when `analyze` was false. */
  readonly analyses: TraceAnalysis[];
  /** The URL that answered a fetch. */
  readonly fetchedUrl?: string | undefined;
}

type Settle = {
  resolve: (m: WorkerResponse) => void;
  reject: (e: Error) => void;
  onProgress?: ProgressListener | undefined;
  /** A big trace's string table, arriving ahead of its 'done'. */
  strings?: StringTables;
};

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Settle>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = takeEarlyWorker() ?? startTraceWorker();
  w.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const msg = event.data;
    const p = pending.get(msg.id);
    if (!p) return; // cancelled
    if (msg.type === 'progress') p.onProgress?.(msg.phase, msg.amount);
    else if (msg.type === 'strings') (p.strings ??= new StringTables()).add(msg);
    else if (msg.type === 'done' && p.strings) p.resolve(p.strings.restore(msg));
    else p.resolve(msg);
    if (isLast(msg)) pending.delete(msg.id);
  };
  w.onerror = (event) => {
    // A crashed worker fails every request in flight; the next request starts a new one.
    const message = event.message || 'The trace worker stopped unexpectedly (out of memory?).';
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
    w.terminate();
    worker = undefined;
  };
  worker = w;
  return w;
}

/** The last message of a request: nothing more comes for its id. */
function isLast(msg: WorkerResponse): boolean {
  if (msg.type === 'done') return !msg.analysisFollows;
  return msg.type === 'analysis' || msg.type === 'failed' || msg.type === 'demo-corpus';
}

/** A trace this big leaves the worker's heap large (its model, ~1 GB at 1M spans) long after. */
export const RETIRE_AFTER_SPANS = 250_000;

/**
 * Ends the worker once it has nothing in flight, so the memory of a big trace's model is
 * given back at once (an idle worker collects no garbage); the next request starts a new one.
 */
function retireWorker(): void {
  if (worker === undefined || pending.size > 0) return;
  worker.terminate();
  worker = undefined;
}

/**
 * Starts the worker ahead of the first request (a trace page does this while it reads the
 * list of sources), so loading its script is not on the trace's critical path.
 */
export function warmTraceWorker(): void {
  if (typeof Worker !== 'undefined') getWorker();
}

/** Messages of one request, in order, until the caller stops reading. */
function request(
  body: LoadBody,
  analyze: boolean,
  signal: AbortSignal | undefined,
  onProgress: ProgressListener | undefined,
  transfer: Transferable[] = [],
): () => Promise<WorkerResponse> {
  const id = nextId++;
  const queue: WorkerResponse[] = [];
  let waiting: Settle | undefined;
  let failure: Error | undefined;
  const settle: Settle = {
    resolve: (m) => (waiting ? (waiting.resolve(m), (waiting = undefined)) : queue.push(m)),
    reject: (e) => (waiting ? (waiting.reject(e), (waiting = undefined)) : (failure = e)),
    onProgress,
  };
  const cancelled = () => new SourceError('cancelled', 'Cancelled.');
  if (signal?.aborted) failure = cancelled();
  else if (typeof Worker === 'undefined') void inProcess({ ...body, id, analyze } as WorkerRequest, settle, signal);
  else {
    pending.set(id, settle);
    signal?.addEventListener('abort', () => {
      if (!pending.delete(id)) return;
      // A cancelled load can keep the worker busy for seconds more (a big file's batch, its
      // GC): with nothing else in flight the worker is ended, so the next load starts at once.
      if (pending.size === 0) retireWorker();
      else worker?.postMessage({ id, kind: 'cancel' } satisfies WorkerRequest);
      settle.reject(cancelled());
    });
    getWorker().postMessage({ ...body, id, analyze } as WorkerRequest, transfer);
  }
  return () => {
    const next = queue.shift();
    if (next) return Promise.resolve(next);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => (waiting = { resolve, reject }));
  };
}

/** Without a Worker (Node tests): the worker's own handler, on this thread. */
async function inProcess(req: WorkerRequest, settle: Settle, signal: AbortSignal | undefined): Promise<void> {
  if (req.kind === 'cancel' || req.kind === 'file-tail') return;
  const { analysisMessages, handleLoadRequest } = await import('./handle-request');
  const done = await handleLoadRequest(
    req,
    (p, amount) => settle.onProgress?.(p, amount),
    signal ?? new AbortController().signal,
  );
  settle.resolve(done.message);
  if (done.message.type === 'done' && done.message.analysisFollows)
    for (const { message } of analysisMessages(req.id, done.traces, done.keys)) settle.resolve(message);
}

/** After the next frame is painted, or 100 ms (a hidden tab paints none). */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => setTimeout(resolve, 0);
    const timer = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() => {
        clearTimeout(timer);
        done();
      });
  });
}

/** Timing marks of a load, for the perf tools (performance.getEntriesByName). */
function mark(name: string, startTime?: number): void {
  if (typeof performance.mark === 'function')
    performance.mark(name, startTime === undefined ? undefined : { startTime });
}

export async function loadInWorker(
  body: LoadBody,
  options: {
    signal?: AbortSignal | undefined;
    onProgress?: ProgressListener | undefined;
    analyze?: boolean;
    /** Spans from which the worker is ended after the load (tests make it small). */
    retireAfterSpans?: number;
    /** The traces with their cores, before the summaries: enough to draw rows (not called if a core failed). */
    onCore?:
      ((traces: readonly Trace[], cores: readonly CoreAnalysis[], fetchedUrl: string | undefined) => void) | undefined;
  } = {},
): Promise<LoadResult> {
  const analyze = options.analyze ?? true;
  // A big file is read by two workers, one per half (split-file.ts).
  const progress = combinedProgress(options.onProgress);
  const split =
    body.kind === 'file' && options.signal?.aborted !== true
      ? await startFileSplit(body.file, progress.tail)
      : undefined;
  if (split) mark('pathlight:file-split');
  const sent: LoadBody = body.kind === 'file' && split ? { ...body, split: split.split } : body;
  const next = split
    ? request(sent, analyze, options.signal, progress.head, [split.split.port])
    : request(sent, analyze, options.signal, options.onProgress);
  let done: WorkerResponse;
  try {
    done = await next();
  } finally {
    split?.stop(); // its part is in 'done' (or no longer wanted)
  }
  if (done.type === 'failed') throw fromWireError(done.error);
  if (done.type !== 'done') throw new Error(`The trace worker answered ${done.type} instead of traces.`);
  if (done.bytesAtEpochMs !== undefined)
    mark('pathlight:trace-bytes', Math.max(0, done.bytesAtEpochMs - performance.timeOrigin));
  // Unpacked right away: this overlaps the worker's analysis.
  mark('pathlight:trace-packed');
  // In slices: the page keeps painting (progress, Cancel) while a big trace is rebuilt.
  const traces: Trace[] = [];
  for (const packed of done.traces) traces.push(await unpackTraceInSlices(packed));
  mark('pathlight:trace-unpacked');
  const { fetchedUrl } = done;
  if (!done.analysisFollows) return { format: done.format, traces, analyses: [], fetchedUrl };
  const core = await next();
  mark('pathlight:trace-core');
  if (core.type !== 'core') throw new Error(`The trace worker answered ${core.type} instead of an analysis.`);
  // A task boundary between reading the answer and the first render that uses it.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const cores = core.cores.map((c) => (c ? unpackCore(c) : undefined));
  const previewed = options.onCore !== undefined && cores.every((c) => c !== undefined);
  if (previewed) options.onCore?.(traces, cores, fetchedUrl);
  const answer = await next();
  mark('pathlight:trace-analysed');
  if (answer.type !== 'analysis') throw new Error(`The trace worker answered ${answer.type} instead of an analysis.`);
  if (answer.message)
    console.warn('The worker could not analyse a trace; analysing it on the page instead.', answer.message);
  // After a preview, the frame with its rows is painted before the summary is drawn.
  await (previewed ? afterNextFrame() : new Promise((resolve) => setTimeout(resolve, 0)));
  const analyses = traces.map((t, i): TraceAnalysis => {
    const c = cores[i];
    const summary = answer.analyses[i];
    // The core object itself gains the summary: what was drawn from the core stays the same object.
    if (!c || !summary) return analyzeTrace(t);
    const { bottlenecks, ...rest } = unpackSummary(summary);
    // One list of the slowest spans on the page: the core's.
    return Object.assign(c, rest, { bottlenecks: { ...bottlenecks, slowestBySelfTime: c.slowestBySelfTime } });
  });
  const spans = traces.reduce((n, t) => n + t.spans.length, 0);
  if (spans >= (options.retireAfterSpans ?? RETIRE_AFTER_SPANS)) retireWorker();
  return { format: done.format, traces, analyses, fetchedUrl };
}

/** The demo source's search (and its service and operation lists, with no request). */
export async function demoSearchInWorker(
  searchRequest: SearchRequest | undefined,
  signal?: AbortSignal,
): Promise<DemoCorpus> {
  const answer = await request({ kind: 'demo-search', request: searchRequest }, false, signal, undefined)();
  if (answer.type === 'failed') throw fromWireError(answer.error);
  if (answer.type !== 'demo-corpus')
    throw new Error(`The trace worker answered ${answer.type} instead of search results.`);
  return answer.corpus;
}
