/**
 * The Jaeger client: trace by id from API v3 (fallback v1), search with its fallbacks
 * (run-search.ts), services and operations (v3, fallback v1), /api/dependencies.
 */
import type { SourceClient } from '../client';
import { dependencyWindowQuery, fetchBackendDependencies } from '../dependencies/backend-dependencies';
import { sampleJaegerTraces } from '../dependencies/sample-traces';
import { jaegerSearch } from '../search/run-search';
import { firstList, strings } from '../search/source-lists';
import { arr, rec, str } from '../../lib/json';
import { proxyBase, type BackendSource } from '../sources';
import { fetchTraceById } from '../trace-by-id';
import type { TimeRange } from '../trace-range';
import type { FetchAttempt } from '../worker/protocol';
import type { TraceId } from '../../model/types';

export function jaegerTraceAttempts(source: BackendSource, traceId: TraceId, range: TimeRange = {}): FetchAttempt[] {
  const base = proxyBase(source);
  const v3 = new URLSearchParams();
  if (range.startS !== undefined) v3.set('startTime', new Date(range.startS * 1000).toISOString());
  if (range.endS !== undefined) v3.set('endTime', new Date(range.endS * 1000).toISOString());
  const v3q = v3.toString();
  return [
    { url: `${base}/api/v3/traces/${traceId}${v3q ? `?${v3q}` : ''}`, format: 'jaeger-v3' },
    { url: `${base}/api/traces/${traceId}`, format: 'jaeger-v1' },
  ];
}

export function jaegerClient(source: BackendSource): SourceClient {
  return {
    capabilities: {
      traceql: false,
      traceNeedsTimeRange: false,
      dependencyEndpoint: true,
      searchTimeRange: true,
      attributeSearchNeedsService: true,
      emptyDependenciesHint:
        'Jaeger’s in-memory store computes them from the traces it holds; if there are traces, try “Built from traces”.',
      listsUseTimeRange: false,
    },
    traceById: (traceId, range, options) =>
      fetchTraceById(source, jaegerTraceAttempts(source, traceId, range), traceId, options),
    search: (request, signal, progress = () => {}) => jaegerSearch(source, request, signal, progress),
    services: (signal) =>
      firstList(source, signal, [
        ['/api/v3/services', (j) => (rec(j) ? (strings(rec(j)?.services) ?? []) : undefined)], // {} means none
        ['/api/services', (j) => strings(rec(j)?.data) ?? (rec(j) ? [] : undefined)],
      ]),
    operations: (service, signal) => {
      const s = encodeURIComponent(service);
      return firstList(source, signal, [
        [
          `/api/v3/operations?service=${s}`,
          (j) =>
            rec(j)
              ? arr(rec(j)?.operations).flatMap((o) => {
                  const n = str(rec(o)?.name);
                  return n === undefined ? [] : [n];
                })
              : undefined,
        ],
        [`/api/services/${s}/operations`, (j) => strings(rec(j)?.data) ?? (rec(j) ? [] : undefined)],
      ]);
    },
    dependencies: (window, signal) =>
      fetchBackendDependencies(
        source,
        `${proxyBase(source)}/api/dependencies?${dependencyWindowQuery(window)}`,
        false,
        signal,
      ),
    sampleTraces: (window, limit, options) => sampleJaegerTraces(source, window, limit, options),
  };
}
