/**
 * The search page's URL ⇄ SearchState. Every field is a query parameter so a search is a
 * permalink: /search?source=&service=&operation=&tags=&q=&mode=&minDuration=&maxDuration=
 * &lookback= | &start=&end= (unix s) &limit=&sort=. Defaults are left out of the URL.
 */
import { parseDurationUs } from '../../api/search/duration';
import { parseLogfmt } from '../../api/search/logfmt';
import { resolveRange } from '../../api/search/time-range';
import { DEFAULT_LOOKBACK, isLookback } from '../../api/lookback';
import {
  SORT_KEYS,
  type SearchRequest,
  type SearchState,
  type SortKey,
  type TimeRangeChoice,
} from '../../api/search/types';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1500;
const isSort = (v: string | null): v is SortKey => SORT_KEYS.some((s) => s === v);

/** Unix seconds from "1712759380", or an ISO date ("2026-11-25T10:00:00Z"). */
export function parseTimeParam(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

export function parseSearchParams(p: URLSearchParams): SearchState {
  const startS = parseTimeParam(p.get('start'));
  const endS = parseTimeParam(p.get('end'));
  const lookback = p.get('lookback');
  const range: TimeRangeChoice =
    startS !== undefined && endS !== undefined && !isLookback(lookback)
      ? { kind: 'custom', startS, endS }
      : { kind: 'lookback', lookback: isLookback(lookback) ? lookback : DEFAULT_LOOKBACK };
  const limitRaw = Number(p.get('limit'));
  const limit = Number.isInteger(limitRaw) && limitRaw > 0 ? Math.min(limitRaw, MAX_LIMIT) : DEFAULT_LIMIT;
  const sort = p.get('sort');
  const q = p.get('q') ?? '';
  const mode = p.get('mode');
  return {
    source: p.get('source') ?? undefined,
    service: p.get('service') ?? '',
    operation: p.get('operation') ?? '',
    tags: p.get('tags') ?? '',
    q,
    mode: mode === 'traceql' || (mode === null && q.trim() !== '') ? 'traceql' : 'form',
    minDuration: p.get('minDuration') ?? '',
    maxDuration: p.get('maxDuration') ?? '',
    range,
    limit,
    sort: isSort(sort) ? sort : 'recent',
  };
}

/** State → query string (without "?"), leaving defaults out. */
export function searchStateToParams(s: SearchState): string {
  const p = new URLSearchParams();
  const set = (k: string, v: string | undefined) => {
    if (v !== undefined && v !== '') p.set(k, v);
  };
  set('source', s.source);
  if (s.mode === 'traceql') {
    p.set('mode', 'traceql');
    set('q', s.q);
  } else {
    set('service', s.service);
    set('operation', s.operation);
    set('tags', s.tags.trim());
    set('minDuration', s.minDuration.trim());
    set('maxDuration', s.maxDuration.trim());
  }
  if (s.range.kind === 'custom') {
    p.set('start', String(Math.floor(s.range.startS)));
    p.set('end', String(Math.ceil(s.range.endS)));
  } else if (s.range.lookback !== DEFAULT_LOOKBACK) p.set('lookback', s.range.lookback);
  if (s.limit !== DEFAULT_LIMIT) p.set('limit', String(s.limit));
  if (s.sort !== 'recent') p.set('sort', s.sort);
  return p.toString();
}

export const searchHref = (s: SearchState) => {
  const q = searchStateToParams(s);
  return q ? `/search?${q}` : '/search';
};

export type RequestBuild =
  | { readonly ok: true; readonly request: SearchRequest }
  | {
      readonly ok: false;
      readonly field: 'tags' | 'minDuration' | 'maxDuration' | 'range' | 'q';
      readonly error: string;
    };

/** Validates the form and resolves it into the request the backends are asked. */
export function buildSearchRequest(s: SearchState, nowMs: number): RequestBuild {
  const attrs = parseLogfmt(s.mode === 'form' ? s.tags : '');
  if (!attrs.ok) return { ok: false, field: 'tags', error: attrs.error };
  const min = parseDurationUs(s.mode === 'form' ? s.minDuration : '');
  if (!min.ok) return { ok: false, field: 'minDuration', error: `Min duration: ${min.error}` };
  const max = parseDurationUs(s.mode === 'form' ? s.maxDuration : '');
  if (!max.ok) return { ok: false, field: 'maxDuration', error: `Max duration: ${max.error}` };
  if (min.us !== undefined && max.us !== undefined && max.us < min.us)
    return { ok: false, field: 'maxDuration', error: 'Max duration is below min duration.' };
  const { startUs, endUs } = resolveRange(s.range, nowMs);
  if (!(endUs > startUs)) return { ok: false, field: 'range', error: 'The time range ends before it starts.' };
  if (s.mode === 'traceql' && s.q.trim() === '')
    return { ok: false, field: 'q', error: 'Write a TraceQL query, e.g. { resource.service.name = "frontend" }.' };
  return {
    ok: true,
    request: {
      service: s.mode === 'form' ? s.service : '',
      operation: s.mode === 'form' ? s.operation : '',
      attributes: attrs.pairs,
      minDurationUs: min.us,
      maxDurationUs: max.us,
      startUs,
      endUs,
      limit: s.limit,
      traceql: s.mode === 'traceql' ? s.q.trim() : undefined,
    },
  };
}
