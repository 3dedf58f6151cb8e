import { describe, expect, it } from 'vitest';
import { digestTrace, opKey } from './aggregate';
import { analyzeTrace } from './analyze';
import { buildBaseline, compareWithBaseline, formatAgainst, MIN_TRACES, outlierVerdict } from './baseline';
import { makeTrace, type SpanSpec } from './__fixtures__/make-trace';
import type { Trace } from './types';

/** A checkout: frontend calls `SQL SELECT` in mysql taking `sqlUs`, then `charge` in payment for 5 ms. */
function checkout(sqlUs: number): Trace {
  const spans: SpanSpec[] = [
    { id: '1', service: 'frontend', name: 'POST /checkout', start: 0, duration: 1_000 + sqlUs + 5_000 + 1_000 },
    { id: '2', parent: '1', service: 'mysql', name: 'SQL SELECT', start: 1_000, duration: sqlUs },
    { id: '3', parent: '1', service: 'payment', name: 'charge', start: 1_000 + sqlUs, duration: 5_000 },
  ];
  return makeTrace(spans);
}
const digest = (t: Trace) => digestTrace(t, analyzeTrace(t));

describe('baseline', () => {
  // 20 baseline traces with SQL SELECT taking 1, 2, …, 20 ms.
  const base = buildBaseline(Array.from({ length: 20 }, (_, i) => digest(checkout((i + 1) * 1_000))));

  it('has nearest-rank p50 / p95 of self, critical and span time per operation', () => {
    const sql = base.operations.get(opKey('mysql', 'SQL SELECT'));
    expect(base.traceCount).toBe(20);
    expect(sql?.traces).toBe(20);
    expect(sql?.spanUs).toEqual({ p50Us: 10_000, p95Us: 19_000 });
    expect(sql?.selfUs).toEqual({ p50Us: 10_000, p95Us: 19_000 });
    expect(sql?.criticalUs).toEqual({ p50Us: 10_000, p95Us: 19_000 });
    // frontend's own time is 2 ms in every trace.
    expect(base.operations.get(opKey('frontend', 'POST /checkout'))?.selfUs).toEqual({ p50Us: 2_000, p95Us: 2_000 });
  });

  it('flags the spans above the baseline p95 and says so in the verdict', () => {
    const slow = checkout(309_000);
    const cmp = compareWithBaseline(slow, analyzeTrace(slow), base);
    // Only SQL SELECT is above its p95: frontend and charge are exactly as usual.
    expect(cmp.outliers.map((o) => slow.spans[o.span]?.name)).toEqual(['SQL SELECT', 'POST /checkout']);
    const sqlRow = cmp.operations.find((o) => o.name === 'SQL SELECT');
    expect(sqlRow?.selfUs).toBe(309_000);
    expect(sqlRow?.base?.selfUs.p95Us).toBe(19_000);
    const text = outlierVerdict(slow, cmp.outliers)
      .map((p) => (p.kind === 'span' ? `\`${p.text}\`` : p.text))
      .join('');
    expect(text).toBe(
      ' `SQL SELECT` took 309 ms, typically 10 ms (p95 19 ms); 1 more span is above the baseline’s p95.',
    );
  });

  it('finds no outlier in a typical trace, and none for operations the baseline lacks or barely has', () => {
    const typical = checkout(9_000);
    expect(compareWithBaseline(typical, analyzeTrace(typical), base).outliers).toEqual([]);

    const rare = buildBaseline(Array.from({ length: MIN_TRACES - 1 }, () => digest(checkout(1_000))));
    const slow = checkout(300_000);
    const cmp = compareWithBaseline(slow, analyzeTrace(slow), rare);
    expect(cmp.outliers).toEqual([]);
    expect(outlierVerdict(slow, cmp.outliers)).toEqual([]);
    const none = compareWithBaseline(slow, analyzeTrace(slow), buildBaseline([]));
    expect(none.operations.every((o) => o.base === undefined)).toBe(true);
  });

  it('shows a difference the rounding would hide', () => {
    expect(formatAgainst(309_000, 19_000)).toEqual(['309 ms', '19 ms']);
    expect(formatAgainst(35_200, 34_900)).toEqual(['35.20 ms', '34.90 ms']);
    expect(formatAgainst(12.4, 12.2)).toEqual(['12.4 µs', '12.2 µs']);
  });
});
