/**
 * Jaeger's search, with its fallbacks: /api/v3/trace-summaries (v2.19+) → /api/v3/traces →
 * v1 /api/traces (the Jaeger client runs it; Zipkin's and Tempo's are in their clients).
 * Every failure is a SourceError.
 */
import { fetchText, isFatalSourceError, SourceError } from '../http';
import { proxyBase, type BackendSource } from '../sources';
import { jaegerV1SearchPath, jaegerV3SearchPath } from './build-queries';
import { jaegerSummariesToSummaries } from './summarize';
import { summarizeInWorker } from './summarize-client';
import type { SearchRequest, TraceSummary } from './types';

export interface SearchOutcome {
  readonly summaries: TraceSummary[];
  /** Which API answered ("Jaeger API v3 /api/v3/traces"), shown under the results. */
  readonly api: string;
  /** The TraceQL sent to Tempo (compiled from the form or typed). */
  readonly traceql?: string | undefined;
  /** What Pathlight did on top of the backend's answer, said under the results. */
  readonly note?: string | undefined;
  /** What the user must know to read the results right (a range cut to Tempo's limit, the
   *  last seconds left out, results that are not the newest), shown above them. */
  readonly notices?: readonly { readonly id: string; readonly text: string }[] | undefined;
}

export interface SearchProgress {
  (phase: 'asking' | 'reading' | 'summarizing', detail?: string): void;
}

/** Sources whose Jaeger has no /api/v3/trace-summaries (learned once per page load). */
const noSummaries = new Set<string>();
/** Sources whose Jaeger has no /api/v3 at all (older than v1.5x). */
const noV3 = new Set<string>();

const isNoTracesFound = (e: unknown) =>
  e instanceof SourceError && e.kind === 'not-found' && /no traces found/i.test(e.message);

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // e.g. an SPA's index.html answering an unknown API path
  }
}

/**
 * Jaeger's filters, as they really behave (checked against Jaeger v1.76, the v2 line):
 * - the v3 HTTP API ignores `query.attributes` (its gateway passes an empty map), so an
 *   attribute search there silently returns unfiltered traces;
 * - the v1 API filters `tags` server-side, but within one service only, and since v2 keeps
 *   an error as the span's status, `error=true` matches nothing there.
 * So attributes go to v1 (service required), and `error=true|false` is applied here to the
 * whole traces that come back, asking for more of them so the limit still fills up.
 */
export function planJaegerSearch(r: SearchRequest): {
  server: SearchRequest;
  wantErrors: boolean | undefined;
  needsV1: boolean;
} {
  let wantErrors: boolean | undefined;
  const rest = r.attributes.filter(([k, v]) => {
    if (k !== 'error') return true;
    wantErrors = v.kind === 'bool' ? v.value : v.value !== 'false';
    return false;
  });
  const limit = wantErrors === undefined ? r.limit : Math.min(1500, Math.max(100, r.limit * 5));
  return { server: { ...r, attributes: rest, limit }, wantErrors, needsV1: rest.length > 0 };
}

function keepErrors(
  outcome: SearchOutcome,
  wantErrors: boolean | undefined,
  limit: number,
  fetchedLimit: number,
): SearchOutcome {
  if (wantErrors === undefined) return outcome;
  const kept = outcome.summaries.filter((t) => (t.errorCount ?? 0) > 0 === wantErrors).slice(0, limit);
  const note = `Jaeger cannot filter by error status, so Pathlight asked for up to ${fetchedLimit} traces and kept the ${kept.length} ${wantErrors ? 'with' : 'without'} errors.`;
  return { ...outcome, summaries: kept, note };
}

export async function jaegerSearch(
  source: BackendSource,
  request: SearchRequest,
  signal: AbortSignal | undefined,
  progress: SearchProgress,
): Promise<SearchOutcome> {
  const { server: r, wantErrors, needsV1 } = planJaegerSearch(request);
  const finish = (o: SearchOutcome) => keepErrors(o, wantErrors, request.limit, r.limit);
  const base = proxyBase(source);
  const opts = { signal, sourceName: source.name, sourceId: source.id };
  if (needsV1) {
    if (!r.service)
      throw new SourceError(
        'http',
        `${source.name} searches by attribute only within one service (Jaeger's limit): pick a service.`,
      );
    return finish(await jaegerV1(source, r, signal, progress));
  }
  if (!noSummaries.has(source.id) && !noV3.has(source.id)) {
    try {
      progress('asking', 'trace summaries');
      const summaries = jaegerSummariesToSummaries(
        parseJson(await fetchText(`${base}${jaegerV3SearchPath(r, 'trace-summaries')}`, opts)),
      );
      if (summaries) return finish({ summaries, api: 'Jaeger API v3 /api/v3/trace-summaries' });
      noSummaries.add(source.id); // answered 200 with something else (older Jaeger serves its UI page)
    } catch (err) {
      if (isFatalSourceError(err)) throw err;
      if (isNoTracesFound(err)) return finish({ summaries: [], api: 'Jaeger API v3 /api/v3/trace-summaries' });
      if (
        err instanceof SourceError &&
        err.kind === 'http' &&
        err.status !== 404 &&
        err.status !== 405 &&
        err.status !== 501
      )
        throw err;
      noSummaries.add(source.id);
    }
  }
  if (!noV3.has(source.id)) {
    try {
      progress('asking');
      const text = await fetchText(`${base}${jaegerV3SearchPath(r)}`, opts);
      if (text.trimStart().startsWith('{')) {
        // Checked cheaply: the whole body is parsed once, in the worker.
        progress('summarizing', `${(text.length / 1e6).toFixed(1)} MB`);
        return finish({ summaries: await summarizeInWorker(text, signal), api: 'Jaeger API v3 /api/v3/traces' });
      }
      noV3.add(source.id);
    } catch (err) {
      if (isFatalSourceError(err)) throw err;
      if (isNoTracesFound(err)) return finish({ summaries: [], api: 'Jaeger API v3 /api/v3/traces' });
      if (
        err instanceof SourceError &&
        err.kind === 'http' &&
        err.status !== 404 &&
        err.status !== 405 &&
        err.status !== 501
      )
        throw err;
      noV3.add(source.id);
    }
  }
  if (!r.service)
    throw new SourceError(
      'http',
      `${source.name} is an older Jaeger (no API v3): it searches only within one service. Pick a service.`,
    );
  return finish(await jaegerV1(source, r, signal, progress));
}

async function jaegerV1(
  source: BackendSource,
  r: SearchRequest,
  signal: AbortSignal | undefined,
  progress: SearchProgress,
): Promise<SearchOutcome> {
  progress('asking', 'API v1');
  const text = await fetchText(`${proxyBase(source)}${jaegerV1SearchPath(r)}`, {
    signal,
    sourceName: source.name,
    sourceId: source.id,
  });
  progress('summarizing', `${(text.length / 1e6).toFixed(1)} MB`);
  return { summaries: await summarizeInWorker(text, signal), api: 'Jaeger API v1 /api/traces' };
}
