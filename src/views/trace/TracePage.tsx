import { useMemo } from 'react';
import { analyzeTrace } from '../../model/analyze';
import { normalizeTraceId } from '../../model/ids';
import { navigate } from '../../app/router';
import { TraceHeader } from './TraceHeader';
import { useTrace } from './use-trace';
import { WhereTimeWent } from './WhereTimeWent';
import { SpanSummary } from './SpanSummary';
import type { Trace } from '../../model/types';
import type { TraceOrigin } from './use-trace';

export function TracePage({ traceId: rawId, params }: { traceId: string; params: URLSearchParams }) {
  const traceId = normalizeTraceId(rawId);
  const source = params.get('source') ?? 'demo';
  const data = useTrace(traceId ?? rawId, source);

  if (!traceId) {
    return <Message title="That is not a trace id" body={`"${rawId}" is not a trace id: Pathlight expects 16 or 32 hex characters, or base64.`} />;
  }
  switch (data.status) {
    case 'loading':
      return (
        <div role="status" aria-live="polite" className="mx-auto mt-16 flex max-w-md items-center gap-3 text-slate-600 dark:text-slate-300">
          <span className="h-4 w-4 animate-spin rounded-full border-2 border-sky-500 border-t-transparent" aria-hidden />
          Loading trace {traceId.slice(0, 8)}…{data.phase ? ` (${data.phase})` : ''}
        </div>
      );
    case 'failed':
      return <Message title="The trace could not be loaded" body={data.message} />;
    case 'needs-file':
      return (
        <Message
          title="This trace came from a file"
          body={`Trace ${traceId} was opened from a file in another tab or session, and files are never uploaded. Open the same file again to see it: this link works once the file is open.`}
        />
      );
    case 'ready':
      return <LoadedTrace trace={data.trace} origin={data.origin} params={params} />;
  }
}

function LoadedTrace({ trace, origin, params }: { trace: Trace; origin: TraceOrigin; params: URLSearchParams }) {
  const analysis = useMemo(() => analyzeTrace(trace), [trace]);
  const selectedId = params.get('span') ?? undefined;
  const selected = useMemo(() => {
    if (!selectedId) return -1;
    return trace.spans.findIndex((s) => s.spanId === selectedId);
  }, [trace, selectedId]);

  const select = (spanIndex: number) => {
    const span = trace.spans[spanIndex];
    if (!span) return;
    const next = new URLSearchParams(params);
    next.set('span', span.spanId);
    navigate(`${window.location.pathname}?${next.toString()}`, { replace: true });
  };

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4 p-4">
      <TraceHeader trace={trace} analysis={analysis} origin={origin} onSelectSpan={select} />
      {selected >= 0 && <SpanSummary trace={trace} analysis={analysis} spanIndex={selected} />}
      <WhereTimeWent trace={trace} analysis={analysis} selected={selected} onSelectSpan={select} />
    </div>
  );
}

function Message({ title, body }: { title: string; body: string }) {
  return (
    <div role="alert" className="mx-auto mt-12 max-w-2xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 break-words">{body}</p>
      <button type="button" className="mt-4 rounded bg-amber-900 px-3 py-1.5 text-sm text-white dark:bg-amber-200 dark:text-amber-950" onClick={() => navigate('/')}>
        Go to the start page
      </button>
    </div>
  );
}
