import { describe, expect, it } from 'vitest';
import { makeTrace } from '../model/__fixtures__/make-trace';
import { analyzeTrace } from '../model/analyze';
import { segmentsBySpan } from './critical-segments';
import {
  criticalSegments,
  prepareTraceFacts,
  traceErrorCount,
  traceServiceColors,
  traceServices,
  traceSpanTimes,
} from './trace-facts';
import { serviceColors } from './service-colors';
import { spanTimes } from './visible-rows';

const trace = makeTrace([
  { id: '1', service: 'web', name: 'GET /', start: 0, duration: 100 },
  { id: 'a', parent: '1', service: 'db', name: 'SELECT', start: 5, duration: 20, error: true },
  { id: 'b', parent: '1', service: 'api', name: 'call', start: 30, duration: 65 },
  { id: 'c', parent: 'b', service: 'db', name: 'SELECT', start: 35, duration: 50 },
]);
const analysis = analyzeTrace(trace);

describe('trace facts', () => {
  it('equal what the per-view computations gave, and are computed once per trace', () => {
    expect(traceServices(trace)).toEqual(['api', 'db', 'web']);
    expect(traceErrorCount(trace)).toBe(1);
    expect(traceServiceColors(trace)).toEqual(serviceColors(trace.spans.map((s) => s.service)));
    expect(traceSpanTimes(trace)).toEqual(spanTimes(trace));
    expect(criticalSegments(analysis)).toEqual(segmentsBySpan(trace.spans.length, analysis.criticalPath));
    expect(traceServiceColors(trace)).toBe(traceServiceColors(trace));
    expect(criticalSegments(analysis)).toBe(criticalSegments(analysis));
  });

  it('are all ready after prepareTraceFacts, for a new trace', async () => {
    const other = makeTrace([{ id: 'x', service: 'solo', name: 'op', start: 0, duration: 5 }]);
    const otherAnalysis = analyzeTrace(other);
    await prepareTraceFacts(other, otherAnalysis);
    expect(traceServices(other)).toEqual(['solo']);
    expect(traceSpanTimes(other).endUs[0]).toBe(5);
  });
});
