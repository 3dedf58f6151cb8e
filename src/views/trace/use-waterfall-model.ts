/**
 * Everything the waterfall derives from the trace, its analysis and the URL state, each
 * piece memoized on the inputs it really depends on (a selection change recomputes
 * nothing but the selected index).
 */
import { useMemo } from 'react';
import type { CoreAnalysis } from '../../model/analysis-types';
import type { Trace } from '../../model/types';
import { collapsedMask, visibleRows } from '../../layout/visible-rows';
import { clampWindow, type TimeWindow } from '../../layout/time-axis';
import type { SegmentsBySpan } from '../../layout/critical-segments';
import { criticalSegments, traceServiceColors, traceSpanTimes } from '../../layout/trace-facts';
import { descendantCounts, type DescendantCounts } from '../../layout/descendant-counts';
import { matchesInOrder, matchTerms } from './find';
import { parseFind } from './find-expr';
import type { TraceUrlState } from './url-state';

export interface WaterfallModel {
  readonly rows: Int32Array;
  /** Row of each span, or -1 when hidden. */
  readonly rowOfSpan: Int32Array;
  readonly collapsed: Uint8Array;
  readonly matches: Uint8Array | undefined;
  /** Why the find query does not parse (then nothing matches), or undefined. */
  readonly findError: string | undefined;
  readonly matchOrder: Int32Array;
  readonly window: TimeWindow;
  readonly zoomed: boolean;
  readonly segments: SegmentsBySpan;
  readonly colors: ReadonlyMap<string, string>;
  readonly selected: number;
  /** Error and critical-path descendants of each span, for what a collapsed row hides. */
  readonly descendants: DescendantCounts;
  /** Position of each span in the pre-order (its row when nothing is hidden). */
  readonly orderOf: Int32Array;
}

const NO_DESCENDANTS: DescendantCounts = { errors: new Int32Array(0), critical: new Int32Array(0) };

function maskOf(n: number, test: (i: number) => boolean): Uint8Array {
  const m = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (test(i)) m[i] = 1;
  return m;
}

export function useWaterfallModel(trace: Trace, analysis: CoreAnalysis, url: TraceUrlState): WaterfallModel {
  const n = trace.spans.length;
  const { tree } = analysis;
  const times = traceSpanTimes(trace);
  const colors = traceServiceColors(trace);
  const segments = criticalSegments(analysis);

  const toggleKey = url.toggle.join(',');
  const collapsed = useMemo(() => {
    const ids = new Set(toggleKey.split(',').filter((s) => s.length > 0));
    const toggled = ids.size === 0 ? undefined : maskOf(n, (i) => ids.has(trace.spans[i]?.spanId ?? ''));
    return collapsedMask(tree, url.level, toggled);
  }, [trace, tree, n, toggleKey, url.level]);
  // Only a collapsed row shows what it hides: with none collapsed, the counts are not needed.
  const anyCollapsed = useMemo(() => collapsed.includes(1), [collapsed]);
  const descendants = useMemo(
    () => (anyCollapsed ? descendantCounts(tree, trace.spans, analysis.criticalUs) : NO_DESCENDANTS),
    [anyCollapsed, tree, trace, analysis.criticalUs],
  );

  const findParse = useMemo(() => parseFind(url.find), [url.find]);
  const findError = findParse.ok ? undefined : findParse.error;
  const matches = useMemo(
    () => (findParse.ok && findParse.terms.length > 0 ? matchTerms(trace, findParse.terms) : undefined),
    [trace, findParse],
  );
  const matchOrder = useMemo(
    () => (matches ? matchesInOrder(tree.preorder, matches) : new Int32Array(0)),
    [tree, matches],
  );

  const keep = useMemo(() => {
    switch (url.only) {
      case 'critical':
        return maskOf(n, (i) => (analysis.criticalUs[i] ?? 0) > 0);
      case 'errors':
        return maskOf(n, (i) => trace.spans[i]?.status.code === 'error');
      case 'matches':
        return matches;
      case undefined:
        return undefined;
    }
  }, [url.only, n, analysis, trace, matches]);

  const [zoomFrom, zoomTo] = url.zoom ?? [undefined, undefined];
  const window = useMemo(
    () =>
      clampWindow(zoomFrom === undefined || zoomTo === undefined ? undefined : [zoomFrom, zoomTo], trace.durationUs),
    [zoomFrom, zoomTo, trace.durationUs],
  );
  const zoomed = url.zoom !== undefined;

  const rows = useMemo(
    () => visibleRows(tree, { collapsed, keep, window: zoomed ? window : undefined, times }),
    [tree, collapsed, keep, window, zoomed, times],
  );
  const rowOfSpan = useMemo(() => {
    const r = new Int32Array(n).fill(-1);
    rows.forEach((span, row) => (r[span] = row));
    return r;
  }, [rows, n]);

  const orderOf = useMemo(() => {
    const r = new Int32Array(n);
    tree.preorder.forEach((span, p) => (r[span] = p));
    return r;
  }, [tree, n]);

  const selected = useMemo(
    () => (url.span ? trace.spans.findIndex((s) => s.spanId === url.span) : -1),
    [trace, url.span],
  );

  return {
    rows,
    rowOfSpan,
    collapsed,
    matches,
    findError,
    matchOrder,
    window,
    zoomed,
    segments,
    colors,
    selected,
    orderOf,
    descendants,
  };
}
