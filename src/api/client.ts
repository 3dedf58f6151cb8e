/**
 * One client per source type behind one interface: a trace by id, search, the service and
 * operation lists, dependencies, and what the source can do. `clientFor` is the one place
 * that branches on the type of a source; views ask a client and read its capabilities.
 */
import type { CoreAnalysis, TraceAnalysis } from '../model/analysis-types';
import type { Trace, TraceId } from '../model/types';
import type { SampleOptions } from './dependencies/sample-traces';
import type { DependencyGraph, TimeWindow } from './dependencies/types';
import { demoClient } from './demo/client';
import { jaegerClient } from './jaeger/client';
import type { SearchOutcome, SearchProgress } from './search/run-search';
import type { SearchRequest, TimeRangeChoice } from './search/types';
import type { BackendSource, Source } from './sources';
import { tempoClient } from './tempo/client';
import type { TimeRange } from './trace-range';
import type { ProgressListener } from './worker/protocol';
import { zipkinClient } from './zipkin/client';

export interface Capabilities {
  /** Search by a TraceQL query, with attribute names and values offered as you type. */
  readonly traceql: boolean;
  /** The backend finds a trace by id only within a time range, so links to a trace carry its range. */
  readonly traceNeedsTimeRange: boolean;
  /** The backend has a dependency endpoint (else the graph is built from traces). */
  readonly dependencyEndpoint: boolean;
  /** A search's time range applies (generated demo traces have no "last hour"). */
  readonly searchTimeRange: boolean;
  /** An attribute search needs a service (Jaeger's limit). */
  readonly attributeSearchNeedsService: boolean;
  /** What to suggest when the dependency endpoint answers with no links. */
  readonly emptyDependenciesHint: string;
  /** The service, operation and attribute lists cover only a time range (else only recent data), so they are asked for the form's range. */
  readonly listsUseTimeRange: boolean;
}

export interface LoadedTrace {
  readonly trace: Trace;
  readonly analysis: TraceAnalysis;
  /** The URL the trace was fetched from, to fetch it again as the source returned it (view=json). */
  readonly rawUrl?: string | undefined;
}

/** A trace with the core of its analysis, before the summary: enough for the page to draw rows. */
export interface TracePreview {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly rawUrl?: string | undefined;
}

export interface LoadOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ProgressListener | undefined;
  readonly onPreview?: ((preview: TracePreview) => void) | undefined;
}

export interface SourceClient {
  readonly capabilities: Capabilities;
  /** Fetched, parsed and analysed in the worker; `range` is a hint for backends that need one. */
  traceById(traceId: TraceId, range: TimeRange, options?: LoadOptions): Promise<LoadedTrace>;
  search(request: SearchRequest, signal?: AbortSignal, progress?: SearchProgress): Promise<SearchOutcome>;
  /** `range` is the search form's; sources whose lists do not depend on it ignore it. */
  services(signal: AbortSignal, range?: TimeRangeChoice): Promise<string[]>;
  operations(service: string, signal: AbortSignal, range?: TimeRangeChoice): Promise<string[]>;
  /** The backend's own dependency links over the window (a SourceError when it has no endpoint). */
  dependencies(window: TimeWindow, signal?: AbortSignal): Promise<DependencyGraph>;
  /** Up to `limit` whole traces from the window, to build a dependency graph from. */
  sampleTraces(window: TimeWindow, limit: number, options?: SampleOptions): Promise<Trace[]>;
}

/** Sources that search and load traces: the configured backends and the built-in demo. */
export type ClientSource = BackendSource | Extract<Source, { kind: 'demo' }>;

const assertUnreachable = (x: never): never => {
  throw new Error(`Unknown source type ${String(x)}`);
};

const clients = new WeakMap<ClientSource, SourceClient>();

export function clientFor(source: ClientSource): SourceClient {
  let client = clients.get(source);
  if (!client) clients.set(source, (client = makeClient(source)));
  return client;
}

function makeClient(source: ClientSource): SourceClient {
  if (source.kind === 'demo') return demoClient();
  switch (source.type) {
    case 'jaeger':
      return jaegerClient(source);
    case 'tempo':
      return tempoClient(source);
    case 'zipkin':
      return zipkinClient(source);
    default:
      return assertUnreachable(source.type);
  }
}
