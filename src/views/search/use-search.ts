/**
 * The search results for the URL's search: react-query keyed by the search fields (not the
 * sort, which is applied on the page), with phases for the loading state and a cancel
 * that stops the request and its parse worker.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { clientFor, type ClientSource } from '../../api/client';
import type { SearchOutcome } from '../../api/search/run-search';
import type { SearchState } from '../../api/search/types';
import { buildSearchRequest, searchStateToParams } from './url-state';

export type SearchData =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly phase: string; readonly cancel: () => void }
  | { readonly status: 'cancelled'; readonly retry: () => void }
  | { readonly status: 'failed'; readonly message: string; readonly retry: () => void }
  | {
      readonly status: 'ready';
      readonly outcome: SearchOutcome;
      readonly fetchedAtMs: number;
      readonly refreshing: boolean;
    };

export const searchKey = (source: ClientSource | undefined, s: SearchState) =>
  ['search', source?.id ?? '', searchStateToParams({ ...s, sort: 'recent' })] as const;

export function useSearch(
  source: ClientSource | undefined,
  state: SearchState,
  enabled: boolean,
): SearchData & { refetch: () => void } {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState('asking');
  const key = searchKey(source, state);
  const keyText = key.join('\u0000');
  const [cancelledKey, setCancelledKey] = useState<string | undefined>(undefined);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => {
      if (!source) throw new Error('Pick a source.');
      const built = buildSearchRequest(state, Date.now());
      if (!built.ok) throw new Error(built.error);
      setPhase(`asking ${source.name}`);
      return clientFor(source).search(built.request, signal, (p, detail) =>
        setPhase(
          p === 'summarizing'
            ? `reading ${detail ?? 'the answer'} of traces`
            : `asking ${source.name}${detail ? ` (${detail})` : ''}`,
        ),
      );
    },
    enabled: enabled && source !== undefined && cancelledKey !== keyText,
    staleTime: Infinity, // a search is re-run on request (Search / Enter), not behind the user's back
    gcTime: 5 * 60_000,
    structuralSharing: false, // up to 1,500 summaries: nothing to gain from diffing
    retry: false,
  });
  const refetch = () => {
    setCancelledKey(undefined);
    void query.refetch();
  };
  if (!enabled || !source) return { status: 'idle', refetch };
  if (cancelledKey === keyText) return { status: 'cancelled', retry: () => setCancelledKey(undefined), refetch };
  if (query.isError) return { status: 'failed', message: query.error.message, retry: refetch, refetch };
  if (query.isSuccess)
    return {
      status: 'ready',
      outcome: query.data,
      fetchedAtMs: query.dataUpdatedAt,
      refreshing: query.isFetching,
      refetch,
    };
  return {
    status: 'loading',
    phase,
    cancel: () => {
      setCancelledKey(keyText);
      void queryClient.cancelQueries({ queryKey: key });
    },
    refetch,
  };
}
