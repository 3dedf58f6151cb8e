/**
 * One trace by id from Grafana Tempo, the way a real Tempo answers (WIRE-FORMATS §3):
 * - `start`/`end` only narrow which blocks are read, and a block records spans that were more
 *   than 2 min from their ingestion time at the ingestion time: a replayed, imported or
 *   clock-skewed trace is hidden by a narrow window. So the window is generous (the trace's own
 *   range ± an hour), and a miss with a window is asked once more without one (all of Tempo).
 * - `/api/v2/traces/{id}` answers an unknown id with 200 `{"trace":{}}`: that is the final
 *   answer. `/api/traces/{id}` (v1) is asked only when the v2 route itself is missing (404
 *   "page not found", or 405), and then for the rest of the page's life.
 * - Each request asks for protobuf (`Accept: application/protobuf, application/json;q=0.9`) and the
 *   worker reads what the Content-Type says (tempo/proto-body.ts); a 406 from something between
 *   Pathlight and Tempo that refuses the header makes the source JSON-only for the page's life.
 * Each request is one load in the trace worker (fetch, parse with the Tempo adapter, analyse);
 * the worker's errors come back with their kind and status, which is all these rules read.
 */
import type { TraceId } from '../../model/types';
import type { LoadedTrace, LoadOptions } from '../client';
import { SourceError } from '../http';
import { proxyBase, type BackendSource } from '../sources';
import type { TimeRange } from '../trace-range';
import { loadInWorker } from '../worker/parse-client';
import type { FetchAttempt } from '../worker/protocol';

/** Added on each side of a trace's own time range: covers ingestion delay and modest clock skew. */
export const TEMPO_WINDOW_PAD_S = 3600;

export interface TempoWindow {
  readonly start: number;
  readonly end: number;
}

/** The window sent with a trace's own range (unix seconds), or undefined without both ends. */
export function tempoTraceWindow(range: TimeRange): TempoWindow | undefined {
  const { startS, endS } = range;
  if (startS === undefined || endS === undefined || !Number.isFinite(startS) || !Number.isFinite(endS))
    return undefined;
  const start = Math.max(0, Math.floor(Math.min(startS, endS)) - TEMPO_WINDOW_PAD_S);
  const end = Math.ceil(Math.max(startS, endS)) + TEMPO_WINDOW_PAD_S;
  return { start, end };
}

export function tempoTraceUrl(
  base: string,
  api: 'v1' | 'v2',
  traceId: TraceId,
  window: TempoWindow | undefined,
): string {
  const path = api === 'v2' ? `${base}/api/v2/traces/${traceId}` : `${base}/api/traces/${traceId}`;
  return window ? `${path}?start=${window.start}&end=${window.end}` : path;
}

/** Sources whose Tempo has no /api/v2/traces (older than 2.6), learned once per page load. */
const v1Only = new Set<string>();
/** Sources that refused the protobuf Accept header (406 from a strict proxy), learned once per page load. */
const jsonOnly = new Set<string>();

const apiFor = (source: BackendSource): 'v1' | 'v2' => (v1Only.has(source.id) ? 'v1' : 'v2');

/**
 * One request: protobuf is asked for (Tempo's tempopb.Trace on v1, TraceByIDResponse on v2) and
 * JSON accepted; the worker decodes whichever the answer's Content-Type says.
 */
function attempt(
  source: BackendSource,
  api: 'v1' | 'v2',
  traceId: TraceId,
  window: TempoWindow | undefined,
): FetchAttempt {
  const url = tempoTraceUrl(proxyBase(source), api, traceId, window);
  if (jsonOnly.has(source.id)) return { url, format: 'tempo' };
  return { url, format: 'tempo', protobuf: api === 'v2' ? 'trace-by-id-response' : 'trace' };
}

/** The first request for a trace (the retries below depend on its answer). */
export function tempoTraceAttempts(source: BackendSource, traceId: TraceId, range: TimeRange = {}): FetchAttempt[] {
  return [attempt(source, apiFor(source), traceId, tempoTraceWindow(range))];
}

/** 406 Not Acceptable: something between Pathlight and Tempo refused the protobuf Accept header. */
const protobufRefused = (err: unknown) => err instanceof SourceError && err.status === 406;

/** The v2 route is missing (not: the trace is missing): the router's "404 page not found", or 405. */
const routeMissing = (err: unknown) =>
  err instanceof SourceError && (err.status === 405 || (err.status === 404 && /page not found/i.test(err.message)));

/** v1's empty 404, or v2's 200 {"trace":{}} (the adapter's not-found, sent by the worker as a not-found). */
const isNotFound = (err: unknown) => err instanceof SourceError && err.kind === 'not-found';

export async function fetchTempoTraceById(
  source: BackendSource,
  traceId: TraceId,
  range: TimeRange,
  options: LoadOptions = {},
): Promise<LoadedTrace> {
  const ask = async (window: TempoWindow | undefined, load: LoadOptions): Promise<LoadedTrace | undefined> => {
    for (;;) {
      const api = apiFor(source);
      const attempts = [attempt(source, api, traceId, window)];
      try {
        const { traces, analyses, fetchedUrl } = await loadInWorker(
          { kind: 'fetch', attempts, sourceName: source.name, sourceId: source.id, traceId },
          load,
        );
        const trace = traces[0];
        const analysis = analyses[0];
        return trace && analysis ? { trace, analysis, rawUrl: fetchedUrl } : undefined;
      } catch (err) {
        if (api === 'v2' && routeMissing(err)) {
          v1Only.add(source.id);
          continue;
        }
        if (!jsonOnly.has(source.id) && protobufRefused(err)) {
          jsonOnly.add(source.id);
          continue;
        }
        if (isNotFound(err)) return undefined;
        if (err instanceof SourceError && err.kind === 'bad-response') {
          throw new SourceError(
            'bad-response',
            `${source.name} answered, but not with a trace Pathlight can read: ${err.message}`,
            err.status,
          );
        }
        throw err;
      }
    }
  };

  const window = tempoTraceWindow(range);
  const inWindow = await ask(window, options);
  if (inWindow) return inWindow;
  if (window) {
    // A window is only an optimisation: the trace may sit in a block recorded at ingestion time.
    const onProgress = options.onProgress;
    const anywhere = await ask(undefined, {
      ...options,
      onProgress: onProgress && ((p, amount) => onProgress(p === 'asking' ? 'asking without a time range' : p, amount)),
    });
    if (anywhere) return anywhere;
  }
  throw new SourceError(
    'not-found',
    `${source.name} has no trace ${traceId}. Pathlight asked it without a time range, so it looked through all of its data: the trace was never received, is older than Tempo's retention, or belongs to another tenant (X-Scope-OrgID).`,
    404,
  );
}
