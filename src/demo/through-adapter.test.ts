import { describe, expect, it } from 'vitest';
import { parseTraceText } from '../api/parse-trace-file';
import { analyzeTrace } from '../model/analyze';
import { demoTraceId, generateDemoText } from './generate';

describe('demo traces through the real adapter and analyses', () => {
  it.each(['hotrod', 'checkout', 'big-1k'])('%s parses as one OTLP trace and analyses cleanly', (id) => {
    const { format, traces } = parseTraceText(generateDemoText(id));
    expect(format).toBe('otlp');
    expect(traces).toHaveLength(1);
    const trace = traces[0];
    if (trace === undefined) throw new Error('no trace');
    expect(trace.traceId).toBe(demoTraceId(id));
    const analysis = analyzeTrace(trace);
    // no orphans, cycles, duplicate ids or clock skew: the generator nests children properly
    expect(analysis.warnings).toEqual([]);
  });

  it('makes mysql the biggest critical-path cost of the HotROD-like trace', () => {
    const trace = parseTraceText(generateDemoText('hotrod')).traces[0];
    if (trace === undefined) throw new Error('no trace');
    const { bottlenecks } = analyzeTrace(trace);
    expect(bottlenecks.byService[0]?.service).toBe('mysql');
    expect(bottlenecks.byOperation[0]?.name).toBe('SQL SELECT');
  });
});
