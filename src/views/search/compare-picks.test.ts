import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../../api/search/types';
import { DEMO_SOURCE } from '../../api/sources';
import type { TraceId } from '../../model/types';
import { compareResultsHref, typicalTrace } from './compare-picks';

const summary = (id: string, durationUs: number, rootName = 'GET /'): TraceSummary => ({
  traceId: id.padStart(32, '0') as TraceId,
  rootService: 'frontend',
  rootName,
  startUnixUs: 1_700_000_000_000_000,
  durationUs,
  spanCount: 3,
  errorCount: 0,
  services: [],
});

describe('typicalTrace', () => {
  it('is the median-duration result with the same root service and operation, itself left out', () => {
    const slow = summary('1', 9000);
    const results = [slow, summary('2', 100), summary('3', 300), summary('4', 200), summary('5', 50, 'other')];
    expect(typicalTrace(results, slow)?.traceId).toBe(summary('4', 0).traceId);
    expect(typicalTrace(results, summary('5', 50, 'other'))).toBeUndefined();
  });
});

describe('compareResultsHref', () => {
  it('links both results on their source', () => {
    const href = compareResultsHref(DEMO_SOURCE, summary('a', 1), summary('b', 2));
    expect(href).toBe(`/compare/${'a'.padStart(32, '0')}...${'b'.padStart(32, '0')}?source=demo`);
  });
});
