/**
 * Loading one trace by id from a backend: the client names the URLs to try and the format
 * each answers in; the worker fetches, parses and analyses. A not-found is reworded for the
 * user, with the client's hint on where else to look.
 */
import type { CoreAnalysis } from '../model/analysis-types';
import type { Trace, TraceId } from '../model/types';
import type { LoadedTrace, LoadOptions } from './client';
import { SourceError } from './http';
import type { BackendSource } from './sources';
import { loadInWorker } from './worker/parse-client';
import type { FetchAttempt } from './worker/protocol';

/** loadInWorker's onCore → the caller's onPreview, for the trace at `pick(traces)`. */
export function previewOf(
  options: LoadOptions,
  pick: (traces: readonly Trace[]) => number,
): ((traces: readonly Trace[], cores: readonly CoreAnalysis[], rawUrl: string | undefined) => void) | undefined {
  const { onPreview } = options;
  if (!onPreview) return undefined;
  return (traces, cores, rawUrl) => {
    const i = pick(traces);
    const trace = traces[i];
    const analysis = cores[i];
    if (trace && analysis) onPreview({ trace, analysis, rawUrl });
  };
}

export async function fetchTraceById(
  source: BackendSource,
  attempts: readonly FetchAttempt[],
  traceId: TraceId,
  options: LoadOptions = {},
  notFoundHint = '',
): Promise<LoadedTrace> {
  try {
    const { traces, analyses, fetchedUrl } = await loadInWorker(
      { kind: 'fetch', attempts, sourceName: source.name, sourceId: source.id, traceId },
      { ...options, onCore: previewOf(options, () => 0) },
    );
    const trace = traces[0];
    const analysis = analyses[0];
    if (!trace || !analysis) throw new SourceError('not-found', `${source.name} has no trace ${traceId}.`, 404);
    return { trace, analysis, rawUrl: fetchedUrl };
  } catch (err) {
    if (err instanceof SourceError && err.kind === 'not-found')
      throw new SourceError('not-found', `${source.name} has no trace ${traceId}.${notFoundHint}`, 404);
    if (err instanceof SourceError && err.kind === 'bad-response')
      throw new SourceError(
        'bad-response',
        `${source.name} answered, but not with a trace Pathlight can read: ${err.message}`,
        err.status,
      );
    throw err;
  }
}
