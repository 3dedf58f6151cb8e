/**
 * The compare page's state in the URL (DESIGN.md "URLs"), so a permalink reopens the same
 * view: `source` when both traces come from one source, else `sourceA` / `sourceB` ("demo",
 * "file" or a backend id); `startA`/`endA`/`startB`/`endB` (unix s) are time-range hints for
 * backends that need one; `sort` (default critical), `min` (show only nodes that changed by
 * at least this many percent) and `node` (the selected node's path hash). Other parameters
 * pass through untouched.
 */
import type { UrlCodec } from '../../lib/router';
import { COMPARE_SORTS, type CompareSort } from '../../model/compare-tree';

export interface CompareUrlState {
  readonly sourceA: string | undefined;
  readonly sourceB: string | undefined;
  readonly startA: number | undefined;
  readonly endA: number | undefined;
  readonly startB: number | undefined;
  readonly endB: number | undefined;
  readonly sort: CompareSort;
  readonly minPercent: number;
  readonly node: string | undefined;
}

function numberParam(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function decodeCompareUrl(params: URLSearchParams): CompareUrlState {
  const shared = params.get('source') ?? undefined;
  const min = numberParam(params.get('min'));
  return {
    sourceA: params.get('sourceA') ?? shared,
    sourceB: params.get('sourceB') ?? shared,
    startA: numberParam(params.get('startA')),
    endA: numberParam(params.get('endA')),
    startB: numberParam(params.get('startB')),
    endB: numberParam(params.get('endB')),
    sort: COMPARE_SORTS.find((s) => s === params.get('sort')) ?? 'critical',
    minPercent: min !== undefined && min > 0 ? min : 0,
    node: params.get('node') ?? undefined,
  };
}

/** The URL parameters for a state: defaults left out, unrelated parameters kept. */
export function encodeCompareUrl(base: URLSearchParams, state: CompareUrlState): URLSearchParams {
  const next = new URLSearchParams(base);
  const set = (key: string, value: string | number | undefined) => {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
  };
  const one = state.sourceA !== undefined && state.sourceA === state.sourceB;
  set('source', one ? state.sourceA : undefined);
  set('sourceA', one ? undefined : state.sourceA);
  set('sourceB', one ? undefined : state.sourceB);
  set('startA', state.startA);
  set('endA', state.endA);
  set('startB', state.startB);
  set('endB', state.endB);
  set('sort', state.sort === 'critical' ? undefined : state.sort);
  set('min', state.minPercent > 0 ? state.minPercent : undefined);
  set('node', state.node);
  return next;
}

export const compareUrlCodec: UrlCodec<CompareUrlState> = { decode: decodeCompareUrl, encode: encodeCompareUrl };
