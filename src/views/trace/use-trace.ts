/**
 * Where the trace page gets its trace: a file opened in this tab, the built-in demo source
 * (generated and parsed in the worker), or a backend through the proxy. With no source in
 * the URL, each configured backend is tried in turn (then the demo source).
 */
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { parseInWorker } from '../../api/worker/parse-client';
import { findDemoByTraceId } from '../../api/demo-source';
import { fetchTraceById, type TimeRange } from '../../api/trace-by-id';
import { SourceError } from '../../api/http';
import { sourcesQueryOptions, type BackendSource } from '../../api/sources';
import type { Trace, TraceId } from '../../model/types';
import type { TraceAnalysis } from '../../model/analysis-types';
import { useFileTraceStore } from '../../state/file-trace-store';

export type TraceOrigin =
  | { readonly kind: 'file'; readonly fileName: string }
  | { readonly kind: 'demo'; readonly title: string }
  | { readonly kind: 'backend'; readonly source: BackendSource };

export type TraceData =
  | { readonly status: 'loading'; readonly phase: string | undefined; readonly cancel: () => void }
  | { readonly status: 'failed'; readonly message: string; readonly retry?: () => void }
  | { readonly status: 'needs-file' }
  | { readonly status: 'ready'; readonly trace: Trace; readonly origin: TraceOrigin; readonly analysis?: TraceAnalysis | undefined };

interface Loaded {
  readonly trace: Trace;
  readonly origin: TraceOrigin;
  /** Analysed in the worker (demo traces), so the page does not have to. */
  readonly analysis?: TraceAnalysis | undefined;
}

async function loadDemo(traceId: TraceId, signal: AbortSignal, onProgress: (p: string) => void): Promise<Loaded> {
  const demo = findDemoByTraceId(traceId);
  if (!demo) throw new Error(`The demo source has no trace ${traceId}. Pick one of the demo traces on the start page.`);
  const result = await parseInWorker({ kind: 'demo', demoId: demo.id, seed: demo.seed, spans: demo.spans, analyze: true }, { signal, onProgress });
  const trace = result.traces.find((t) => t.traceId === traceId) ?? result.traces[0];
  if (!trace) throw new Error(`The demo generator made no trace for ${demo.title}.`);
  const analysis = trace === result.traces[0] ? result.analysis : undefined;
  return { trace, origin: { kind: 'demo', title: demo.title }, analysis };
}

async function loadFromBackends(
  candidates: readonly BackendSource[],
  traceId: TraceId,
  range: TimeRange,
  signal: AbortSignal,
  onProgress: (p: string) => void,
): Promise<Loaded> {
  const failures: string[] = [];
  for (const source of candidates) {
    try {
      const trace = await fetchTraceById(source, traceId, range, { signal, onProgress });
      return { trace, origin: { kind: 'backend', source } };
    } catch (err) {
      if (signal.aborted || (err instanceof SourceError && err.kind === 'cancelled')) throw err;
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (candidates.length === 1) throw new Error(failures[0] ?? 'Not found.');
  throw new Error(`No source has trace ${traceId}:\n${failures.map((f) => `• ${f}`).join('\n')}`);
}

const traceQueryOptions = (traceId: TraceId, sourceParam: string | null, backends: readonly BackendSource[], range: TimeRange, onProgress: (p: string) => void) =>
  queryOptions({
    queryKey: ['trace', sourceParam ?? '*', traceId, range.startS, range.endS, backends.map((b) => b.id).join(',')],
    queryFn: ({ signal }): Promise<Loaded> => {
      if (sourceParam === 'demo') return loadDemo(traceId, signal, onProgress);
      if (sourceParam !== null) {
        const source = backends.find((b) => b.id === sourceParam);
        if (!source) {
          const known = ['demo', ...backends.map((b) => b.id)].join(', ');
          throw new Error(`This link names the source "${sourceParam}", which this Pathlight does not have (it has: ${known}).`);
        }
        return loadFromBackends([source], traceId, range, signal, onProgress);
      }
      if (backends.length === 0 || findDemoByTraceId(traceId)) return loadDemo(traceId, signal, onProgress);
      return loadFromBackends(backends, traceId, range, signal, onProgress);
    },
    staleTime: Infinity, // a trace fetched by id does not change
    gcTime: 5 * 60_000,
    structuralSharing: false, // large payloads: nothing to gain from diffing
    retry: false,
  });

export function useTrace(traceId: TraceId, sourceParam: string | null, range: TimeRange): TraceData {
  const fileTrace = useFileTraceStore((s) => s.byId.get(traceId));
  const [phase, setPhase] = useState<string | undefined>(undefined);
  const [cancelled, setCancelled] = useState(false);
  const queryClient = useQueryClient();
  const sources = useQuery(sourcesQueryOptions);
  const isFile = sourceParam === 'file';
  const options = traceQueryOptions(traceId, sourceParam, sources.data ?? [], range, setPhase);
  // Demo traces need no config: a broken config.json must not make them unopenable.
  const isDemo = sourceParam === 'demo';
  const query = useQuery({ ...options, enabled: !isFile && (sources.isSuccess || (isDemo && sources.isError)) && !cancelled });

  if (isFile) return fileTrace ? { status: 'ready', trace: fileTrace.trace, origin: { kind: 'file', fileName: fileTrace.fileName } } : { status: 'needs-file' };
  if (sources.isError && !isDemo) return { status: 'failed', message: sources.error.message };
  if (query.isError) return { status: 'failed', message: query.error.message, retry: () => void query.refetch() };
  if (query.isSuccess) return { status: 'ready', trace: query.data.trace, origin: query.data.origin, analysis: query.data.analysis };
  if (cancelled) return { status: 'failed', message: 'Loading was cancelled.', retry: () => setCancelled(false) };
  return {
    status: 'loading',
    phase,
    cancel: () => {
      setCancelled(true);
      void queryClient.cancelQueries({ queryKey: options.queryKey });
    },
  };
}
