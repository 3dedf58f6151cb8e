/**
 * "Download JSON" for every trace: as its source returned it (fetched, read or generated
 * again on demand: api/raw-trace.ts) and as OTLP/JSON written from the model, which any
 * OTLP tool, and Pathlight, opens again.
 */
import { useState } from 'react';
import type { Trace } from '../../model/types';
import type { TraceOrigin } from '../../api/trace-loader';
import { downloadText, rawTraceSource } from '../../api/raw-trace';
import { traceToOtlpJson } from './export-otlp';

const BUTTON =
  'rounded border border-slate-300 px-2 py-0.5 text-xs whitespace-nowrap hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800';

export function TraceDownloads({ trace, origin }: { trace: Trace; origin: TraceOrigin }) {
  const [state, setState] = useState<'idle' | 'loading' | { failed: string }>('idle');
  const raw = rawTraceSource(origin, trace.traceId);
  const downloadRaw = async () => {
    if (!raw) return;
    setState('loading');
    try {
      downloadText(await raw.load(new AbortController().signal), `trace-${trace.traceId}.json`);
      setState('idle');
    } catch (err) {
      setState({ failed: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <button
        type="button"
        className={BUTTON}
        disabled={!raw || state === 'loading'}
        title={raw ? `The trace ${raw.describe}` : 'This trace’s original JSON is not available any more'}
        onClick={() => void downloadRaw()}
      >
        {state === 'loading' ? 'Downloading…' : 'Download JSON'}
      </button>
      <button
        type="button"
        className={BUTTON}
        title="The trace written as OTLP/JSON, which OpenTelemetry tools (and Pathlight) open"
        onClick={() => downloadText(traceToOtlpJson(trace), `trace-${trace.traceId}.otlp.json`)}
      >
        Download OTLP/JSON
      </button>
      {typeof state === 'object' && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          Download failed: {state.failed}
        </span>
      )}
    </span>
  );
}
