/**
 * The one way a trace is loaded: files, demo traces and backend traces share one react-query
 * cache, keyed by (source, trace id). A time range is a hint to the backend, not part of the
 * identity, so writing a trace's range into the URL never loads it again. With no source in
 * the URL ("any source"), each candidate is asked in turn, and the trace is stored under the
 * source that had it as well, before the page writes that source into the URL.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { TraceId } from '../model/types';
import { clientFor, type LoadedTrace, type LoadOptions } from './client';
import { findDemoByTraceId } from './demo-source';
import { SourceError } from './http';
import { DEMO_SOURCE, type BackendSource } from './sources';
import type { TimeRange } from './trace-range';
import type { LoadResult } from './worker/parse-client';
import { describeAmount, type LoadAmount } from './worker/protocol';
import { endTraceLoad, reportTracePreview, reportTraceProgress, type TraceLoadPreview } from './trace-progress';

export type TraceOrigin =
  | {
      readonly kind: 'file';
      readonly fileName: string;
      /** Reads the file again (view=json, Download JSON as opened); absent when the text is gone. */
      readonly readText?: (() => Promise<string>) | undefined;
    }
  | { readonly kind: 'demo'; readonly title: string }
  | { readonly kind: 'backend'; readonly source: BackendSource; readonly rawUrl?: string | undefined };

export interface OpenTrace extends LoadedTrace {
  readonly origin: TraceOrigin;
}

/** The key of a trace in the cache; `sourceId` is "file", "demo", a backend's id, or ANY_SOURCE. */
export const traceKey = (sourceId: string, traceId: string) => ['trace', sourceId, traceId] as const;
export const ANY_SOURCE = '*';
export const FILE_SOURCE_ID = 'file';

/** A trace from a file that is not open in this tab: files are never uploaded, so it cannot be fetched. */
export class NeedsFileError extends Error {
  override readonly name = 'NeedsFileError';
}

async function loadFrom(
  source: BackendSource | 'demo',
  traceId: TraceId,
  range: TimeRange,
  options: TraceLoadOptions,
): Promise<OpenTrace> {
  const originOf = (rawUrl: string | undefined): TraceOrigin =>
    source === 'demo'
      ? { kind: 'demo', title: findDemoByTraceId(traceId)?.title ?? 'Demo trace' }
      : { kind: 'backend', source, rawUrl };
  // The preview's origin is the result's, the same object: the page sees one trace throughout.
  let origin: TraceOrigin | undefined;
  const { onOpenPreview, ...rest } = options;
  const loaded = await clientFor(source === 'demo' ? DEMO_SOURCE : source).traceById(traceId, range, {
    ...rest,
    onPreview:
      onOpenPreview &&
      ((p) => {
        origin = originOf(p.rawUrl);
        onOpenPreview({ trace: p.trace, analysis: p.analysis, origin });
      }),
  });
  return { ...loaded, origin: origin ?? originOf(loaded.rawUrl) };
}

interface TraceLoadOptions extends Omit<LoadOptions, 'onPreview'> {
  readonly onOpenPreview?: ((preview: TraceLoadPreview) => void) | undefined;
}

/** Asks each candidate in turn; the first that has the trace wins, and is remembered as its source. */
async function loadFromAny(
  queryClient: QueryClient,
  candidates: readonly (BackendSource | 'demo')[],
  traceId: TraceId,
  range: TimeRange,
  options: TraceLoadOptions,
): Promise<OpenTrace> {
  const failures: string[] = [];
  for (const source of candidates) {
    try {
      const found = await loadFrom(source, traceId, range, options);
      queryClient.setQueryData(traceKey(source === 'demo' ? 'demo' : source.id, traceId), found);
      return found;
    } catch (err) {
      if (options.signal?.aborted || (err instanceof SourceError && err.kind === 'cancelled')) throw err;
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (candidates.length === 1) throw new Error(failures[0] ?? 'Not found.');
  throw new Error(`No source has trace ${traceId}:\n${failures.map((f) => `• ${f}`).join('\n')}`);
}

/** "parsing JSON: 40 MB read, 52,000 spans" while the text arrives. */
const withAmount = (phase: string, amount: LoadAmount | undefined) =>
  amount === undefined ? phase : `${phase}: ${describeAmount(amount)}`;

export function traceQueryOptions(
  queryClient: QueryClient,
  traceId: TraceId,
  sourceParam: string | null,
  backends: readonly BackendSource[],
  range: TimeRange,
) {
  const queryKey = traceKey(sourceParam ?? ANY_SOURCE, traceId);
  const onProgress = (phase: string) => reportTraceProgress(queryKey, phase);
  const onOpenPreview = (preview: TraceLoadPreview) => reportTracePreview(queryKey, preview);
  const load = async (signal: AbortSignal): Promise<OpenTrace> => {
    if (sourceParam === FILE_SOURCE_ID)
      throw new NeedsFileError(`Trace ${traceId} came from a file that is not open in this tab.`);
    if (sourceParam === 'demo') return loadFrom('demo', traceId, range, { signal, onProgress, onOpenPreview });
    if (sourceParam !== null) {
      const source = backends.find((b) => b.id === sourceParam);
      if (!source) {
        const known = ['demo', ...backends.map((b) => b.id)].join(', ');
        throw new Error(
          `This link names the source "${sourceParam}", which this Pathlight does not have (it has: ${known}).`,
        );
      }
      return loadFrom(source, traceId, range, {
        signal,
        onOpenPreview,
        onProgress: (p, amount) =>
          onProgress(
            withAmount(p.startsWith('asking') ? `asking ${source.name}${p.slice('asking'.length)}` : p, amount),
          ),
      });
    }
    const candidates = backends.length === 0 || findDemoByTraceId(traceId) ? ['demo' as const] : backends;
    return loadFromAny(queryClient, candidates, traceId, range, {
      signal,
      onOpenPreview,
      onProgress: (p, amount) => onProgress(withAmount(p, amount)),
    });
  };
  return queryOptions({
    queryKey,
    queryFn: ({ signal }) =>
      load(signal).then(
        (open) => {
          endTraceLoad(queryKey, true);
          return open;
        },
        (err: unknown) => {
          endTraceLoad(queryKey);
          throw err;
        },
      ),
    staleTime: Infinity, // a trace fetched by id does not change
    gcTime: 5 * 60_000,
    structuralSharing: false, // large payloads: nothing to gain from diffing
    retry: false,
  });
}

/**
 * Traces opened from a file join the same cache, under the "file" source, and stay for the
 * tab's life: there is nowhere to load them from again.
 */
export function addFileTraces(
  queryClient: QueryClient,
  fileName: string,
  loaded: LoadResult,
  readText?: () => Promise<string>,
  origin: TraceOrigin = { kind: 'file', fileName, readText },
): void {
  queryClient.setQueryDefaults(['trace', FILE_SOURCE_ID], { gcTime: Infinity, staleTime: Infinity });
  loaded.traces.forEach((trace, i) => {
    const analysis = loaded.analyses[i];
    if (analysis)
      queryClient.setQueryData(traceKey(FILE_SOURCE_ID, trace.traceId), {
        trace,
        analysis,
        origin,
      } satisfies OpenTrace);
  });
}

/**
 * A one-trace file's trace with its core analysis, for its trace page to draw while the worker
 * finishes the summary; `origin` must be the one later given to addFileTraces. Ended by
 * endFileTracePreview once the trace is in the cache (or the load failed).
 */
export function previewFileTrace(preview: TraceLoadPreview): void {
  reportTracePreview(traceKey(FILE_SOURCE_ID, preview.trace.traceId), preview);
}

export function endFileTracePreview(traceId: string, afterCache = false): void {
  endTraceLoad(traceKey(FILE_SOURCE_ID, traceId), afterCache);
}

export const fileTrace = (queryClient: QueryClient, traceId: string): OpenTrace | undefined =>
  queryClient.getQueryData<OpenTrace>(traceKey(FILE_SOURCE_ID, traceId));
