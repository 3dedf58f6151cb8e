/**
 * The built-in demo source as a real source: traces by id are generated (in the worker) from
 * their id, so a demo permalink reopens the same trace anywhere; search, services and
 * operations run over a fixed corpus of generated traces (search/demo-search.ts), so the
 * search page works with no backend at all.
 */
import type { SourceClient } from '../client';
import { sampleDemoTraces } from '../dependencies/sample-traces';
import { findDemoByTraceId } from '../demo-source';
import { SourceError } from '../http';
import { previewOf } from '../trace-by-id';
import type { Trace } from '../../model/types';
import { demoSearchInWorker, loadInWorker } from '../worker/parse-client';

export function demoClient(): SourceClient {
  return {
    capabilities: {
      traceql: false,
      traceNeedsTimeRange: false,
      dependencyEndpoint: false,
      searchTimeRange: false,
      attributeSearchNeedsService: false,
      emptyDependenciesHint: '',
      listsUseTimeRange: false,
    },
    traceById: async (traceId, _range, options = {}) => {
      const demo = findDemoByTraceId(traceId);
      if (!demo)
        throw new SourceError(
          'not-found',
          `The demo source has no trace ${traceId}. Pick one of the demo traces on the start page.`,
          404,
        );
      const pick = (traces: readonly Trace[]) =>
        Math.max(
          0,
          traces.findIndex((t) => t.traceId === traceId),
        );
      const { traces, analyses } = await loadInWorker(
        { kind: 'demo', demoId: demo.id, seed: demo.seed, spans: demo.spans },
        { ...options, onCore: previewOf(options, pick) },
      );
      const i = pick(traces);
      const trace = traces[i];
      const analysis = analyses[i];
      if (!trace || !analysis)
        throw new SourceError('not-found', `The demo generator made no trace for ${demo.title}.`, 404);
      return { trace, analysis };
    },
    search: async (request, signal, progress = () => {}) => {
      progress('asking', 'generating the demo traces');
      const { summaries } = await demoSearchInWorker(request, signal);
      return {
        summaries,
        api: 'generated demo traces',
        note: 'Demo traces are generated, so the time range does not apply.',
      };
    },
    services: async (signal) => (await demoSearchInWorker(undefined, signal)).services,
    operations: async (service, signal) => [
      ...((await demoSearchInWorker(undefined, signal)).operations[service] ?? []),
    ],
    dependencies: () =>
      Promise.reject(
        new SourceError(
          'not-found',
          'The demo source has no dependency endpoint: build the graph from traces instead.',
        ),
      ),
    sampleTraces: (_window, limit, options) => sampleDemoTraces(limit, options),
  };
}
