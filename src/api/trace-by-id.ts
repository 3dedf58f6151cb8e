/**
 * Fetching one trace by id from a backend source, with each backend's fallbacks:
 * Jaeger v3 then v1, Tempo /api/v2/traces then /api/traces, Zipkin /api/v2/trace.
 * The body is parsed in the worker (large traces), and every failure is a SourceError.
 */
import type { Trace, TraceId } from '../model/types';
import { fetchText, SourceError } from './http';
import { proxyBase, type BackendSource } from './sources';
import { parseInWorker } from './worker/parse-client';

export interface TimeRange {
  /** Unix seconds; Tempo needs them once a trace has left its recent window. */
  readonly startS?: number | undefined;
  readonly endS?: number | undefined;
}

export function traceByIdUrls(source: BackendSource, traceId: TraceId, range: TimeRange = {}): string[] {
  const base = proxyBase(source);
  const q = new URLSearchParams();
  switch (source.type) {
    case 'jaeger': {
      const v3 = new URLSearchParams();
      if (range.startS !== undefined) v3.set('startTime', new Date(range.startS * 1000).toISOString());
      if (range.endS !== undefined) v3.set('endTime', new Date(range.endS * 1000).toISOString());
      const v3q = v3.toString();
      return [`${base}/api/v3/traces/${traceId}${v3q ? `?${v3q}` : ''}`, `${base}/api/traces/${traceId}`];
    }
    case 'tempo': {
      if (range.startS !== undefined) q.set('start', String(Math.floor(range.startS)));
      if (range.endS !== undefined) q.set('end', String(Math.ceil(range.endS)));
      const qs = q.toString() ? `?${q.toString()}` : '';
      return [`${base}/api/v2/traces/${traceId}${qs}`, `${base}/api/traces/${traceId}${qs}`];
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
    const hint = source.type === 'tempo' ? ' Tempo searches only recent data without a time range: open the trace from a search, or add start and end to the link.' : '';
    throw new SourceError('not-found', `${source.name} has no trace ${traceId}.${hint}`, 404);
  }
  if (lastError instanceof Error && lastError.name === 'TraceLoadError') {
    const msg = lastError.message;
    if (/not found|no (trace|spans|resourceSpans)/i.test(msg)) throw new SourceError('not-found', `${source.name} has no trace ${traceId}.`, 404);
    throw new SourceError('bad-response', `${source.name} answered, but not with a trace Pathlight can read: ${msg}`);
  }
  throw lastError instanceof Error ? lastError : new SourceError('bad-response', String(lastError));
}
