// @vitest-environment jsdom
/**
 * The waterfall model hook: rows follow the tree's pre-order, collapse by level and by
 * toggled span, "critical path only" keeps the path, find marks matches, and a selection
 * change recomputes the selection only.
 */
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeTrace } from '../../model/__fixtures__/make-trace';
import { analyzeTrace } from '../../model/analyze';
import { decodeTraceUrl, type TraceUrlState } from './url-state';
import { useWaterfallModel } from './use-waterfall-model';

// root ─┬─ a (db) ── a1
//       ├─ c (overlaps a, ends before it: off the critical path)
//       └─ b (slow, ends last: on the critical path)
const trace = makeTrace([
  { id: '1', service: 'web', name: 'GET /', start: 0, duration: 100 },
  { id: 'a', parent: '1', service: 'db', name: 'SELECT', start: 5, duration: 20 },
  { id: 'a1', parent: 'a', service: 'db', name: 'fetch', start: 6, duration: 5 },
  { id: 'c', parent: '1', service: 'cache', name: 'get', start: 10, duration: 10 },
  { id: 'b', parent: '1', service: 'api', name: 'slow call', start: 30, duration: 65, error: true },
]);
const analysis = analyzeTrace(trace);
const ids = (rows: Int32Array) => Array.from(rows, (i) => trace.spans[i]?.spanId.replace(/^0+/, ''));
const url = (query: string): TraceUrlState => decodeTraceUrl(new URLSearchParams(query));

describe('useWaterfallModel', () => {
  it('shows every span in pre-order with nothing collapsed', () => {
    const { result } = renderHook(() => useWaterfallModel(trace, analysis, url('')));
    expect(ids(result.current.rows)).toEqual(['1', 'a', 'a1', 'c', 'b']);
    expect(result.current.selected).toBe(-1);
    expect(result.current.zoomed).toBe(false);
  });

  it('collapses from a level, and a toggled span flips back open', () => {
    const { result, rerender } = renderHook((q: string) => useWaterfallModel(trace, analysis, url(q)), {
      initialProps: 'level=0',
    });
    expect(ids(result.current.rows)).toEqual(['1']);
    rerender('level=0&toggle=0000000000000001');
    expect(ids(result.current.rows)).toEqual(['1', 'a', 'c', 'b']);
    rerender('level=1');
    expect(ids(result.current.rows)).toEqual(['1', 'a', 'c', 'b']);
  });

  it('keeps only the critical path, the errors, or the find matches', () => {
    const { result, rerender } = renderHook((q: string) => useWaterfallModel(trace, analysis, url(q)), {
      initialProps: 'only=critical',
    });
    expect(ids(result.current.rows)).toEqual(['1', 'a', 'a1', 'b']);
    rerender('only=errors');
    expect(ids(result.current.rows)).toEqual(['b']);
    rerender('find=select&only=matches');
    expect(ids(result.current.rows)).toEqual(['a']);
    expect(ids(result.current.matchOrder)).toEqual(['a']);
  });

  it('selects the URL span, recomputing nothing else', () => {
    const { result, rerender } = renderHook((q: string) => useWaterfallModel(trace, analysis, url(q)), {
      initialProps: '',
    });
    const before = result.current;
    rerender('span=000000000000000b');
    expect(trace.spans[result.current.selected]?.spanId).toBe('000000000000000b');
    expect(result.current.rows).toBe(before.rows);
    expect(result.current.collapsed).toBe(before.collapsed);
    expect(result.current.segments).toBe(before.segments);
  });

  it('zooms to the URL window', () => {
    const { result } = renderHook(() => useWaterfallModel(trace, analysis, url('zoom=30,95')));
    expect(result.current.zoomed).toBe(true);
    expect(ids(result.current.rows)).toEqual(['1', 'b']);
  });
});
