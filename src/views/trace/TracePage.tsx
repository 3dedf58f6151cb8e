import { useEffect, useMemo } from 'react';
import { analyzeTrace } from '../../model/analyze';
import { normalizeTraceId } from '../../model/ids';
import { navigate } from '../../lib/router';
import { useTrace } from './use-trace';
import { TraceView } from './TraceView';
import type { Trace, TraceId } from '../../model/types';
import type { TraceAnalysis } from '../../model/analysis-types';
import type { TraceOrigin } from './use-trace';

export function TracePage({ traceId: rawId, params }: { traceId: string; params: URLSearchParams }) {
  const traceId = normalizeTraceId(rawId);
  if (!traceId) {
    return <Message title="That is not a trace id" body={`"${rawId}" is not a trace id: Pathlight expects 16 or 32 hex characters, or base64.`} />;
  }
  return <TraceById traceId={traceId} params={params} />;
}

function TraceById({ traceId, params }: { traceId: TraceId; params: URLSearchParams }) {
  const sourceParam = params.get('source');
  const startS = numberParam(params.get('start'));
  const endS = numberParam(params.get('end'));
  const range = useMemo(() => ({ startS, endS }), [startS, endS]);
  const data = useTrace(traceId, sourceParam, range);

  // Put what the link needs to reopen this view into the URL: the source the trace came
  // from and, for Tempo, the trace's own time range (its search window moves on).
  useEffect(() => {
    if (data.status !== 'ready' || data.origin.kind !== 'backend') return;
    const next = new URLSearchParams(window.location.search);
    next.set('source', data.origin.source.id);
    if (data.origin.source.type === 'tempo' && data.trace.startUnixUs > 0) {
      next.set('start', String(Math.floor(data.trace.startUnixUs / 1e6) - 1));
      next.set('end', String(Math.ceil((data.trace.startUnixUs + data.trace.durationUs) / 1e6) + 1));
    }
    if (next.toString() !== window.location.search.slice(1)) navigate(`${window.location.pathname}?${next.toString()}`, { replace: true });
  }, [data]);

  switch (data.status) {
    case 'loading':
      return (
        <div role="status" aria-live="polite" className="mx-auto mt-16 flex max-w-lg items-center gap-3 text-slate-600 dark:text-slate-300">
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-sky-500 border-t-transparent" aria-hidden />
          Loading trace {traceId.slice(0, 8)}…{data.phase ? ` (${data.phase})` : ''}
          <button type="button" onClick={data.cancel} className="rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600">
            Cancel
          </button>
        </div>
      );
    case 'failed':
      return <Message title="The trace could not be loaded" body={data.message} retry={data.retry} />;
    case 'needs-file':
      return (
        <Message
          title="This trace came from a file"
          body={`Trace ${traceId} was opened from a file in another tab or session, and files are never uploaded. Open the same file again to see it: this link works once the file is open.`}
        />
      );
    case 'ready':
      return <LoadedTrace trace={data.trace} origin={data.origin} given={data.analysis} params={params} />;
  }
}

function LoadedTrace({ trace, origin, given, params }: { trace: Trace; origin: TraceOrigin; given: TraceAnalysis | undefined; params: URLSearchParams }) {
  // Demo traces arrive analysed by the worker; files and backend traces are analysed here.
  const analysis = useMemo(() => given ?? analyzeTrace(trace), [trace, given]);
  return <TraceView trace={trace} analysis={analysis} origin={origin} params={params} />;
}

function numberParam(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function Message({ title, body, retry }: { title: string; body: string; retry?: (() => void) | undefined }) {
  return (
    <div role="alert" className="mx-auto mt-12 max-w-2xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 whitespace-pre-line break-words">{body}</p>
      {retry && (
        <button type="button" className="mt-4 mr-2 rounded border border-amber-900 px-3 py-1.5 text-sm dark:border-amber-200" onClick={retry}>
          Try again
        </button>
      )}
      <button type="button" className="mt-4 rounded bg-amber-900 px-3 py-1.5 text-sm text-white dark:bg-amber-200 dark:text-amber-950" onClick={() => navigate('/')}>
        Go to the start page
      </button>
    </div>
  );
}
