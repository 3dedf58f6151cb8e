/**
 * The search form as the URL carries it, and the one result shape every backend's search
 * answer becomes. Times are absolute µs since the Unix epoch; durations are µs.
 */
import type { TraceId } from '../../model/types';
import type { Lookback } from '../lookback';

export type SortKey = 'recent' | 'longest' | 'spans' | 'errors';
export const SORT_KEYS: readonly SortKey[] = ['recent', 'longest', 'spans', 'errors'];

/** A preset window (api/lookback.ts) or a custom range. */
export type TimeRangeChoice =
  | { readonly kind: 'lookback'; readonly lookback: Lookback }
  /** Custom range, unix seconds. */
  | { readonly kind: 'custom'; readonly startS: number; readonly endS: number };

/** Everything on the search page that the URL holds (parsed and validated). */
export interface SearchState {
  readonly source: string | undefined;
  readonly service: string;
  readonly operation: string;
  /** Attributes as logfmt text: `customer_id=123 http.route="/a b"`. */
  readonly tags: string;
  /** TraceQL typed by hand (Tempo); used when `mode` is 'traceql'. */
  readonly q: string;
  readonly mode: 'form' | 'traceql';
  /** As typed ("500ms", "1.2s"); validated by parseDurationUs. */
  readonly minDuration: string;
  readonly maxDuration: string;
  readonly range: TimeRangeChoice;
  readonly limit: number;
  readonly sort: SortKey;
}

/** The request a backend is asked, with the time range resolved against "now". */
export interface SearchRequest {
  readonly service: string;
  readonly operation: string;
  readonly attributes: readonly (readonly [string, AttrLiteral])[];
  readonly minDurationUs: number | undefined;
  readonly maxDurationUs: number | undefined;
  readonly startUs: number;
  readonly endUs: number;
  readonly limit: number;
  /** TraceQL written by hand; replaces the form fields for Tempo. */
  readonly traceql?: string | undefined;
}

/** A logfmt value: quoted text is always a string; bare true/false and numbers keep their type. */
export type AttrLiteral =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean };

export interface ServiceCount {
  readonly name: string;
  readonly spanCount: number;
  readonly errorCount: number;
}

/** One trace found by a search, the same for every backend. */
export interface TraceSummary {
  readonly traceId: TraceId;
  readonly rootService: string;
  readonly rootName: string;
  readonly startUnixUs: number;
  readonly durationUs: number;
  /** Undefined when the backend does not say (Tempo without serviceStats). */
  readonly spanCount: number | undefined;
  readonly errorCount: number | undefined;
  /** Services involved, most spans first. */
  readonly services: readonly ServiceCount[];
}
