/**
 * The dependency graph for the page's state: the backend's dependency endpoint, or a graph
 * built from a sample of traces (with progress, and a cancel that keeps what the user sees
 * honest: "Cancelled", not an endless spinner). Server data stays in react-query.
 */
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { clientFor, type ClientSource } from '../../api/client';
import { graphFromTracesInSlices } from '../../api/dependencies/from-traces';
import type { SampleProgress } from '../../api/dependencies/sample-traces';
import type { DependencyGraph } from '../../api/dependencies/types';
import { DEMO_SOURCE } from '../../api/sources';
import { resolveWindow, type DepsMode, type DepsRange } from './url-state';

export type GraphSource = ClientSource;

const rangeKey = (r: DepsRange) => (r.kind === 'lookback' ? r.lookback : `${r.startS}-${r.endS}`);

export const backendDependenciesQueryOptions = (source: GraphSource, range: DepsRange) =>
  queryOptions({
    queryKey: ['dependencies', 'backend', source.id, rangeKey(range)],
    queryFn: ({ signal }) => clientFor(source).dependencies(resolveWindow(range, Date.now()), signal),
    staleTime: 60_000,
  });

export const tracesDependenciesQueryOptions = (
  source: GraphSource,
  range: DepsRange,
  limit: number,
  onProgress: (p: SampleProgress) => void,
) =>
  queryOptions({
    queryKey: ['dependencies', 'traces', source.id, rangeKey(range), limit],
    queryFn: async ({ signal }): Promise<DependencyGraph> => {
      const traces = await clientFor(source).sampleTraces(resolveWindow(range, Date.now()), limit, {
        signal,
        onProgress,
      });
      return graphFromTracesInSlices(traces, signal);
    },
    staleTime: 5 * 60_000,
    structuralSharing: false,
  });

export interface DependencyGraphState {
  readonly graph: DependencyGraph | undefined;
  readonly error: Error | null;
  readonly loading: boolean;
  readonly progress: SampleProgress | undefined;
  readonly cancelled: boolean;
  readonly cancel: () => void;
  readonly rebuild: () => void;
}

export function useDependencyGraph(
  source: GraphSource | undefined,
  mode: DepsMode,
  range: DepsRange,
  limit: number,
): DependencyGraphState {
  const client = useQueryClient();
  const [progress, setProgress] = useState<SampleProgress | undefined>(undefined);
  const [cancelledKey, setCancelledKey] = useState<string | undefined>(undefined);
  const backend =
    source !== undefined && mode === 'backend' && clientFor(source).capabilities.dependencyEndpoint
      ? source
      : undefined;
  const backendQuery = useQuery({
    ...backendDependenciesQueryOptions(backend ?? PLACEHOLDER, range),
    enabled: backend !== undefined,
  });
  const tracesOptions = tracesDependenciesQueryOptions(source ?? PLACEHOLDER, range, limit, setProgress);
  const key = JSON.stringify(tracesOptions.queryKey);
  const tracesEnabled = source !== undefined && mode === 'traces' && cancelledKey !== key;
  const tracesQuery = useQuery({ ...tracesOptions, enabled: tracesEnabled });
  const cancel = useCallback(() => {
    setCancelledKey(key);
    void client.cancelQueries({ queryKey: tracesOptions.queryKey });
  }, [client, key, tracesOptions.queryKey]);
  const rebuild = useCallback(() => {
    setCancelledKey(undefined);
    setProgress(undefined);
    void client.resetQueries({ queryKey: tracesOptions.queryKey });
  }, [client, tracesOptions.queryKey]);
  const q = mode === 'backend' ? backendQuery : tracesQuery;
  return {
    graph: q.data,
    error: q.error,
    loading: q.fetchStatus === 'fetching',
    progress: mode === 'traces' && tracesQuery.fetchStatus === 'fetching' ? progress : undefined,
    cancelled: mode === 'traces' && cancelledKey === key && tracesQuery.data === undefined,
    cancel,
    rebuild,
  };
}

/** Stands in for a missing source in the disabled queries' options. */
const PLACEHOLDER: GraphSource = DEMO_SOURCE;
