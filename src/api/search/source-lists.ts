/**
 * The lists the search form offers: services and operations (asked of the source's client,
 * which names its endpoints, each falling back to the older API), and Tempo's attribute names
 * and values for autocomplete. Tempo's tag endpoints see only recent data without start/end
 * (the last 15 minutes on 2.10+), so they get the form's time range (at most 168 h, Tempo's
 * limit) and a limit; a v2 tag name must be a TraceQL identifier, so odd keys are quoted (span."x y").
 */
import { queryOptions } from '@tanstack/react-query';
import { arr, rec, str } from '../../lib/json';
import { fetchText, isFatalSourceError, SourceError } from '../http';
import { proxyBase, type BackendSource } from '../sources';
import { clientFor, type ClientSource } from '../client';
import { tempoWindow } from '../tempo/search';
import { traceqlAttribute } from './build-queries';
import { resolveRange } from './time-range';
import type { TimeRangeChoice } from './types';

/** How many names or values a Tempo tag endpoint is asked for. */
export const TEMPO_TAG_LIMIT = 1000;

/** start/end (whole seconds, ≤ 168 h) and limit for a Tempo tag request; without a range, only the limit. */
export function tempoTagParams(range: TimeRangeChoice | undefined, nowMs: number): string {
  const p = new URLSearchParams();
  if (range) {
    const { startUs, endUs } = resolveRange(range, nowMs);
    const w = tempoWindow(startUs, endUs);
    p.set('start', String(w.start));
    p.set('end', String(w.end));
  }
  p.set('limit', String(TEMPO_TAG_LIMIT));
  return p.toString();
}

/** Part of a list's cache key: the range, for sources whose lists depend on it (capabilities.listsUseTimeRange). */
const rangeKey = (source: ClientSource | undefined, range: TimeRangeChoice | undefined) =>
  !source || !range || !clientFor(source).capabilities.listsUseTimeRange
    ? ''
    : range.kind === 'lookback'
      ? range.lookback
      : `${range.startS}-${range.endS}`;

async function getJson(source: BackendSource, path: string, signal: AbortSignal): Promise<unknown> {
  const text = await fetchText(`${proxyBase(source)}${path}`, {
    signal,
    sourceName: source.name,
    sourceId: source.id,
    timeoutMs: 15_000,
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError(
      'bad-response',
      `${source.name} answered ${path.split('?')[0] ?? path} with something that is not JSON.`,
    );
  }
}

/** Tries each path; the first that answers with a list wins. */
export async function firstList(
  source: BackendSource,
  signal: AbortSignal,
  attempts: readonly [string, (json: unknown) => string[] | undefined][],
): Promise<string[]> {
  let lastError: unknown;
  for (const [path, read] of attempts) {
    try {
      const list = read(await getJson(source, path, signal));
      if (list) return [...new Set(list)].sort((a, b) => a.localeCompare(b));
    } catch (err) {
      if (isFatalSourceError(err)) throw err;
      lastError = err;
    }
  }
  throw lastError instanceof Error ? lastError : new SourceError('bad-response', `${source.name} did not list them.`);
}

export const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' ? [x] : [])) : undefined;
/** Tempo v2 tag values: [{type, value}]; v1: [string]. */
export const tagValues = (json: unknown): string[] | undefined => {
  const list = rec(json)?.tagValues;
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((v) => {
    const s = typeof v === 'string' ? v : str(rec(v)?.value);
    return s === undefined ? [] : [s];
  });
};

/** Tempo attribute names, scoped ("span.http.route", "resource.host.name"); intrinsics left out. */
export async function fetchTempoTagNames(
  source: BackendSource,
  signal: AbortSignal,
  range?: TimeRangeChoice,
): Promise<string[]> {
  const json = await getJson(source, `/api/v2/search/tags?${tempoTagParams(range, Date.now())}`, signal);
  const names: string[] = [];
  for (const scope of arr(rec(json)?.scopes)) {
    const name = str(rec(scope)?.name);
    if (name !== 'span' && name !== 'resource') continue;
    for (const tag of arr(rec(scope)?.tags)) if (typeof tag === 'string') names.push(`${name}.${tag}`);
  }
  return names.sort((a, b) => a.localeCompare(b));
}

export interface TagValue {
  readonly value: string;
  /** Tempo v2 says the type ("string", "int", …); undefined from the v1 endpoint. */
  readonly type: string | undefined;
}

export async function fetchTempoTagValues(
  source: BackendSource,
  scopedName: string,
  signal: AbortSignal,
  range?: TimeRangeChoice,
): Promise<TagValue[]> {
  // "span.x y" → span."x y": Tempo parses a v2 tag name as TraceQL and refuses it unquoted.
  const name = encodeURIComponent(traceqlAttribute(scopedName));
  const json = await getJson(source, `/api/v2/search/tag/${name}/values?${tempoTagParams(range, Date.now())}`, signal);
  const seen = new Set<string>();
  const out: TagValue[] = [];
  for (const v of arr(rec(json)?.tagValues)) {
    const value = typeof v === 'string' ? v : str(rec(v)?.value);
    if (value === undefined || seen.has(value)) continue;
    seen.add(value);
    out.push({ value, type: str(rec(v)?.type) });
  }
  return out.sort((a, b) => a.value.localeCompare(b.value));
}

const LIST_STALE_MS = 60_000;

const noSource = () => Promise.reject(new Error('No source picked.'));

/** Disabled until there is a source. The range matters only to sources whose lists depend on it (Tempo). */
export const servicesQueryOptions = (source: ClientSource | undefined, range?: TimeRangeChoice) =>
  queryOptions({
    queryKey: ['search-services', source?.id ?? '', rangeKey(source, range)],
    queryFn: ({ signal }) => (source ? clientFor(source).services(signal, range) : noSource()),
    enabled: source !== undefined,
    staleTime: LIST_STALE_MS,
  });

/** Disabled until there is a source and a service. */
export const operationsQueryOptions = (source: ClientSource | undefined, service: string, range?: TimeRangeChoice) =>
  queryOptions({
    queryKey: ['search-operations', source?.id ?? '', service, rangeKey(source, range)],
    queryFn: ({ signal }) => (source ? clientFor(source).operations(service, signal, range) : noSource()),
    enabled: source !== undefined && service !== '',
    staleTime: LIST_STALE_MS,
  });

export const tempoTagNamesQueryOptions = (source: BackendSource, range?: TimeRangeChoice) =>
  queryOptions({
    queryKey: ['tempo-tags', source.id, rangeKey(source, range)],
    queryFn: ({ signal }) => fetchTempoTagNames(source, signal, range),
    staleTime: LIST_STALE_MS,
  });

export const tempoTagValuesQueryOptions = (source: BackendSource, scopedName: string, range?: TimeRangeChoice) =>
  queryOptions({
    queryKey: ['tempo-tag-values', source.id, scopedName, rangeKey(source, range)],
    queryFn: ({ signal }) => fetchTempoTagValues(source, scopedName, signal, range),
    staleTime: LIST_STALE_MS,
  });
