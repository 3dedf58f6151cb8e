/**
 * "Built from traces": a sample of up to `limit` traces from the chosen window, fetched with
 * each backend's own search, for sources with no dependency endpoint (Tempo) or when the
 * user wants per-edge errors and latency.
 * - Jaeger: the service list (v3, fallback v1), then per service /api/v3/traces (full traces,
 *   merged into one OTLP result), falling back to v1 /api/traces.
 * - Zipkin: /api/v2/traces over the window (no service needed): a list of traces.
 * - Tempo: /api/search over the window (ids only), then each trace by id.
 * Progress is reported in words; the AbortSignal cancels every request in flight.
 */
import { arr, rec, str } from '../../lib/json';
import { normalizeTraceId } from '../../model/ids';
import type { Trace, TraceId } from '../../model/types';
import { demoSources, findDemoByTraceId } from '../demo-source';
import { fetchText, isFatalSourceError, SourceError } from '../http';
import { TraceFormatError } from '../parse-trace-file';
import { proxyBase, type BackendSource } from '../sources';
import type { LoadedTrace, LoadOptions } from '../client';
import type { TimeRange } from '../trace-range';
import { loadInWorker } from '../worker/parse-client';
import type { TimeWindow } from './types';

export interface SampleProgress {
  readonly message: string;
  readonly traces: number;
  readonly limit: number;
}

export interface SampleOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: SampleProgress) => void) | undefined;
}

const rfc3339 = (us: number) => new Date(Math.floor(us / 1000)).toISOString();

export function jaegerServicesUrls(source: BackendSource): string[] {
  return [`${proxyBase(source)}/api/v3/services`, `${proxyBase(source)}/api/services`];
}

export function jaegerSearchUrls(source: BackendSource, service: string, window: TimeWindow, limit: number): string[] {
  const v3 = new URLSearchParams({
    'query.service_name': service,
    'query.start_time_min': rfc3339(window.startUs),
    'query.start_time_max': rfc3339(window.endUs),
    'query.num_traces': String(limit),
    'query.search_depth': String(limit),
  });
  const v1 = new URLSearchParams({
    service,
    start: String(Math.floor(window.startUs)),
    end: String(Math.ceil(window.endUs)),
    limit: String(limit),
  });
  return [`${proxyBase(source)}/api/v3/traces?${v3.toString()}`, `${proxyBase(source)}/api/traces?${v1.toString()}`];
}

export function zipkinSearchUrl(source: BackendSource, window: TimeWindow, limit: number): string {
  const endMs = Math.ceil(window.endUs / 1000);
  const lookbackMs = Math.max(1, Math.round((window.endUs - window.startUs) / 1000));
  return `${proxyBase(source)}/api/v2/traces?endTs=${endMs}&lookback=${lookbackMs}&limit=${limit}`;
}

export function tempoSearchUrl(source: BackendSource, window: TimeWindow, limit: number): string {
  const q = new URLSearchParams({
    q: '{}',
    start: String(Math.floor(window.startUs / 1e6)),
    end: String(Math.ceil(window.endUs / 1e6)),
    limit: String(limit),
    spss: '1',
  });
  return `${proxyBase(source)}/api/search?${q.toString()}`;
}

/** Service names from Jaeger v3 `{services: [...]}` or v1 `{data: [...]}`. */
export function parseServiceList(json: unknown): string[] {
  const r = rec(json);
  const list = r ? (r.services ?? r.data) : json;
  return arr(list)
    .map(str)
    .filter((s): s is string => s !== undefined && s !== '')
    .sort();
}

/** Trace ids from a Tempo search answer, padded back to 32 hex (Tempo strips leading zeros). */
export function parseTempoSearchIds(json: unknown): TraceId[] {
  const ids: TraceId[] = [];
  for (const t of arr(rec(json)?.traces)) {
    const raw = str(rec(t)?.traceID)?.toLowerCase();
    const id = raw && /^[0-9a-f]{1,32}$/.test(raw) ? normalizeTraceId(raw.padStart(32, '0')) : undefined;
    if (id) ids.push(id);
  }
  return ids;
}

async function fetchJson(url: string, source: BackendSource, signal: AbortSignal | undefined): Promise<unknown> {
  const text = await fetchText(url, { signal, sourceName: source.name, sourceId: source.id });
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError(
      'bad-response',
      `${source.name} answered ${url.split('?')[0] ?? url} with something that is not JSON.`,
    );
  }
}

/** Parses a search answer holding many traces; an answer with no spans is an empty sample, not an error. */
async function parseTraces(text: string, fileName: string, signal: AbortSignal | undefined): Promise<Trace[]> {
  const t = text.trim();
  if (t === '' || t === '[]' || /^\{\s*"result"\s*:\s*\{\s*\}\s*\}$/.test(t) || /^\{"data":(null|\[\])/.test(t))
    return [];
  try {
    const parsed = await loadInWorker({ kind: 'text', text, fileName }, { signal, analyze: false });
    return parsed.traces;
  } catch (err) {
    if (err instanceof TraceFormatError && /no spans/i.test(err.reason)) return [];
    throw err;
  }
}

/** The first URL that answers wins; "not found" (Jaeger v3's answer to an empty search) means none. */
async function firstAnswer(
  urls: readonly string[],
  source: BackendSource,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  let last: unknown;
  for (const url of urls) {
    try {
      return await fetchText(url, { signal, sourceName: source.name, sourceId: source.id });
    } catch (err) {
      if (isFatalSourceError(err)) throw err;
      if (err instanceof SourceError && err.kind === 'not-found' && url.includes('/api/v3/traces')) return undefined;
      last = err;
    }
  }
  throw last instanceof Error ? last : new SourceError('bad-response', String(last));
}

class Sample {
  readonly traces = new Map<string, Trace>();
  constructor(
    readonly limit: number,
    readonly options: SampleOptions,
  ) {}
  add(traces: readonly Trace[]) {
    for (const t of traces)
      if (this.traces.size < this.limit && !this.traces.has(t.traceId)) this.traces.set(t.traceId, t);
  }
  get full() {
    return this.traces.size >= this.limit;
  }
  report(message: string) {
    this.options.onProgress?.({ message, traces: this.traces.size, limit: this.limit });
  }
}

/** The demo source's sample: its demo traces up to 20k spans, generated in the worker (they have no time). */
export async function sampleDemoTraces(limit: number, options: SampleOptions = {}): Promise<Trace[]> {
  const sample = new Sample(limit, options);
  const { signal } = options;
  const demos = demoSources().filter((d) => d.spanCountHint <= 20_000);
  for (const d of demos) {
    if (sample.full) break;
    const req = findDemoByTraceId(d.traceId);
    if (!req) continue;
    sample.report(`generating demo trace “${d.title}”`);
    const parsed = await loadInWorker(
      { kind: 'demo', demoId: req.id, seed: req.seed, spans: req.spans },
      { signal, analyze: false },
    );
    sample.add(parsed.traces);
  }
  return [...sample.traces.values()];
}

export async function sampleJaegerTraces(
  source: BackendSource,
  window: TimeWindow,
  limit: number,
  options: SampleOptions = {},
): Promise<Trace[]> {
  const sample = new Sample(limit, options);
  const { signal } = options;
  sample.report(`asking ${source.name} for its services`);
  let services: string[] = [];
  let lastErr: unknown;
  for (const url of jaegerServicesUrls(source)) {
    try {
      services = parseServiceList(await fetchJson(url, source, signal));
      lastErr = undefined;
      break;
    } catch (err) {
      if (isFatalSourceError(err)) throw err;
      lastErr = err;
    }
  }
  if (lastErr) throw lastErr;
  // Each service gets a share of the limit, so services late in the list are sampled too.
  const perService = Math.max(10, Math.ceil((2 * limit) / Math.max(1, services.length)));
  for (let i = 0; i < services.length && !sample.full; i++) {
    const service = services[i] ?? '';
    sample.report(`searching traces of ${service} (service ${i + 1} of ${services.length})`);
    const text = await firstAnswer(
      jaegerSearchUrls(source, service, window, Math.min(limit, perService)),
      source,
      signal,
    );
    if (text !== undefined) sample.add(await parseTraces(text, `${service} search`, signal));
  }
  return [...sample.traces.values()];
}

export async function sampleZipkinTraces(
  source: BackendSource,
  window: TimeWindow,
  limit: number,
  options: SampleOptions = {},
): Promise<Trace[]> {
  const sample = new Sample(limit, options);
  const { signal } = options;
  sample.report(`searching ${source.name}`);
  const text = await fetchText(zipkinSearchUrl(source, window, limit), {
    signal,
    sourceName: source.name,
    sourceId: source.id,
  });
  sample.add(await parseTraces(text, 'zipkin search', signal));
  return [...sample.traces.values()];
}

/** `traceById` is the Tempo client's, so each trace is fetched the way the trace page fetches it. */
export async function sampleTempoTraces(
  source: BackendSource,
  traceById: (id: TraceId, range: TimeRange, options: LoadOptions) => Promise<LoadedTrace>,
  window: TimeWindow,
  limit: number,
  options: SampleOptions = {},
): Promise<Trace[]> {
  const sample = new Sample(limit, options);
  const { signal } = options;
  sample.report(`searching ${source.name}`);
  const ids = parseTempoSearchIds(await fetchJson(tempoSearchUrl(source, window, limit), source, signal)).slice(
    0,
    limit,
  );
  const range = { startS: Math.floor(window.startUs / 1e6), endS: Math.ceil(window.endUs / 1e6) };
  let done = 0;
  let failed = 0;
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        sample.add([(await traceById(id, range, { signal })).trace]);
      } catch (err) {
        if (err instanceof SourceError && (err.kind === 'cancelled' || err.kind === 'unreachable')) throw err;
        failed++; // a trace that vanished or fails to parse leaves the sample; the rest still counts
      }
      done++;
      sample.report(`fetched ${done} of ${ids.length} traces${failed ? ` (${failed} failed)` : ''}`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return [...sample.traces.values()];
}
