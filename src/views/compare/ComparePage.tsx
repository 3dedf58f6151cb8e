/**
 * `/compare/<A>...<B>`: loads both traces through the one trace loader (each side may be a
 * demo trace, a trace from an opened file or one from a backend), then shows the compare.
 * Once a side is loaded from a backend, its source (and time range, for a backend that
 * needs one) is written into the URL, so the link reopens the same two traces.
 */
import { useEffect } from 'react';
import { ProblemMessage } from '../../components/ProblemMessage';
import { clientFor } from '../../api/client';
import { FILE_SOURCE_ID } from '../../api/trace-loader';
import { traceTimeRange } from '../../api/trace-range';
import { useTrace, type TraceData } from '../../api/use-trace';
import { useUrlState } from '../../lib/router';
import { normalizeTraceId } from '../../model/ids';
import type { TraceId } from '../../model/types';
import { CompareView } from './CompareView';
import { compareUrlCodec, type CompareUrlState } from './url-state';

export default function ComparePage({ traceIdA: rawA, traceIdB: rawB }: { traceIdA: string; traceIdB: string }) {
  const a = normalizeTraceId(rawA);
  const b = normalizeTraceId(rawB);
  if (!a || !b)
    return (
      <ProblemMessage
        size="panel"
        title="That is not a pair of trace ids"
        body={`"${!a ? rawA : rawB}" is not a trace id: Pathlight expects 16 or 32 hex characters, or base64.`}
      />
    );
  return <CompareById a={a} b={b} />;
}

/** Where a loaded side came from, as the URL writes it, and its range when its backend needs one. */
function linkOf(data: TraceData): { source: string; startS?: number; endS?: number } | undefined {
  if (data.status !== 'ready') return undefined;
  const { origin, trace } = data;
  if (origin.kind === 'file') return { source: FILE_SOURCE_ID };
  if (origin.kind === 'demo') return { source: 'demo' };
  if (!clientFor(origin.source).capabilities.traceNeedsTimeRange || !(trace.startUnixUs > 0))
    return { source: origin.source.id };
  return { source: origin.source.id, ...traceTimeRange(trace.startUnixUs, trace.durationUs) };
}

function CompareById({ a, b }: { a: TraceId; b: TraceId }) {
  const [url, updateUrl] = useUrlState(compareUrlCodec);
  const dataA = useTrace(a, url.sourceA ?? null, { startS: url.startA, endS: url.endA });
  const dataB = useTrace(b, url.sourceB ?? null, { startS: url.startB, endS: url.endB });

  const la = linkOf(dataA);
  const lb = linkOf(dataB);
  const [srcA, fromA, toA, srcB, fromB, toB] = [la?.source, la?.startS, la?.endS, lb?.source, lb?.startS, lb?.endS];
  useEffect(() => {
    const patch: { -readonly [K in keyof CompareUrlState]?: CompareUrlState[K] } = {};
    if (srcA !== undefined) patch.sourceA = srcA;
    if (fromA !== undefined) [patch.startA, patch.endA] = [fromA, toA];
    if (srcB !== undefined) patch.sourceB = srcB;
    if (fromB !== undefined) [patch.startB, patch.endB] = [fromB, toB];
    if (Object.keys(patch).length > 0) updateUrl(patch);
  }, [srcA, fromA, toA, srcB, fromB, toB, updateUrl]);

  if (dataA.status === 'ready' && dataB.status === 'ready')
    return <CompareView a={dataA} b={dataB} sameTrace={a === b && url.sourceA === url.sourceB} />;
  return (
    <div className="mx-auto mt-10 flex max-w-2xl flex-col gap-4 px-4">
      <h1 className="text-lg font-semibold">Compare two traces</h1>
      <SideStatus label="A" traceId={a} data={dataA} />
      <SideStatus label="B" traceId={b} data={dataB} />
    </div>
  );
}

function SideStatus({ label, traceId, data }: { label: string; traceId: TraceId; data: TraceData }) {
  switch (data.status) {
    case 'ready':
      return (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          {label}: trace {traceId.slice(0, 8)} loaded ({data.trace.spans.length} spans).
        </p>
      );
    case 'loading':
      return (
        <p
          role="status"
          aria-live="polite"
          className="flex items-center gap-3 text-sm text-slate-700 dark:text-slate-300"
        >
          <span
            className="h-4 w-4 animate-spin rounded-full border-2 border-sky-500 border-t-transparent"
            aria-hidden
          />
          {label}: loading trace {traceId.slice(0, 8)}…{data.phase ? ` (${data.phase})` : ''}
          <button
            type="button"
            onClick={data.cancel}
            className="rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600"
          >
            Cancel
          </button>
        </p>
      );
    case 'failed':
      return (
        <ProblemMessage
          size="panel"
          title={`Trace ${label} could not be loaded`}
          body={data.message}
          retry={data.retry}
        />
      );
    case 'needs-file':
      return (
        <ProblemMessage
          size="panel"
          title={`Trace ${label} came from a file`}
          body={`Trace ${traceId} was opened from a file in another tab or session, and files are never uploaded. Open the same file again (drop it on this page): this link works once the file is open.`}
        />
      );
  }
}
