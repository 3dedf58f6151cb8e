/**
 * The trace page's loader hook: the trace (with its analyses) for the URL's trace id and
 * source, through the one trace cache (trace-loader.ts), with progress, cancel and retry.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TraceId } from '../model/types';
import { sourcesQueryOptions } from './sources';
import { FILE_SOURCE_ID, NeedsFileError, traceQueryOptions, type OpenTrace } from './trace-loader';
import type { TimeRange } from './trace-range';
import { warmTraceWorker } from './worker/parse-client';
import { useTraceLoadState, type TraceLoadPreview } from './trace-progress';

export type TraceData =
  | {
      readonly status: 'loading';
      readonly phase: string | undefined;
      /** The trace with its tree and critical path, while the rest of its analysis is worked out. */
      readonly preview: TraceLoadPreview | undefined;
      readonly cancel: () => void;
    }
  | { readonly status: 'failed'; readonly message: string; readonly retry?: () => void }
  | { readonly status: 'needs-file' }
  | ({ readonly status: 'ready' } & OpenTrace);

export function useTrace(traceId: TraceId, sourceParam: string | null, range: TimeRange): TraceData {
  const [cancelled, setCancelled] = useState(false);
  const queryClient = useQueryClient();
  useEffect(warmTraceWorker, []);
  const isFile = sourceParam === FILE_SOURCE_ID;
  // Demo and file traces do not wait for the list of backends.
  const needsBackends = !isFile && sourceParam !== 'demo';
  const sources = useQuery({ ...sourcesQueryOptions, enabled: needsBackends });
  const options = traceQueryOptions(queryClient, traceId, sourceParam, sources.data ?? [], range);
  const { phase, preview } = useTraceLoadState(options.queryKey);
  const query = useQuery({ ...options, enabled: !isFile && (!needsBackends || sources.isSuccess) && !cancelled });

  if (query.isSuccess) return { status: 'ready', ...query.data };
  // A file still being opened in this tab shows its preview (use-open-file.ts).
  if (isFile)
    return preview ? { status: 'loading', phase, preview, cancel: () => undefined } : { status: 'needs-file' };
  if (needsBackends && sources.isError) return { status: 'failed', message: sources.error.message };
  if (query.isError) {
    if (query.error instanceof NeedsFileError) return { status: 'needs-file' };
    return { status: 'failed', message: query.error.message, retry: () => void query.refetch() };
  }
  if (cancelled) return { status: 'failed', message: 'Loading was cancelled.', retry: () => setCancelled(false) };
  return {
    status: 'loading',
    phase,
    preview,
    cancel: () => {
      setCancelled(true);
      void queryClient.cancelQueries({ queryKey: options.queryKey });
    },
  };
}
