import { useEffect, useState, type ComponentProps } from 'react';
import { ProblemMessage } from '../../components/ProblemMessage';
import { clientFor } from '../../api/client';
import { traceLinkParams } from '../../api/trace-range';
import { useTrace } from '../../api/use-trace';
import { normalizeTraceId } from '../../model/ids';
import { useUrlState } from '../../lib/router';
import { TraceView } from './TraceView';
import { SummaryContext } from './summary-context';
import type { Trace, TraceId } from '../../model/types';
import { PREPARE_FROM_SPANS, prepareTraceFacts } from '../../layout/trace-facts';
import { traceUrlCodec } from './url-state';
import { formatCount } from '../../lib/format';

export function TracePage({ traceId: rawId }: { traceId: string }) {
  const traceId = normalizeTraceId(rawId);
  if (!traceId) {
    return (
      <ProblemMessage
        size="page"
        title="That is not a trace id"
        body={`"${rawId}" is not a trace id: Pathlight expects 16 or 32 hex characters, or base64.`}
      />
    );
  }
  return <TraceById traceId={traceId} />;
}

function TraceById({ traceId }: { traceId: TraceId }) {
  const [url, updateUrl] = useUrlState(traceUrlCodec);
  const data = useTrace(traceId, url.source ?? null, { startS: url.startS, endS: url.endS });

  // Put what the link needs to reopen this view into the URL: the source the trace came
  // from and, when the source needs one, the trace's own time range (computed as search
  // results compute it, so a result's link is left as it is). The trace is cached under
  // that source already, so this loads nothing again.
  const origin = data.status === 'ready' ? data.origin : undefined;
  const trace = data.status === 'ready' ? data.trace : undefined;
  useEffect(() => {
    if (origin?.kind !== 'backend' || !trace) return;
    const link = traceLinkParams(
      origin.source.id,
      clientFor(origin.source).capabilities.traceNeedsTimeRange,
      trace.startUnixUs,
      trace.durationUs,
    );
    updateUrl({
      source: link.source,
      startS: link.start === undefined ? url.startS : Number(link.start),
      endS: link.end === undefined ? url.endS : Number(link.end),
    });
  }, [origin, trace, updateUrl, url.startS, url.endS]);

  switch (data.status) {
    case 'loading':
      // The worker has sent the tree and critical path: rows now, the summary when it comes
      // (the same component as below, so nothing is drawn twice when it does).
      if (data.preview)
        return (
          <SummaryContext.Provider value={undefined}>
            <PreparedTraceView
              trace={data.preview.trace}
              analysis={data.preview.analysis}
              origin={data.preview.origin}
            />
          </SummaryContext.Provider>
        );
      return (
        <div
          role="status"
          aria-live="polite"
          className="mx-auto mt-16 flex max-w-lg items-center gap-3 text-slate-600 dark:text-slate-300"
        >
          <span
            className="h-4 w-4 animate-spin rounded-full border-2 border-sky-500 border-t-transparent"
            aria-hidden
          />
          Loading trace {traceId.slice(0, 8)}…{data.phase ? ` (${data.phase})` : ''}
          <button
            type="button"
            onClick={data.cancel}
            className="rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600"
          >
            Cancel
          </button>
        </div>
      );
    case 'failed':
      return (
        <ProblemMessage size="page" title="The trace could not be loaded" body={data.message} retry={data.retry} />
      );
    case 'needs-file':
      return (
        <ProblemMessage
          size="page"
          title="This trace came from a file"
          body={`Trace ${traceId} was opened from a file in another tab or session, and files are never uploaded. Open the same file again to see it: this link works once the file is open.`}
        />
      );
    case 'ready':
      // Every trace arrives analysed by the worker: the page only draws.
      return (
        <SummaryContext.Provider value={data.analysis}>
          <PreparedTraceView trace={data.trace} analysis={data.analysis} origin={data.origin} />
        </SummaryContext.Provider>
      );
  }
}

/** A big trace's per-span facts are computed a task at a time before its first render (trace-facts.ts). */
function PreparedTraceView(props: ComponentProps<typeof TraceView>) {
  const { trace, analysis } = props;
  const big = trace.spans.length >= PREPARE_FROM_SPANS;
  const [prepared, setPrepared] = useState<Trace | undefined>(undefined);
  useEffect(() => {
    if (!big) return;
    let live = true;
    void prepareTraceFacts(trace, analysis).then(() => live && setPrepared(trace));
    return () => {
      live = false;
    };
  }, [big, trace, analysis]);
  if (big && prepared !== trace)
    return (
      <p role="status" aria-live="polite" className="mx-auto mt-16 max-w-lg text-slate-600 dark:text-slate-300">
        Preparing {formatCount(trace.spans.length)} spans…
      </p>
    );
  return <TraceView {...props} />;
}
