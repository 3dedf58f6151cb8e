/**
 * The Tempo client: trace by id from /api/v2/traces (fallback /api/traces) within a generous
 * window around the trace's range, retried without it (trace-by-id.ts); TraceQL search on
 * /api/search within Tempo's limits, with notices (search.ts); service and operation names
 * from the tag-values endpoints over the form's range. Tempo has no dependency endpoint: the
 * graph is built from traces.
 */
import type { SourceClient } from '../client';
import { sampleTempoTraces } from '../dependencies/sample-traces';
import { SourceError } from '../http';
import { compileTraceQL, traceqlString } from '../search/build-queries';
import { firstList, tagValues, tempoTagParams } from '../search/source-lists';
import { tempoSearchToSummaries } from '../search/summarize';
import type { BackendSource } from '../sources';
import { tempoSearch } from './search';
import { fetchTempoTraceById } from './trace-by-id';

export function tempoClient(source: BackendSource): SourceClient {
  const traceById: SourceClient['traceById'] = (traceId, range, options) =>
    fetchTempoTraceById(source, traceId, range, options);
  return {
    capabilities: {
      traceql: true,
      traceNeedsTimeRange: true,
      dependencyEndpoint: false,
      searchTimeRange: true,
      attributeSearchNeedsService: false,
      emptyDependenciesHint: 'Try a wider time range.',
      listsUseTimeRange: true,
    },
    traceById,
    search: async (r, signal, progress = () => {}) => {
      progress('asking');
      const traceql = r.traceql ?? compileTraceQL(r);
      const { json, notices, mostRecent } = await tempoSearch(source, r, traceql, signal);
      return {
        summaries: tempoSearchToSummaries(json),
        api: mostRecent ? 'Tempo /api/search, newest first (most_recent=true)' : 'Tempo /api/search',
        traceql,
        notices,
      };
    },
    services: (signal, range) => {
      const qs = tempoTagParams(range, Date.now());
      return firstList(source, signal, [
        [`/api/v2/search/tag/resource.service.name/values?${qs}`, tagValues],
        [`/api/search/tag/service.name/values?${qs}`, tagValues],
      ]);
    },
    operations: (service, signal, range) => {
      const q = encodeURIComponent(`{resource.service.name=${traceqlString(service)}}`);
      return firstList(source, signal, [
        [`/api/v2/search/tag/name/values?q=${q}&${tempoTagParams(range, Date.now())}`, tagValues],
      ]);
    },
    dependencies: () =>
      Promise.reject(
        new SourceError(
          'not-found',
          `${source.name} (Tempo) has no dependency endpoint: build the graph from traces instead.`,
        ),
      ),
    sampleTraces: (window, limit, options) => sampleTempoTraces(source, traceById, window, limit, options),
  };
}
