import { describe, expect, it } from 'vitest';
import { makeTrace } from '../../model/__fixtures__/make-trace';
import { traceLinkParams, traceTimeRange } from '../trace-range';
import { searchDemoTraces, traceMatches } from './demo-search';
import type { SearchRequest } from './types';

const any: SearchRequest = {
  service: '',
  operation: '',
  attributes: [],
  minDurationUs: undefined,
  maxDurationUs: undefined,
  startUs: 0,
  endUs: 1,
  limit: 20,
};
const trace = makeTrace([
  { id: '1', service: 'web', name: 'GET /', start: 0, duration: 900 },
  { id: '2', parent: '1', service: 'db', name: 'SELECT', start: 10, duration: 600, error: true },
]);

describe('demo search', () => {
  it('matches like Jaeger: one span with the service, operation, duration and tags', () => {
    expect(traceMatches(trace, { ...any, service: 'db', operation: 'SELECT' })).toBe(true);
    expect(traceMatches(trace, { ...any, service: 'db', operation: 'GET /' })).toBe(false);
    expect(traceMatches(trace, { ...any, service: 'db', minDurationUs: 500 })).toBe(true);
    expect(traceMatches(trace, { ...any, service: 'db', minDurationUs: 700 })).toBe(false);
    expect(
      traceMatches(trace, { ...any, service: 'web', attributes: [['error', { kind: 'bool', value: true }]] }),
    ).toBe(false);
    expect(traceMatches(trace, { ...any, attributes: [['error', { kind: 'bool', value: true }]] })).toBe(true);
  });

  it('lists services and operations, and keeps the limit', () => {
    const out = searchDemoTraces([trace, trace], { ...any, limit: 1 });
    expect(out.summaries).toHaveLength(1);
    expect(out.services).toEqual(['db', 'web']);
    expect(out.operations).toEqual({ db: ['SELECT'], web: ['GET /'] });
    expect(searchDemoTraces([trace], { ...any, service: 'nope' }).summaries).toEqual([]);
  });
});

describe('a trace link', () => {
  it('carries the trace range only for sources that need one, the same from a summary as from the trace', () => {
    expect(traceTimeRange(1_700_000_000_500_000, 2_000_000)).toEqual({ startS: 1_699_999_999, endS: 1_700_000_004 });
    expect(traceLinkParams('tempo', true, 1_700_000_000_500_000, 2_000_000)).toEqual({
      source: 'tempo',
      start: '1699999999',
      end: '1700000004',
    });
    expect(traceLinkParams('jaeger', false, 1_700_000_000_500_000, 2_000_000)).toEqual({ source: 'jaeger' });
  });
});
