import { describe, expect, it } from 'vitest';
import { analyzeTrace } from './analyze';
import { alignTraces } from './compare';
import { changePercent, diffRows } from './compare-tree';
import { compareVerdict, compareVerdictText } from './compare-verdict';
import { HOTROD_SPANS } from './__fixtures__/hotrod';
import { makeTrace, type SpanSpec } from './__fixtures__/make-trace';
import type { Trace } from './types';

const side = (trace: Trace) => ({ trace, ...analyzeTrace(trace) });
function verdictOf(a: Trace, b: Trace, sameTrace = false): string {
  const alignment = alignTraces(side(a), side(b));
  return compareVerdictText(
    compareVerdict({ durationUsA: a.durationUs, durationUsB: b.durationUs, alignment, sameTrace }),
  );
}

/** HotROD's dispatch with mysql slower by `slowUs` and `extraRedis` more GetDriver calls. */
function slowerDispatch(slowUs: number, extraRedis: number): Trace {
  const spans: SpanSpec[] = HOTROD_SPANS.map((s) => {
    if (s.id === '1') return { ...s, duration: s.duration + slowUs + extraRedis * 20_000 };
    if (s.id === '2' || s.id === '3') return { ...s, duration: s.duration + slowUs };
    if (s.id === '4') return { ...s, start: s.start + slowUs, duration: s.duration + extraRedis * 20_000 };
    if (s.id === '5' || s.id === '6') return { ...s, start: s.start + slowUs };
    return { ...s, start: s.start + slowUs + extraRedis * 20_000 };
  });
  for (let k = 0; k < extraRedis; k++)
    spans.push({
      id: `e${k}`,
      parent: '4',
      service: 'redis-manual',
      name: 'GetDriver',
      start: 540_200 + slowUs + k * 20_000,
      duration: 20_000,
      kind: 'client',
    });
  return makeTrace(spans);
}

describe('compareVerdict', () => {
  it('names the operation that slowed on the critical path, and a count change', () => {
    const text = verdictOf(makeTrace(HOTROD_SPANS), slowerDispatch(310_000, 3));
    expect(text).toBe(
      'B is 370 ms slower (760 ms → 1.1 s): +310 ms in `SQL SELECT` in mysql on the critical path; ' +
        '`GetDriver` in redis-manual ran 5× instead of 2× (+60 ms)',
    );
  });

  it('says faster the other way round', () => {
    const text = verdictOf(slowerDispatch(310_000, 0), makeTrace(HOTROD_SPANS));
    expect(text).toMatch(/^B is 310 ms faster \(1\.1 s → 760 ms\): −310 ms in `SQL SELECT` in mysql/);
  });

  it('a trace with itself says so, and that every delta is zero', () => {
    const t = makeTrace(HOTROD_SPANS);
    expect(verdictOf(t, t, true)).toBe('This compares a trace with itself: every delta is zero (760 ms).');
    expect(verdictOf(t, makeTrace(HOTROD_SPANS))).toMatch(/match span for span.*every delta is zero/);
  });

  it('names an operation new in B', () => {
    const extra: SpanSpec[] = [
      { id: 'c1', parent: '1', service: 'cache', name: 'GET', start: 760_000, duration: 100_000 },
    ];
    const b = makeTrace([...HOTROD_SPANS.map((s) => (s.id === '1' ? { ...s, duration: 860_000 } : s)), ...extra]);
    expect(verdictOf(makeTrace(HOTROD_SPANS), b)).toMatch(/\+100 ms in `GET` in cache, new in B, on the critical path/);
  });
});

describe('diffRows', () => {
  it('sorts a parent by its subtree: its children slowed, not itself', () => {
    // p (own delta 0) holds a child slowed by 50; q itself slowed by 10.
    const spans = (slow: number): SpanSpec[] => [
      { id: '1', service: 'f', name: 'root', start: 0, duration: 1000 + slow + 10 },
      { id: '2', parent: '1', service: 'f', name: 'q', start: 0, duration: 100 + (slow > 0 ? 10 : 0) },
      { id: '3', parent: '1', service: 'f', name: 'p', start: 200, duration: 300 + slow },
      { id: '4', parent: '3', service: 'g', name: 'child', start: 200, duration: 300 + slow },
    ];
    const al = alignTraces(side(makeTrace(spans(0))), side(makeTrace(spans(50))));
    expect(diffRows(al, 'critical', 0).map((r) => al.nodes[r.node]?.operation)).toEqual(['root', 'p', 'child', 'q']);
  });

  it('sorts siblings by critical-path delta and filters by change, keeping ancestors', () => {
    const al = alignTraces(side(makeTrace(HOTROD_SPANS)), side(slowerDispatch(310_000, 3)));
    const rows = diffRows(al, 'critical', 0).map((r) => al.nodes[r.node]?.operation);
    expect(rows).toEqual([
      'HTTP GET /dispatch',
      'HTTP GET /customer',
      'SQL SELECT',
      'FindNearest',
      'GetDriver',
      '/route',
    ]);
    const changed = diffRows(al, 'critical', 50).map((r) => al.nodes[r.node]?.operation);
    // SQL SELECT grew 97% and GetDriver ran 5× instead of 2× (+150%); /route did not change.
    expect(changed).toEqual(['HTTP GET /dispatch', 'HTTP GET /customer', 'SQL SELECT', 'FindNearest', 'GetDriver']);
    const sql = al.nodes.find((n) => n.operation === 'SQL SELECT');
    expect(sql && changePercent(sql)).toBeCloseTo((310_000 / 319_200) * 100, 6);
  });
});
