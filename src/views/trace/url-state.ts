/**
 * The trace view's state as it lives in the URL (DESIGN.md "URLs"), so a permalink reopens
 * the same view: `span`, `view`, `find`, `only`, `zoom=<fromUs>,<toUs>` (µs from the trace
 * start), `level` (spans at this depth and deeper start collapsed) and `toggle` (span ids
 * whose collapsed state is flipped from that default). Jaeger UI's `uiFind` is read as
 * `find`, and selects the span when it is a span id. `source`, `start` and `end` (unix s) say
 * where the trace is loaded from (the range is a hint for backends that need one); `graphBy`
 * is the graph view's level. `group` is the statistics view's grouping (service, operation or
 * `attr:<key>`) and `sort` the column the statistics view or span table is sorted by (a leading
 * `-` for descending; each view ignores a column it does not have). `baseline=N` compares with
 * up to N similar traces. Other parameters pass through untouched.
 */
import { BASELINE_DEFAULT, BASELINE_MAX } from '../../api/baseline';
import type { UrlCodec } from '../../lib/router';

export const TRACE_VIEWS = ['timeline', 'graph', 'flame', 'stats', 'table', 'json'] as const;
export type TraceView = (typeof TRACE_VIEWS)[number];
export const ONLY_FILTERS = ['critical', 'errors', 'matches'] as const;
export type OnlyFilter = (typeof ONLY_FILTERS)[number];

export interface TraceUrlState {
  readonly span: string | undefined;
  readonly view: TraceView;
  readonly find: string;
  readonly only: OnlyFilter | undefined;
  readonly zoom: readonly [number, number] | undefined;
  readonly level: number | undefined;
  readonly toggle: readonly string[];
  readonly source: string | undefined;
  readonly startS: number | undefined;
  readonly endS: number | undefined;
  readonly graphBy: 'service' | 'operation';
  /** view=stats grouping: 'service' (default), 'operation' or 'attr:<key>'. */
  readonly group: string;
  /** view=stats / view=table sort column, '-' prefixed when descending; '' for the view's default. */
  readonly sort: string;
  /** Compare with up to this many similar traces (1..BASELINE_MAX); undefined: no baseline. */
  readonly baseline?: number | undefined;
}

function numberParam(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

const SPAN_ID = /^[0-9a-f]{16}$/;

/** `baseline=N`: a whole number of traces, at most BASELINE_MAX; `baseline` alone means the default. */
function baselineParam(v: string | null): number | undefined {
  if (v === null) return undefined;
  if (v.trim() === '') return BASELINE_DEFAULT;
  return /^\d+$/.test(v) && Number(v) >= 1 ? Math.min(Number(v), BASELINE_MAX) : undefined;
}

function pick<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return values.find((x) => x === v);
}

function parseZoom(v: string | null): readonly [number, number] | undefined {
  if (!v) return undefined;
  const parts = v.split(',').map(Number);
  const [a, b] = parts;
  if (parts.length !== 2 || a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b <= a)
    return undefined;
  return [a, b];
}

export function decodeTraceUrl(params: URLSearchParams): TraceUrlState {
  const uiFind = params.get('uiFind')?.trim() ?? '';
  const uiFindSpan = SPAN_ID.test(uiFind.toLowerCase()) ? uiFind.toLowerCase() : undefined;
  const levelText = params.get('level');
  const level = levelText !== null && /^\d+$/.test(levelText) ? Number(levelText) : undefined;
  return {
    span: params.get('span') ?? uiFindSpan,
    view: pick(TRACE_VIEWS, params.get('view')) ?? 'timeline',
    find: params.get('find') ?? uiFind,
    only: pick(ONLY_FILTERS, params.get('only')),
    zoom: parseZoom(params.get('zoom')),
    level,
    toggle: (params.get('toggle') ?? '').split(',').filter((id) => id.length > 0),
    source: params.get('source') ?? undefined,
    startS: numberParam(params.get('start')),
    endS: numberParam(params.get('end')),
    graphBy: params.get('graphBy') === 'operation' ? 'operation' : 'service',
    group: params.get('group') || 'service',
    sort: params.get('sort') ?? '',
    baseline: baselineParam(params.get('baseline')),
  };
}

/** The URL parameters for a state: defaults are left out, unrelated parameters are kept. */
export function encodeTraceUrl(base: URLSearchParams, state: TraceUrlState): URLSearchParams {
  const next = new URLSearchParams(base);
  next.delete('uiFind'); // read once as find/span, then written as those
  const set = (key: string, value: string | undefined) => {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  };
  set('span', state.span);
  set('view', state.view === 'timeline' ? undefined : state.view);
  set('find', state.find);
  set('only', state.only);
  set('zoom', state.zoom ? `${Math.round(state.zoom[0])},${Math.round(state.zoom[1])}` : undefined);
  set('level', state.level === undefined ? undefined : String(state.level));
  set('toggle', state.toggle.join(','));
  set('source', state.source);
  set('start', state.startS === undefined ? undefined : String(state.startS));
  set('end', state.endS === undefined ? undefined : String(state.endS));
  set('graphBy', state.graphBy === 'service' ? undefined : state.graphBy);
  set('group', state.group === 'service' ? undefined : state.group);
  set('sort', state.sort);
  set('baseline', state.baseline === undefined ? undefined : String(state.baseline));
  return next;
}

export const traceUrlCodec: UrlCodec<TraceUrlState> = { decode: decodeTraceUrl, encode: encodeTraceUrl };

/** Flip one span's collapsed state: toggling twice removes it from the list. */
export function toggleSpan(toggle: readonly string[], spanId: string): string[] {
  return toggle.includes(spanId) ? toggle.filter((t) => t !== spanId) : [...toggle, spanId];
}

/** The `sort` parameter for a view with these columns: its column and direction, else the fallback. */
export function parseSort<C extends string>(
  sort: string,
  columns: readonly C[],
  fallback: { readonly column: C; readonly desc: boolean },
): { readonly column: C; readonly desc: boolean } {
  const desc = sort.startsWith('-');
  const column = pick(columns, desc ? sort.slice(1) : sort);
  return column === undefined ? fallback : { column, desc };
}

/** The `sort` value for a column; clicking the sorted column again flips its direction. */
export function nextSort(current: { readonly column: string; readonly desc: boolean }, column: string): string {
  const desc =
    current.column === column ? !current.desc : column !== 'service' && column !== 'operation' && column !== 'group';
  return `${desc ? '-' : ''}${column}`;
}
