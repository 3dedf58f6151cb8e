/**
 * Page-side client of the parse worker: one shared worker, requests matched to answers by
 * id, progress forwarded to a callback, and cancellation through an AbortSignal.
 */
import type { TraceAnalysis } from '../../model/analysis-types';
import type { Trace, TraceFormat } from '../../model/types';
import { unpackTrace } from './unpack-trace';
import type { ParsePhase, ParseRequest, ParseResponse } from './protocol';

export class TraceLoadError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = 'TraceLoadError';
  }
}

export interface ParsedResult {
  readonly format: TraceFormat;
  readonly traces: Trace[];
  /** With `analyze` and a single trace: the worker's analysis of it (undefined if it failed). */
  readonly analysis?: TraceAnalysis | undefined;
}

type Pending = {
  resolve: (r: ParsedResult) => void;
  /** The 'done' result, kept while its analysis is on the way. */
  parsed?: ParsedResult | undefined;
  reject: (e: Error) => void;
  onProgress?: ((p: ParsePhase) => void) | undefined;
};

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'pathlight-parse' });
  w.onmessage = (event: MessageEvent<ParseResponse>) => {
    const msg = event.data;
    const p = pending.get(msg.id);
    if (!p) return; // cancelled
    switch (msg.type) {
      case 'progress':
        p.onProgress?.(msg.phase);
        return;
      case 'done': {
        let traces: Trace[];
        try {
          // Unpacked right away: with an analysis to follow, this overlaps the worker's analysis.
          traces = msg.traces.map(unpackTrace);
        } catch (err) {
          pending.delete(msg.id);
          p.reject(new TraceLoadError('WorkerError', `The parsed trace could not be read: ${err instanceof Error ? err.message : String(err)}`));
          return;
        }
        const parsed = { format: msg.format, traces };
        if (msg.analysisFollows) p.parsed = parsed;
        else {
          pending.delete(msg.id);
          p.resolve(parsed);
        }
        return;
      }
      case 'analysis':
        pending.delete(msg.id);
        if (msg.message) console.warn('The worker could not analyse the trace; analysing on the page instead.', msg.message);
        if (p.parsed) p.resolve({ ...p.parsed, analysis: msg.analysis });
        else p.reject(new TraceLoadError('WorkerError', 'The parser sent an analysis without a trace.'));
        return;
      case 'failed':
        pending.delete(msg.id);
        p.reject(new TraceLoadError(msg.errorName, msg.message));
        return;
    }
  };
  w.onerror = (event) => {
    // A crashed worker fails every request in flight; the next request starts a new one.
    const message = event.message || 'The trace parser stopped unexpectedly (out of memory?).';
    for (const p of pending.values()) p.reject(new TraceLoadError('WorkerError', message));
    pending.clear();
    w.terminate();
    worker = undefined;
  };
  worker = w;
  return w;
}

type RequestBody = ParseRequest extends infer R ? (R extends ParseRequest ? Omit<R, 'id'> : never) : never;

export function parseInWorker(
  body: RequestBody,
  options: { signal?: AbortSignal; onProgress?: (phase: ParsePhase) => void } = {},
): Promise<ParsedResult> {
  const id = nextId++;
  return new Promise<ParsedResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('Cancelled', 'AbortError'));
      return;
    }
    pending.set(id, { resolve, reject, onProgress: options.onProgress });
    options.signal?.addEventListener('abort', () => {
      if (pending.delete(id)) reject(new DOMException('Cancelled', 'AbortError'));
    });
    getWorker().postMessage({ ...body, id } satisfies ParseRequest);
  });
}
