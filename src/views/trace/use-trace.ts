/**
 * Where the trace page gets its trace: from a file opened in this tab, or from the
 * built-in demo source (generated and parsed in the worker, cached by react-query).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { parseInWorker } from '../../api/worker/parse-client';
import type { ParsePhase } from '../../api/worker/protocol';
import { findDemoByTraceId } from '../../api/demo-source';
import type { Trace } from '../../model/types';
import { useFileTraceStore } from '../../state/file-trace-store';

export type TraceOrigin = { readonly kind: 'file'; readonly fileName: string } | { readonly kind: 'demo'; readonly title: string };

export type TraceData =
  | { readonly status: 'loading'; readonly phase: ParsePhase | undefined }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'needs-file' }
  | { readonly status: 'ready'; readonly trace: Trace; readonly origin: TraceOrigin };

const demoTraceQueryOptions = (traceId: string, onProgress: (p: ParsePhase) => void) =>
  queryOptions({
    queryKey: ['trace', 'demo', traceId],
    queryFn: async ({ signal }) => {
      const demo = findDemoByTraceId(traceId);
      if (!demo) throw new Error(`The demo source has no trace ${traceId}. Pick one of the demo traces on the start page.`);
      const result = await parseInWorker({ kind: 'demo', demoId: demo.id }, { signal, onProgress });
      const trace = result.traces.find((t) => t.traceId === traceId) ?? result.traces[0];
      if (!trace) throw new Error(`The demo generator made no trace for ${demo.title}.`);
      return { trace, title: demo.title };
    },
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    structuralSharing: false,
  });

export function useTrace(traceId: string, source: string): TraceData {
  const fileTrace = useFileTraceStore((s) => s.byId.get(traceId));
  const [phase, setPhase] = useState<ParsePhase | undefined>(undefined);
  const isDemo = source === 'demo';
  const query = useQuery({ ...demoTraceQueryOptions(traceId, setPhase), enabled: isDemo });

  if (source === 'file') {
    return fileTrace ? { status: 'ready', trace: fileTrace.trace, origin: { kind: 'file', fileName: fileTrace.fileName } } : { status: 'needs-file' };
  }
  if (!isDemo) return { status: 'failed', message: `Unknown source "${source}". This build knows the sources "demo" and "file".` };
  if (query.isPending) return { status: 'loading', phase };
  if (query.isError) return { status: 'failed', message: query.error.message };
  return { status: 'ready', trace: query.data.trace, origin: { kind: 'demo', title: query.data.title } };
}
