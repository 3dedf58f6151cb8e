/** The Zipkin client: /api/v2/trace/{id}, /api/v2/traces, services, span names, /api/v2/dependencies. */
import type { SourceClient } from '../client';
import { dependencyWindowQuery, fetchBackendDependencies } from '../dependencies/backend-dependencies';
import { sampleZipkinTraces } from '../dependencies/sample-traces';
import { fetchText } from '../http';
import { zipkinSearchPath } from '../search/build-queries';
import { firstList, strings } from '../search/source-lists';
import { summarizeInWorker } from '../search/summarize-client';
import { proxyBase, type BackendSource } from '../sources';
import { fetchTraceById } from '../trace-by-id';
import type { FetchAttempt } from '../worker/protocol';
import type { TraceId } from '../../model/types';

export function zipkinTraceAttempts(source: BackendSource, traceId: TraceId): FetchAttempt[] {
  // Zipkin keeps 64-bit ids as 16 hex characters.
  const id = traceId.startsWith('0000000000000000') ? traceId.slice(16) : traceId;
  return [{ url: `${proxyBase(source)}/api/v2/trace/${id}`, format: 'zipkin' }];
}

export function zipkinClient(source: BackendSource): SourceClient {
  return {
    capabilities: {
      traceql: false,
      traceNeedsTimeRange: false,
      dependencyEndpoint: true,
      searchTimeRange: true,
      attributeSearchNeedsService: false,
      emptyDependenciesHint: 'Try a wider time range, or “Built from traces”.',
      listsUseTimeRange: false,
    },
    traceById: (traceId, _range, options) =>
      fetchTraceById(source, zipkinTraceAttempts(source, traceId), traceId, options),
    search: async (r, signal, progress = () => {}) => {
      progress('asking');
      const text = await fetchText(`${proxyBase(source)}${zipkinSearchPath(r)}`, {
        signal,
        sourceName: source.name,
        sourceId: source.id,
      });
      progress('summarizing', `${(text.length / 1e6).toFixed(1)} MB`);
      return { summaries: await summarizeInWorker(text, signal), api: 'Zipkin /api/v2/traces' };
    },
    services: (signal) => firstList(source, signal, [['/api/v2/services', strings]]),
    operations: (service, signal) =>
      firstList(source, signal, [[`/api/v2/spans?serviceName=${encodeURIComponent(service)}`, strings]]),
    dependencies: (window, signal) =>
      fetchBackendDependencies(
        source,
        `${proxyBase(source)}/api/v2/dependencies?${dependencyWindowQuery(window)}`,
        true,
        signal,
      ),
    sampleTraces: (window, limit, options) => sampleZipkinTraces(source, window, limit, options),
  };
}
