import { describe, expect, it } from 'vitest';
import { packTrace } from '../../../api/worker/pack-trace';
import { unpackTrace } from '../../../api/worker/unpack-trace';
import { spanColumnsOf } from '../../../model/span-columns';
import { generateDemo } from '../../../demo/generate';
import { parseTraceJson } from '../../../api/parse-trace-file';
import { minimapColors } from './Minimap';
import { traceErrorCount, traceServices } from '../../../layout/trace-facts';
import { spanTimes } from '../../../layout/visible-rows';

describe('span columns', () => {
  it('gives the minimap the same colours from a packed trace’s columns as from its spans', () => {
    const trace = parseTraceJson(generateDemo('hotrod', { seed: 3 })).traces[0];
    if (!trace) throw new Error('no demo trace');
    const services = [...new Set(trace.spans.map((s) => s.service))];
    expect(services.length).toBeGreaterThan(2);
    expect(trace.spans.some((s) => s.status.code === 'error')).toBe(true);
    // one service left out of the palette: it gets the fallback
    const index = new Map(services.slice(1).map((s, i) => [s, i]));
    const [fallback, error] = [index.size, index.size + 1];
    const fromSpans = minimapColors(trace, index, fallback, error);
    const unpacked = unpackTrace(packTrace(trace));
    expect(spanColumnsOf(unpacked)).toBeDefined(); // read from the columns, not the spans
    const fromColumns = minimapColors(unpacked, index, fallback, error);
    expect([...fromColumns]).toEqual([...fromSpans]);
    expect(fromSpans.includes(fallback) && fromSpans.includes(error)).toBe(true);
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
    expect(Array.from(b.startUs)).toEqual(trace.spans.map((s) => s.startUs));
    expect(Array.from(b.endUs)).toEqual(trace.spans.map((s) => s.startUs + s.durationUs));
  });
});
