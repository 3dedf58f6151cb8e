/**
 * Fetching one trace by id from a backend source, with each backend's fallbacks:
 * Jaeger v3 then v1, Zipkin /api/v2/trace; Tempo in tempo/trace-by-id.ts (a generous window,
 * retried without one; v1 only when v2's route is missing).
 * The body is parsed in the worker (large traces), and every failure is a SourceError.
 */
import type { Trace, TraceId } from '../model/types';
import { fetchText, SourceError } from './http';
import { proxyBase, type BackendSource } from './sources';
import { parseInWorker } from './worker/parse-client';
import { fetchTempoTraceById, tempoTraceUrl, tempoTraceWindow } from './tempo/trace-by-id';

export interface TimeRange {
  /** Unix seconds; Tempo needs them once a trace has left its recent window. */
  readonly startS?: number | undefined;
  readonly endS?: number | undefined;
}

export function traceByIdUrls(source: BackendSource, traceId: TraceId, range: TimeRange = {}): string[] {
  const base = proxyBase(source);
  switch (source.type) {
    case 'jaeger': {
      const v3 = new URLSearchParams();
      if (range.startS !== undefined) v3.set('startTime', new Date(range.startS * 1000).toISOString());
      if (range.endS !== undefined) v3.set('endTime', new Date(range.endS * 1000).toISOString());
      const v3q = v3.toString();
      return [`${base}/api/v3/traces/${traceId}${v3q ? `?${v3q}` : ''}`, `${base}/api/traces/${traceId}`];
    }
    case 'tempo': {
      // The first request; fetchTempoTraceById decides on the retry without a window and on v1.
      return [tempoTraceUrl(base, 'v2', traceId, tempoTraceWindow(range))];
    }
    case 'zipkin': {
      // Zipkin keeps 64-bit ids as 16 hex characters.
      const id = traceId.startsWith('0000000000000000') ? traceId.slice(16) : traceId;
      return [`${base}/api/v2/trace/${id}`];
    }
  }
}

/** Tries each URL in turn; the first trace found wins. A last not-found error is reworded for the user. */
export async function fetchTraceById(
  source: BackendSource,
  traceId: TraceId,
  range: TimeRange,
  options: { signal?: AbortSignal | undefined; onProgress?: (phase: string) => void } = {},
): Promise<Trace> {
  if (source.type === 'tempo') return fetchTempoTraceById(source, traceId, range, options);
  let lastError: unknown;
  for (const url of traceByIdUrls(source, traceId, range)) {
    try {
      options.onProgress?.(`asking ${source.name}`);
      const text = await fetchText(url, { signal: options.signal, sourceName: source.name, sourceId: source.id });
      const parsed = await parseInWorker({ kind: 'text', text, fileName: url }, { signal: options.signal, onProgress: options.onProgress });
      const trace = parsed.traces.find((t) => t.traceId === traceId) ?? parsed.traces[0];
      if (!trace) throw new SourceError('not-found', 'The answer held no spans.');
      return trace;
    } catch (err) {
      if (err instanceof SourceError && (err.kind === 'cancelled' || err.kind === 'unreachable' || err.kind === 'timeout')) throw err;
      if (err instanceof DOMException && err.name === 'AbortError') throw new SourceError('cancelled', 'Cancelled.');
      lastError = err;
    }
  }
  if (lastError instanceof SourceError && lastError.kind === 'not-found') {
    throw new SourceError('not-found', `${source.name} has no trace ${traceId}.`, 404);
  }
  if (lastError instanceof Error && lastError.name === 'TraceLoadError') {
    const msg = lastError.message;
    if (/not found|no (trace|spans|resourceSpans)/i.test(msg)) throw new SourceError('not-found', `${source.name} has no trace ${traceId}.`, 404);
    throw new SourceError('bad-response', `${source.name} answered, but not with a trace Pathlight can read: ${msg}`);
  }
  throw lastError instanceof Error ? lastError : new SourceError('bad-response', String(lastError));
}
