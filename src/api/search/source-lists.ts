/**
 * The lists the search form offers: services and operations (asked of the source's client,
 * which names its endpoints), and Tempo's attribute names and values for autocomplete.
 */
import { queryOptions } from '@tanstack/react-query';
import { arr, rec, str } from '../../lib/json';
import { fetchText, SourceError } from '../http';
import { proxyBase, type BackendSource } from '../sources';
import { clientFor, type ClientSource } from '../client';

async function getJson(source: BackendSource, path: string, signal: AbortSignal): Promise<unknown> {
  const text = await fetchText(`${proxyBase(source)}${path}`, { signal, sourceName: source.name, timeoutMs: 15_000 });
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError('bad-response', `${source.name} answered ${path.split('?')[0] ?? path} with something that is not JSON.`);
  }
}

/** Tries each path; the first that answers with a list wins. */
export async function firstList(source: BackendSource, signal: AbortSignal, attempts: readonly [string, (json: unknown) => string[] | undefined][]): Promise<string[]> {
  let lastError: unknown;
  for (const [path, read] of attempts) {
    try {
      const list = read(await getJson(source, path, signal));
      if (list) return [...new Set(list)].sort((a, b) => a.localeCompare(b));
    } catch (err) {
      if (err instanceof SourceError && (err.kind === 'cancelled' || err.kind === 'unreachable' || err.kind === 'timeout')) throw err;
      lastError = err;
    }
  }
  throw lastError instanceof Error ? lastError : new SourceError('bad-response', `${source.name} did not list them.`);
}

export const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.flatMap((x) => (typeof x === 'string' ? [x] : [])) : undefined);
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
export async function fetchTempoTagNames(source: BackendSource, signal: AbortSignal): Promise<string[]> {
  const json = await getJson(source, '/api/v2/search/tags', signal);
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

export async function fetchTempoTagValues(source: BackendSource, scopedName: string, signal: AbortSignal): Promise<TagValue[]> {
  const json = await getJson(source, `/api/v2/search/tag/${encodeURIComponent(scopedName)}/values`, signal);
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

/** Disabled until there is a source. */
export const servicesQueryOptions = (source: ClientSource | undefined) =>
  queryOptions({
    queryKey: ['search-services', source?.id ?? ''],
    queryFn: ({ signal }) => (source ? clientFor(source).services(signal) : noSource()),
    enabled: source !== undefined,
    staleTime: LIST_STALE_MS,
  });

/** Disabled until there is a source and a service. */
export const operationsQueryOptions = (source: ClientSource | undefined, service: string) =>
  queryOptions({
    queryKey: ['search-operations', source?.id ?? '', service],
    queryFn: ({ signal }) => (source ? clientFor(source).operations(service, signal) : noSource()),
    enabled: source !== undefined && service !== '',
    staleTime: LIST_STALE_MS,
  });

export const tempoTagNamesQueryOptions = (source: BackendSource) =>
  queryOptions({ queryKey: ['tempo-tags', source.id], queryFn: ({ signal }) => fetchTempoTagNames(source, signal), staleTime: LIST_STALE_MS });

export const tempoTagValuesQueryOptions = (source: BackendSource, scopedName: string) =>
  queryOptions({ queryKey: ['tempo-tag-values', source.id, scopedName], queryFn: ({ signal }) => fetchTempoTagValues(source, scopedName, signal), staleTime: LIST_STALE_MS });
