import { describe, expect, it } from 'vitest';
import { hotrodTrace } from './__fixtures__/hotrod';
import { makeTrace } from './__fixtures__/make-trace';
import { analyzeTrace } from './analyze';
import { bottlenecks, kthLargest, SLOWEST_KEPT } from './bottlenecks';
import { criticalPath } from './critical-path';
import { selfTimes } from './self-time';
import { buildTree } from './tree';
import type { Trace } from './types';

function run(trace: Trace) {
  const { tree } = buildTree(trace);
  return bottlenecks(trace, criticalPath(trace, tree), selfTimes(trace, tree));
}

describe('bottlenecks', () => {
  it('sums critical time per span, operation and service, largest first', () => {
    const b = run(hotrodTrace());
    expect(b.byOperation.map((o) => [o.service, o.name, o.us])).toEqual([
      ['mysql', 'SQL SELECT', 319_200],
      ['redis-manual', 'GetDriver', 205_200],
      ['route', '/route', 197_600],
      ['frontend', 'HTTP GET /dispatch', 20_400],
      ['customer', 'HTTP GET /customer', 9800],
      ['driver', 'FindNearest', 7800],
    ]);
    expect(b.byOperation[0]?.share).toBeCloseTo(0.42, 10);
    expect(b.byService.map((s) => s.service)).toEqual([
      'mysql',
      'redis-manual',
      'route',
      'frontend',
      'customer',
      'driver',
    ]);
    // The two GetDriver calls tie at 102.6 ms: the earlier one comes first. The parallel /route is off the path.
    expect(b.bySpan.map((s) => s.span)).toEqual([2, 6, 4, 5, 0, 1, 3]);
    expect(b.bySpan.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 10);
  });

  it('ranks every span by self time, ties by earlier start then lower index', () => {
    const b = run(
      makeTrace([
        { id: 'a', start: 0, duration: 10 },
        { id: 'b', parent: 'a', start: 5, duration: 3 },
        { id: 'c', parent: 'a', start: 2, duration: 3 },
        { id: 'd', parent: 'a', start: 2, duration: 3 },
      ]),
    );
    expect(b.slowestBySelfTime).toEqual([0, 2, 3, 1]);
  });

  it('gives zero shares for a zero-length trace', () => {
    const b = run(makeTrace([{ id: 'a', start: 0, duration: 0 }]));
    expect(b.bySpan).toEqual([]);
    expect(b.byOperation).toEqual([]);
    expect(b.slowestBySelfTime).toEqual([0]);
  });
});

describe('slowest spans by self time', () => {
  it('keeps the first SLOWEST_KEPT of the full order, ties included in order', () => {
    const n = SLOWEST_KEPT * 3 + 7;
    // many equal self times around the cut, so ties decide who is kept
    const spans = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      parent: i === 0 ? undefined : 's0',
      start: (i * 7919) % 1000,
      duration: i === 0 ? 10_000_000 : 1 + ((i * 104729) % 50),
    }));
    const trace = makeTrace(spans);
    const a = analyzeTrace(trace);
    const self = a.selfTimeUs;
    const full = Array.from({ length: n }, (_, i) => i).sort(
      (x, y) =>
        (self[y] ?? 0) - (self[x] ?? 0) || (trace.spans[x]?.startUs ?? 0) - (trace.spans[y]?.startUs ?? 0) || x - y,
    );
    expect(a.bottlenecks.slowestBySelfTime).toEqual(full.slice(0, SLOWEST_KEPT));
  });
});

describe('kthLargest', () => {
  it('agrees with sorting, on random values, runs of equal values, sorted and reversed input', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const inputs: Float64Array[] = [
      Float64Array.from({ length: 5000 }, () => Math.floor(rand() * 1e6)),
      Float64Array.from({ length: 5000 }, () => (rand() < 0.7 ? 0 : Math.floor(rand() * 50))),
      Float64Array.from({ length: 3000 }, (_, i) => i),
      Float64Array.from({ length: 3000 }, (_, i) => 3000 - i),
      new Float64Array(2000).fill(4),
      Float64Array.of(3),
    ];
    for (const values of inputs) {
      const sorted = Float64Array.from(values).sort();
      for (const k of [1, 2, 15, Math.ceil(values.length / 2), values.length - 1, values.length].filter(
        (k) => k >= 1 && k <= values.length,
      ))
        expect(kthLargest(values, k), `k=${k} of ${values.length}`).toBe(sorted[values.length - k]);
    }
  });
});
