import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceText } from '../../api/parse-trace-file';
import { traceToOtlpJson } from './export-otlp';

const FIXTURES = join(import.meta.dirname, '../../../../shared/fixtures');

describe('traceToOtlpJson', () => {
  it.each([
    'zipkin/zipkin-lens-yelp.json',
    'zipkin/zipkin-lens-skew.json',
    'jaeger-v1/jaeger-ui-genai-trace.json',
    'otlp-json/jaeger-ui-multi-resource.json',
  ])('round-trips %s through the OTLP adapter', (file) => {
    const original = parseTraceText(readFileSync(join(FIXTURES, file), 'utf8')).traces[0];
    if (!original) throw new Error('no trace');
    const again = parseTraceText(traceToOtlpJson(original)).traces[0];
    if (!again) throw new Error('no trace after export');
    expect(again.traceId).toBe(original.traceId);
    // Spans come back grouped by resource, so compare them in span-id order.
    const rows = (t: typeof original) =>
      t.spans
        .map((s) => [
          s.spanId,
          s.parentSpanId,
          s.service,
          s.name,
          s.startUs,
          s.durationUs,
          s.status.code,
          s.attributes.length,
          s.events.length,
        ])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(rows(again)).toEqual(rows(original));
  });
});
