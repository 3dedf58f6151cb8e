import { describe, expect, it } from 'vitest';
import { parseTraceJson, parseTraceText, TraceFormatError } from './parse-trace-file';

function formatError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(TraceFormatError);
    expect(e instanceof Error ? e.name : '').toBe('TraceFormatError');
    return e instanceof Error ? e.message : '';
  }
  throw new Error('expected a TraceFormatError');
}

const otlpSpan = (traceId: string, spanId: string) => ({
  traceId,
  spanId,
  name: 'op',
  startTimeUnixNano: '1000',
  endTimeUnixNano: '2000',
});

describe('parseTraceText', () => {
  it('explains invalid JSON with its line and column', () => {
    const msg = formatError(() => parseTraceText('{\n  "a": 1,\n  }x'));
    expect(msg).toMatch(
      /^Not a trace file: not JSON: .+ at line 3 column 3\. Accepted formats: Jaeger JSON, Jaeger API v3, OTLP\/JSON, Tempo, Zipkin v2\.$/,
    );
    expect(formatError(() => parseTraceText('  \n'))).toContain('the file is empty');
  });

  it('strips a BOM and reads OTLP JSON Lines (one TracesData per line)', () => {
    const line = (id: string) => JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [otlpSpan('ab', id)] }] }] });
    const parsed = parseTraceText(`\uFEFF${line('1')}\n${line('2')}\n`);
    expect(parsed.format).toBe('otlp');
    expect(parsed.traces[0]?.spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000002']);
  });
});

describe('parseTraceJson detects the format by shape', () => {
  const rs = [{ scopeSpans: [{ spans: [otlpSpan('ab', '1')] }] }];
  it.each([
    ['otlp', { resourceSpans: rs }],
    ['otlp', { resource_spans: rs }],
    ['jaeger-v3', { result: { resourceSpans: rs } }],
    ['tempo-v1', { batches: rs }],
    ['tempo-v2', { trace: { resourceSpans: rs } }],
    ['jaeger-v1', { traceID: '1', spans: [{ traceID: '1', spanID: '2', startTime: 1, duration: 1 }], processes: {} }],
    [
      'jaeger-v1',
      { data: [{ traceID: '1', spans: [{ traceID: '1', spanID: '2', startTime: 1, duration: 1 }] }], errors: null },
    ],
    ['zipkin', [{ traceId: '1', id: '2', timestamp: 1, duration: 1 }]],
    ['zipkin', [[{ traceId: '1', id: '2', timestamp: 1, duration: 1 }]]],
  ])('%s', (format, json) => {
    expect(parseTraceJson(json).format).toBe(format);
  });

  it.each([
    [[], 'the JSON is an empty array'],
    [42, 'the JSON is a number'],
    [{}, 'the JSON is an empty object'],
    [['frontend', 'driver'], 'array of strings — this looks like a list of service or span names'],
    [{ services: ['foo'] }, 'top-level keys services — this looks like a Jaeger services list, not a trace'],
    [{ data: ['customer'], total: 1, limit: 0, offset: 0, errors: null }, 'Jaeger services or operations list'],
    [{ data: [{ parent: 'a', child: 'b', callCount: 1 }], errors: null }, 'Jaeger dependencies response'],
    [{ data: null, errors: [{ code: 404, msg: 'trace not found' }] }, 'Jaeger error response (404 trace not found)'],
    [{ error: { httpCode: 404, message: 'No traces found' } }, 'Jaeger API v3 error response (404: No traces found)'],
    [{ traces: [{ traceID: '2a6b', rootServiceName: 'grafana' }], metrics: {} }, 'Tempo search results'],
    [{ tagNames: ['http.method'] }, 'Tempo tag list'],
    [{ foo: 1, bar: 2 }, 'top-level keys foo, bar match no known trace shape'],
    [[{ name: 'x' }], 'array of objects with keys name, not Zipkin spans'],
    [{ resourceSpans: [] }, 'this OTLP/JSON document contains no spans'],
  ])('explains %j', (json, reason) => {
    expect(formatError(() => parseTraceJson(json))).toContain(reason);
  });
});

describe('input-sized lists are never spread into a call', () => {
  // A browser overflows its stack spreading ~150k items; vitest's threads have a larger stack, so
  // the unit tests go well past that (e2e/hostile-files.spec.ts opens a 200k line in the browser).
  it('reads a JSON Lines line with 600,000 resourceSpans', () => {
    const N = 600_000;
    const filler = JSON.stringify({ resourceSpans: Array.from({ length: N }, () => ({})) });
    const real = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [otlpSpan('ab', '1')] }] }] });
    const parsed = parseTraceText(`${filler}\n${real}\n`);
    expect(parsed.format).toBe('otlp');
    expect(parsed.traces[0]?.spans.map((s) => s.spanId)).toEqual(['0000000000000001']);
  }, 60_000);
});
