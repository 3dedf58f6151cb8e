/**
 * The dependency page's state as it lives in the URL (DESIGN.md: /dependencies?source=&start=&end=),
 * plus `lookback` (a relative window, the default when start/end are absent, as on the search
 * page), `mode` (backend | traces), `limit` (traces sampled), `layout` (layered | force),
 * `focus` (a service) and `hops` (1–3). start/end are unix seconds. Defaults stay out of the URL.
 * The service map adds `weight` (calls | critical), `min` (the edge threshold, in calls or µs of
 * critical-path time) and `collapsed` (namespaces drawn as one node, repeated; present but
 * empty: none, absent: the default for the map's size).
 */
import { DEFAULT_LOOKBACK, isLookback, LOOKBACK_LABEL, LOOKBACK_US, type Lookback } from '../../api/lookback';
import type { GraphLayoutKind } from '../../layout/graph-layout';
import type { MapWeight } from './service-map';

export type DepsRange =
  | { readonly kind: 'lookback'; readonly lookback: Lookback }
  | { readonly kind: 'absolute'; readonly startS: number; readonly endS: number };
export type DepsMode = 'backend' | 'traces';

export interface DepsUrlState {
  readonly source: string | undefined;
  readonly range: DepsRange;
  /** undefined: the source's dependency endpoint when it has one, else built from traces. */
  readonly mode: DepsMode | undefined;
  readonly limit: number;
  readonly layout: GraphLayoutKind;
  readonly focus: string | undefined;
  readonly hops: number;
  /** undefined: critical-path time when the graph has it, else calls. */
  readonly weight: MapWeight | undefined;
  readonly threshold: number | undefined;
  readonly collapsed: readonly string[] | undefined;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 2000;

function intParam(v: string | null): number | undefined {
  return v !== null && /^\d+$/.test(v) ? Number(v) : undefined;
}

export function decodeDepsUrl(params: URLSearchParams): DepsUrlState {
  const startS = intParam(params.get('start'));
  const endS = intParam(params.get('end'));
  const raw = params.get('lookback');
  const lookback = isLookback(raw) ? raw : DEFAULT_LOOKBACK;
  const range: DepsRange =
    startS !== undefined && endS !== undefined && endS > startS
      ? { kind: 'absolute', startS, endS }
      : { kind: 'lookback', lookback };
  const mode = params.get('mode');
  const limit = intParam(params.get('limit'));
  const hops = intParam(params.get('hops'));
  const weight = params.get('weight');
  return {
    source: params.get('source') || undefined,
    range,
    mode: mode === 'backend' || mode === 'traces' ? mode : undefined,
    limit: limit !== undefined && limit >= 1 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT,
    layout: params.get('layout') === 'force' ? 'force' : 'layered',
    focus: params.get('focus') || undefined,
    hops: hops !== undefined && hops >= 1 && hops <= 3 ? hops : 1,
    weight: weight === 'calls' || weight === 'critical' ? weight : undefined,
    threshold: intParam(params.get('min')),
    collapsed: params.has('collapsed') ? params.getAll('collapsed').filter((c) => c !== '') : undefined,
  };
}

export function encodeDepsUrl(state: DepsUrlState): string {
  const q = new URLSearchParams();
  if (state.source) q.set('source', state.source);
  if (state.range.kind === 'absolute') {
    q.set('start', String(state.range.startS));
    q.set('end', String(state.range.endS));
  } else if (state.range.lookback !== DEFAULT_LOOKBACK) q.set('lookback', state.range.lookback);
  if (state.mode) q.set('mode', state.mode);
  if (state.limit !== DEFAULT_LIMIT) q.set('limit', String(state.limit));
  if (state.layout !== 'layered') q.set('layout', state.layout);
  if (state.focus) q.set('focus', state.focus);
  if (state.focus && state.hops !== 1) q.set('hops', String(state.hops));
  if (state.weight) q.set('weight', state.weight);
  if (state.threshold !== undefined) q.set('min', String(state.threshold));
  if (state.collapsed) {
    if (state.collapsed.length === 0) q.set('collapsed', '');
    for (const c of state.collapsed) q.append('collapsed', c);
  }
  const s = q.toString();
  return `/dependencies${s ? `?${s}` : ''}`;
}

/** The window in unix µs; a lookback is resolved against `nowMs`. */
export function resolveWindow(range: DepsRange, nowMs: number): { startUs: number; endUs: number } {
  if (range.kind === 'absolute') return { startUs: range.startS * 1e6, endUs: range.endS * 1e6 };
  const endUs = nowMs * 1000;
  return { startUs: endUs - LOOKBACK_US[range.lookback], endUs };
}

export function describeRange(range: DepsRange): string {
  if (range.kind === 'lookback') return LOOKBACK_LABEL[range.lookback].toLowerCase();
  const fmt = (s: number) => new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `${fmt(range.startS)} – ${fmt(range.endS)} UTC`;
}
