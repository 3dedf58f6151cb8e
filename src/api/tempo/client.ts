/**
 * The Tempo client: trace by id from /api/v2/traces (fallback /api/traces) within the
 * trace's time range, TraceQL search on /api/search, service and operation names from the
 * tag-values endpoints. Tempo has no dependency endpoint: the graph is built from traces.
 */
import type { SourceClient } from '../client';
import { sampleTempoTraces } from '../dependencies/sample-traces';
import { fetchText, SourceError } from '../http';
import { compileTraceQL, tempoSearchPath, traceqlString } from '../search/build-queries';
import { parseJson } from '../search/run-search';
import { firstList, tagValues } from '../search/source-lists';
import { tempoSearchToSummaries } from '../search/summarize';
import { proxyBase, type BackendSource } from '../sources';
import { fetchTraceById } from '../trace-by-id';
import type { TimeRange } from '../trace-range';
import type { FetchAttempt } from '../worker/protocol';
import type { TraceId } from '../../model/types';

export function tempoTraceAttempts(source: BackendSource, traceId: TraceId, range: TimeRange = {}): FetchAttempt[] {
  const base = proxyBase(source);
  const q = new URLSearchParams();
  if (range.startS !== undefined) q.set('start', String(Math.floor(range.startS)));
  if (range.endS !== undefined) q.set('end', String(Math.ceil(range.endS)));
  const qs = q.toString() ? `?${q.toString()}` : '';
  return [
    { url: `${base}/api/v2/traces/${traceId}${qs}`, format: 'tempo' },
    { url: `${base}/api/traces/${traceId}${qs}`, format: 'tempo' },
  ];
}

const NOT_FOUND_HINT = ' Tempo searches only recent data without a time range: open the trace from a search, or add start and end to the link.';

export function tempoClient(source: BackendSource): SourceClient {
  const traceById: SourceClient['traceById'] = (traceId, range, options) => fetchTraceById(source, tempoTraceAttempts(source, traceId, range), traceId, options, NOT_FOUND_HINT);
  return {
    capabilities: {
      traceql: true,
      traceNeedsTimeRange: true,
      dependencyEndpoint: false,
      searchTimeRange: true,
      attributeSearchNeedsService: false,
      emptyDependenciesHint: 'Try a wider time range.',
    },
    traceById,
    search: async (r, signal, progress = () => {}) => {
      progress('asking');
      const traceql = r.traceql ?? compileTraceQL(r);
      const text = await fetchText(`${proxyBase(source)}${tempoSearchPath(r)}`, { signal, sourceName: source.name });
      const json = parseJson(text);
      if (json === undefined) throw new SourceError('bad-response', `${source.name} answered the search with something that is not JSON.`);
      return { summaries: tempoSearchToSummaries(json), api: 'Tempo /api/search', traceql };
    },
    services: (signal) =>
      firstList(source, signal, [
        ['/api/v2/search/tag/resource.service.name/values', tagValues],
        ['/api/search/tag/service.name/values', tagValues],
      ]),
    operations: (service, signal) => {
      const q = encodeURIComponent(`{resource.service.name=${traceqlString(service)}}`);
      return firstList(source, signal, [[`/api/v2/search/tag/name/values?q=${q}`, tagValues]]);
    },
    dependencies: () => Promise.reject(new SourceError('not-found', `${source.name} (Tempo) has no dependency endpoint: build the graph from traces instead.`)),
    sampleTraces: (window, limit, options) => sampleTempoTraces(source, traceById, window, limit, options),
  };
}
