/**
 * The search page's aggregate: the full traces of the results (at most AGGREGATE_MAX),
 * loaded and digested a few at a time (api/many-traces.ts), then summed per service and
 * operation (model/aggregate.ts). Runs when asked, keyed by the source and the result ids
 * so it is not redone while the results stay; cancel stops every load in flight.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { clientFor, type ClientSource } from '../../api/client';
import { digestTraces, type ManyProgress } from '../../api/many-traces';
import type { TraceSummary } from '../../api/search/types';
import { traceTimeRange } from '../../api/trace-range';
import { aggregateDigests, type Aggregate } from '../../model/aggregate';

export const AGGREGATE_MAX = 500;

export interface AggregateResult {
  readonly aggregate: Aggregate;
  readonly failed: number;
  readonly firstFailure: string | undefined;
  /** ms from the last trace's arrival to the sums being ready. */
  readonly sumMs: number;
}

export type AggregateState =
  | { readonly status: 'idle'; readonly start: () => void }
  | { readonly status: 'running'; readonly progress: ManyProgress; readonly cancel: () => void }
  | { readonly status: 'cancelled'; readonly start: () => void }
  | { readonly status: 'failed'; readonly message: string; readonly start: () => void }
  | { readonly status: 'ready'; readonly result: AggregateResult };

/**
 * `open`: the aggregate is asked for (the search URL's `aggregate=1`, so a permalink reopens it);
 * `setOpen` writes that. Closing keeps the sums cached: opening again fetches nothing.
 */
export function useAggregate(
  source: ClientSource | undefined,
  results: readonly TraceSummary[],
  open: boolean,
  setOpen: (open: boolean) => void,
): AggregateState {
  const queryClient = useQueryClient();
  const items = results.slice(0, AGGREGATE_MAX);
  // The set of traces, not their order: re-sorting the results keeps the sums.
  const key = [
    'aggregate',
    source?.id ?? '',
    items
      .map((s) => s.traceId as string)
      .sort()
      .join(','),
  ] as const;
  const [cancelledKey, setCancelledKey] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState<ManyProgress>({ done: 0, failed: 0, total: items.length });
  const keyText = key.join('\u0000');
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }): Promise<AggregateResult> => {
      if (!source) throw new Error('Pick a source.');
      const client = clientFor(source);
      const needsRange = client.capabilities.traceNeedsTimeRange;
      const loaded = await digestTraces(
        client,
        items.map((s) => ({
          traceId: s.traceId,
          range: needsRange ? traceTimeRange(s.startUnixUs, s.durationUs) : {},
        })),
        { signal, onProgress: setProgress },
      );
      const t0 = performance.now();
      const aggregate = aggregateDigests(loaded.digests);
      return { aggregate, failed: loaded.failed, firstFailure: loaded.firstFailure, sumMs: performance.now() - t0 };
    },
    enabled: open && cancelledKey !== keyText,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    structuralSharing: false,
    retry: false,
  });
  const start = () => {
    setCancelledKey(undefined);
    setOpen(true);
    if (query.isError) void query.refetch();
  };
  if (!open) return cancelledKey === keyText ? { status: 'cancelled', start } : { status: 'idle', start };
  if (query.isSuccess) return { status: 'ready', result: query.data };
  if (query.isError) return { status: 'failed', message: query.error.message, start };
  return {
    status: 'running',
    progress,
    cancel: () => {
      setCancelledKey(keyText);
      setOpen(false);
      void queryClient.cancelQueries({ queryKey: key });
    },
  };
}
