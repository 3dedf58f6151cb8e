import { describe, expect, it } from 'vitest';
import { makeTrace } from './__fixtures__/make-trace';
import { analyzeTrace } from './analyze';
import { spanOrder } from './span-order';

const trace = makeTrace([
  { id: 'a', service: 'api', name: 'GET /', start: 0, duration: 100 },
  { id: 'b', parent: 'a', service: 'db', name: 'SELECT', start: 10, duration: 30, error: true },
  { id: 'c', parent: 'a', service: 'cache', name: 'get', start: 50, duration: 10 },
  { id: 'd', parent: 'a', service: 'db', name: 'INSERT', start: 70, duration: 20 },
]);
const analysis = analyzeTrace(trace);
const ids = (order: Int32Array) => [...order].map((i) => trace.spans[i]?.spanId.replace(/^0+/, ''));

describe('spanOrder', () => {
  it('sorts every span by each column, either direction', () => {
    expect(ids(spanOrder(trace, analysis, undefined, 'start', false))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(spanOrder(trace, analysis, undefined, 'duration', true))).toEqual(['a', 'b', 'd', 'c']);
    expect(ids(spanOrder(trace, analysis, undefined, 'self', true))).toEqual(['a', 'b', 'd', 'c']);
    // ties (both db) fall back to start
    expect(ids(spanOrder(trace, analysis, undefined, 'service', false))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(spanOrder(trace, analysis, undefined, 'operation', false))).toEqual(['a', 'd', 'b', 'c']);
    expect(ids(spanOrder(trace, analysis, undefined, 'status', false))[0]).toBe('b');
    // The root owns the gaps between its children (40 µs), more than any child.
    const crit = spanOrder(trace, analysis, undefined, 'critical', true);
    expect(ids(crit)[0]).toBe('a');
    expect(analysis.criticalUs[crit[0] ?? -1]).toBeGreaterThanOrEqual(analysis.criticalUs[crit[1] ?? -1] ?? 0);
  });

  it('keeps only the spans the find mask keeps', () => {
    const mask = new Uint8Array([0, 1, 0, 1]);
    expect(ids(spanOrder(trace, analysis, mask, 'duration', false))).toEqual(['d', 'b']);
    expect(spanOrder(trace, analysis, new Uint8Array(4), 'start', false)).toHaveLength(0);
  });
});
