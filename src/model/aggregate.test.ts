import { describe, expect, it } from 'vitest';
import { aggregateDigests, digestTrace, MAX_DURATIONS_PER_OP } from './aggregate';
import { analyzeTrace } from './analyze';
import { HOTROD_SPANS } from './__fixtures__/hotrod';
import { makeTrace, type SpanSpec } from './__fixtures__/make-trace';
import type { Trace } from './types';

/**
 * Critical-path µs of the HotROD fixture, worked out by hand from the walk in DESIGN.md:
 * frontend owns 0–1 ms, 330–332 ms, 545–550 ms and 747.6–760 ms; customer the gaps around
 * mysql; driver the gaps around its two redis calls; the longer /route its whole span.
 */
const HOTROD_CRITICAL: Record<string, number> = {
  frontend: 20_400,
  customer: 9_800,
  mysql: 319_200,
  driver: 7_800,
  'redis-manual': 205_200,
  route: 197_600,
};

const withId = (t: Trace, id: string): Trace => ({ ...t, traceId: id.padStart(32, '0') as Trace['traceId'] });

/** The HotROD fixture with every time multiplied by `f`: its critical times scale by `f` too. */
function scaledHotrod(f: number, id: string): Trace {
  const spans: SpanSpec[] = HOTROD_SPANS.map((s) => ({ ...s, start: s.start * f, duration: s.duration * f }));
  return withId(makeTrace(spans), id);
}

/** A trace where route holds 85 of 100 ms: frontend 0–10 ms and 95–100 ms. */
const routeHeavy = (id: string) =>
  withId(
    makeTrace([
      { id: '1', service: 'frontend', name: 'HTTP GET /dispatch', start: 0, duration: 100_000 },
      { id: '2', parent: '1', service: 'route', name: '/route', start: 10_000, duration: 85_000 },
    ]),
    id,
  );

const digest = (t: Trace) => digestTrace(t, analyzeTrace(t));

describe('aggregateDigests', () => {
  const factors = [1, 2, 3, 4];
  const traces = [...factors.map((f, i) => scaledHotrod(f, `a${i}`)), routeHeavy('b1')];
  const agg = aggregateDigests(traces.map(digest));
  const sumF = factors.reduce((a, b) => a + b, 0);

  it('sums critical-path time per service, as computed by hand', () => {
    const expected = new Map(Object.entries(HOTROD_CRITICAL).map(([s, us]) => [s, us * sumF]));
    expected.set('frontend', (expected.get('frontend') ?? 0) + 15_000);
    expected.set('route', (expected.get('route') ?? 0) + 85_000);
    expect(agg.services.map((r) => [r.service, r.operation, Math.round(r.criticalUs)])).toEqual(
      [...expected.entries()].sort((a, b) => b[1] - a[1]).map(([s, us]) => [s, '', us]),
    );
    expect(agg.traceCount).toBe(5);
    expect(agg.totalUs).toBe(760_000 * sumF + 100_000);
    const mysql = agg.services.find((r) => r.service === 'mysql');
    expect(mysql?.share).toBeCloseTo((319_200 * sumF) / (760_000 * sumF + 100_000), 9);
  });

  it('every trace’s time is owned once: each kind of row adds up to the total', () => {
    const sum = (rows: readonly { criticalUs: number }[]) => rows.reduce((a, r) => a + r.criticalUs, 0);
    expect(Math.round(sum(agg.services))).toBe(agg.totalUs);
    expect(Math.round(sum(agg.operations))).toBe(agg.totalUs);
  });

  it('per operation, with p50 / p95 over the traces it appears in', () => {
    const getDriver = agg.operations.find((r) => r.service === 'redis-manual' && r.operation === 'GetDriver');
    expect(getDriver?.criticalUs).toBeCloseTo(205_200 * sumF, 6);
    expect(getDriver?.traces).toBe(4);
    // Per-trace values 205.2, 410.4, 615.6, 820.8 ms: nearest-rank p50 is the 2nd, p95 the 4th.
    expect(getDriver?.p50Us).toBeCloseTo(410_400, 6);
    expect(getDriver?.p95Us).toBeCloseTo(820_800, 6);
    const route = agg.operations.find((r) => r.service === 'route' && r.operation === '/route');
    expect(route?.traces).toBe(5);
    expect(route?.p50Us).toBeCloseTo(395_200, 6); // 85, 197.6, 395.2, 592.8, 790.4 ms
  });

  it('links each row to the traces where it holds the most time, largest share first', () => {
    const mysql = agg.services.find((r) => r.service === 'mysql');
    expect(mysql?.dominates.map((d) => d.traceId.replace(/^0+/, ''))).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(mysql?.dominates[0]?.share).toBeCloseTo(0.42, 2);
    const route = agg.services.find((r) => r.service === 'route');
    expect(route?.dominates.map((d) => d.traceId.replace(/^0+/, ''))).toEqual(['b1']);
    expect(route?.dominates[0]?.share).toBeCloseTo(0.85, 9);
    expect(agg.services.find((r) => r.service === 'driver')?.dominates).toEqual([]);
  });

  it('is empty, not broken, for no traces', () => {
    expect(aggregateDigests([])).toEqual({ traceCount: 0, totalUs: 0, services: [], operations: [] });
  });
});

describe('digestTrace', () => {
  it('keeps self time, spans and root, and bounds the durations kept per operation', () => {
    const d = digest(scaledHotrod(1, 'a'));
    expect(d.rootService).toBe('frontend');
    expect(d.rootName).toBe('HTTP GET /dispatch');
    const route = d.operations.find((o) => o.name === '/route');
    expect(route?.spans).toBe(2);
    expect(route?.selfUs).toBe(197_600 + 148_000);
    expect([...(route?.durationsUs ?? [])].sort()).toEqual([148_000, 197_600]);

    const many: SpanSpec[] = [{ id: '1', start: 0, duration: 10 }];
    for (let i = 0; i < MAX_DURATIONS_PER_OP + 50; i++)
      many.push({ id: (i + 2).toString(16), parent: '1', name: 'leaf', start: 0, duration: 1 });
    const leaf = digest(makeTrace(many)).operations.find((o) => o.name === 'leaf');
    expect(leaf?.spans).toBe(MAX_DURATIONS_PER_OP + 50);
    expect(leaf?.durationsUs.length).toBe(MAX_DURATIONS_PER_OP);
  });
});
