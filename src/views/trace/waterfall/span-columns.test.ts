import { describe, expect, it } from 'vitest';
import { packTrace } from '../../../api/worker/pack-trace';
import { unpackTrace } from '../../../api/worker/unpack-trace';
import { spanColumnsOf } from '../../../model/span-columns';
import { generateDemo } from '../../../demo/generate';
import { parseTraceJson } from '../../../api/parse-trace-file';
import { minimapColumns } from './Minimap';
import { traceErrorCount, traceServices } from '../../../layout/trace-facts';
import { spanTimes } from '../../../layout/visible-rows';

describe('minimapColumns', () => {
  it('reads a packed trace’s columns to the same starts, durations and colours as its spans', () => {
    const trace = parseTraceJson(generateDemo('hotrod', { seed: 3 })).traces[0];
    if (!trace) throw new Error('no demo trace');
    const services = [...new Set(trace.spans.map((s) => s.service))];
    expect(services.length).toBeGreaterThan(2);
    expect(trace.spans.some((s) => s.status.code === 'error')).toBe(true);
    // one service left out of the palette: it gets the fallback
    const index = new Map(services.slice(1).map((s, i) => [s, i]));
    const [fallback, error] = [index.size, index.size + 1];
    const fromSpans = minimapColumns(trace, index, fallback, error);
    const unpacked = unpackTrace(packTrace(trace));
    const fromColumns = minimapColumns(unpacked, index, fallback, error);
    expect(fromColumns.start).toBe(spanColumnsOf(unpacked)?.startUs); // the columns, not the spans
    expect(Array.from(fromColumns.start)).toEqual(trace.spans.map((s) => s.startUs));
    expect(Array.from(fromColumns.duration)).toEqual(trace.spans.map((s) => s.durationUs));
    expect([...fromColumns.color]).toEqual([...fromSpans.color]);
    expect(fromSpans.color.includes(fallback) && fromSpans.color.includes(error)).toBe(true);
  });

  it('gives the per-trace facts the same from an unpacked trace’s columns as from its spans', () => {
    const trace = parseTraceJson(generateDemo('hotrod', { seed: 5 })).traces[0];
    if (!trace) throw new Error('no demo trace');
    const unpacked = unpackTrace(packTrace(trace));
    expect(spanColumnsOf(unpacked)).toBeDefined();
    expect(spanColumnsOf(trace)).toBeUndefined();
    expect(traceServices(unpacked)).toEqual(traceServices(trace));
    expect(traceServices(unpacked).length).toBeGreaterThan(2);
    expect(traceErrorCount(unpacked)).toBe(traceErrorCount(trace));
    expect(traceErrorCount(trace)).toBeGreaterThan(0);
    const [a, b] = [spanTimes(unpacked), spanTimes(trace)];
    expect(Array.from(a.startUs)).toEqual(Array.from(b.startUs));
    expect(Array.from(a.endUs)).toEqual(Array.from(b.endUs));
  });
});
