/**
 * The trace page's baseline (api/baseline.ts), when the URL asks for one (`baseline=N`):
 * react-query keyed by source, trace and N, with progress and cancel, and the comparison
 * of this trace with it (model/baseline.ts).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { loadBaseline, type BaselineOutcome, type BaselineProgress } from '../../api/baseline';
import type { ClientSource } from '../../api/client';
import { DEMO_SOURCE } from '../../api/sources';
import type { TraceOrigin } from '../../api/trace-loader';
import type { CoreAnalysis } from '../../model/analysis-types';
import { compareWithBaseline, outlierVerdict, type Comparison } from '../../model/baseline';
import type { Trace } from '../../model/types';
import type { BaselineMarks } from './baseline-context';

export type BaselineState =
  | { readonly status: 'off' }
  | { readonly status: 'running'; readonly progress: BaselineProgress; readonly cancel: () => void }
  | { readonly status: 'cancelled'; readonly retry: () => void }
  | { readonly status: 'failed'; readonly message: string; readonly retry: () => void }
  | { readonly status: 'none'; readonly reason: string }
  | {
      readonly status: 'ready';
      readonly outcome: Extract<BaselineOutcome, { kind: 'ready' }>;
      readonly comparison: Comparison;
      readonly marks: BaselineMarks;
    };

const sourceOf = (origin: TraceOrigin): ClientSource | undefined =>
  origin.kind === 'backend' ? origin.source : origin.kind === 'demo' ? DEMO_SOURCE : undefined;

export function useBaseline(
  trace: Trace,
  analysis: CoreAnalysis,
  origin: TraceOrigin,
  n: number | undefined,
): BaselineState {
  const queryClient = useQueryClient();
  const source = sourceOf(origin);
  const key = ['baseline', source?.id ?? '', trace.traceId, n ?? 0] as const;
  const keyText = key.join('\u0000');
  const [cancelledKey, setCancelledKey] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState<BaselineProgress>({ phase: 'searching' });
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }): Promise<BaselineOutcome> =>
      source && n !== undefined
        ? loadBaseline(source, trace, analysis, n, { signal, onProgress: setProgress })
        : Promise.resolve({
            kind: 'none',
            reason: 'This trace was opened from a file, so there is no source to look for similar traces in.',
          }),
    enabled: n !== undefined && cancelledKey !== keyText,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    structuralSharing: false,
    retry: false,
  });
  const data = query.data;
  const comparison = useMemo(
    () => (data?.kind === 'ready' ? compareWithBaseline(trace, analysis, data.baseline) : undefined),
    [data, trace, analysis],
  );
  const marks = useMemo<BaselineMarks | undefined>(
    () =>
      comparison && {
        outliers: new Map(comparison.outliers.map((o) => [o.span, o])),
        verdict: outlierVerdict(trace, comparison.outliers),
      },
    [comparison, trace],
  );
  const retry = () => {
    setCancelledKey(undefined);
    void query.refetch();
  };
  if (n === undefined) return { status: 'off' };
  if (cancelledKey === keyText) return { status: 'cancelled', retry };
  if (query.isError) return { status: 'failed', message: query.error.message, retry };
  if (data?.kind === 'none') return { status: 'none', reason: data.reason };
  if (data?.kind === 'ready' && comparison && marks) return { status: 'ready', outcome: data, comparison, marks };
  return {
    status: 'running',
    progress,
    cancel: () => {
      setCancelledKey(keyText);
      void queryClient.cancelQueries({ queryKey: key });
    },
  };
}
