import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OtlpConverter } from '../otlp/spans';
import { otlpToTraces } from '../otlp/to-model';
import { tempoToTraces } from '../tempo/to-model';
import { arrayEnd, NotFastOtlp, OtlpStreamReader } from './otlp-stream';

const FIXTURES = resolve(import.meta.dirname, '../../../../shared/fixtures');

/** The text fed in pieces of `size` chars, parsed in batches of `batch`; the value or why the reader gave up. */
function stream(text: string, size: number, batch: number): unknown {
  const reader = new OtlpStreamReader(undefined, batch);
  try {
    for (let i = 0; i < text.length; i += size) reader.feed(text.slice(i, i + size));
    return reader.end();
  } catch (err) {
    if (err instanceof NotFastOtlp) return err;
    throw err;
  }
}

const kv = (key: string, value: unknown) => ({ key, value });

/** A span as Jaeger v3 writes it: traceId first, links that also start with traceId, hostile strings. */
function span(i: number, links = 0) {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: (i + 1).toString(16).padStart(16, '0'),
    ...(i > 0 ? { parentSpanId: '0000000000000001' } : {}),
    name: i % 3 === 0 ? 'say "spans":[ and },{"traceId": out loud \\' : `op ${i} — ünïcödé 🚀`,
    kind: 2,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n),
    endTimeUnixNano: String(1_700_000_000_000_500_000n + BigInt(i) * 1000n),
    attributes: [
      kv('http.route', { stringValue: '/a]}]},{"resource":' }),
      kv('n', { intValue: String(i) }),
      kv('nested', { arrayValue: { values: [{ kvlistValue: { values: [kv('x', { boolValue: true })] } }] } }),
    ],
    events: i % 4 === 0 ? [{ timeUnixNano: '1700000000000000100', name: 'e', attributes: [] }] : [],
    links: Array.from({ length: links }, (_, l) => ({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: (l + 100).toString(16).padStart(16, '0'),
      attributes: [kv('l', { intValue: String(l) })],
    })),
    status: i % 5 === 0 ? { code: 2, message: 'boom' } : {},
  };
}

/** Several resources and scopes, an empty span array, spans with many links. */
function document(spansPerScope: number): unknown {
  let i = 0;
  const spans = (n: number, links = 0) => Array.from({ length: n }, () => span(i++, links));
  return {
    result: {
      resourceSpans: [
        {
          resource: { attributes: [kv('service.name', { stringValue: 'frontend' })] },
          scopeSpans: [
            { scope: { name: 'a', version: '1' }, spans: spans(spansPerScope) },
            { scope: { name: 'b' }, spans: [] },
            { scope: { name: 'c' }, spans: spans(spansPerScope, 3) },
          ],
        },
        {
          resource: { attributes: [kv('service.name', { stringValue: 'db' })] },
          scopeSpans: [{ scope: { name: 'd' }, spans: spans(spansPerScope, 1) }],
          schemaUrl: 'https://opentelemetry.io/schemas/1.4.0',
        },
      ],
    },
  };
}

describe('OtlpStreamReader', () => {
  it('gives what JSON.parse gives, whatever the chunk and batch sizes', () => {
    const doc = document(40);
    const text = JSON.stringify(doc);
    expect(text.length).toBeGreaterThan(40_000);
    for (const size of [1, 7, 333, 4096, text.length])
      for (const batch of [1, 200, 5000, 1 << 20]) expect(stream(text, size, batch)).toEqual(doc);
  });

  it('reads the spans while the text arrives, not at the end', () => {
    const text = JSON.stringify(document(200));
    const reader = new OtlpStreamReader(undefined, 10_000);
    const half = Math.floor(text.length / 2);
    for (let i = 0; i < half; i += 4096) reader.feed(text.slice(i, Math.min(half, i + 4096)));
    expect(reader.spans).toBeGreaterThan(200);
    reader.feed(text.slice(half));
    expect(reader.end()).toEqual(JSON.parse(text));
    expect(reader.spans).toBe(600);
  });

  it('reads every OTLP, Jaeger v3 and Tempo fixture as JSON.parse does', () => {
    let files = 0;
    for (const dir of ['otlp-json', 'jaeger-v3', 'tempo'])
      for (const name of readdirSync(resolve(FIXTURES, dir))) {
        const text = readFileSync(resolve(FIXTURES, dir, name), 'utf8');
        const compact = JSON.stringify(JSON.parse(text));
        for (const t of [text, compact]) expect(stream(t, 64, 100)).toEqual(JSON.parse(t));
        files++;
      }
    expect(files).toBeGreaterThanOrEqual(6);
  });

  it('reads pretty-printed text and envelopes without spans (a Jaeger v3 error) the general way', () => {
    const doc = document(3);
    expect(stream(JSON.stringify(doc, null, 2), 50, 100)).toEqual(doc);
    const error = { error: { httpCode: 404, message: 'trace not found' } };
    expect(stream(JSON.stringify(error), 5, 10)).toEqual(error);
  });

  it('gives up on text that is not JSON or that ends inside a span array', () => {
    const text = JSON.stringify(document(10));
    expect(stream(text.slice(0, text.length / 2), 100, 500)).toBeInstanceOf(NotFastOtlp);
    expect(stream(text.replace('"kind":2', '"kind":2,,'), 100, 500)).toBeInstanceOf(NotFastOtlp);
    expect(stream(`${text}}`, 100, 500)).toBeInstanceOf(NotFastOtlp);
    expect(stream('not json', 3, 5)).toBeInstanceOf(NotFastOtlp);
  });
});

/** Read with a converter: the traces, and how many spans were converted while the text arrived. */
function converted(
  text: string,
  size: number,
  batch: number,
  toTraces = (doc: unknown) => otlpToTraces(doc, 'jaeger-v3'),
) {
  const converter = new OtlpConverter();
  const reader = new OtlpStreamReader(converter, batch);
  for (let i = 0; i < text.length; i += size) reader.feed(text.slice(i, i + size));
  const traces = reader.parsed(toTraces);
  return { traces, streamed: converter.streamed };
}

describe('OtlpStreamReader with a converter', () => {
  it('converts spans as they arrive into the same traces as the whole document gives', () => {
    const doc = document(40);
    const text = JSON.stringify(doc);
    const whole = otlpToTraces(JSON.parse(text), 'jaeger-v3');
    expect(whole[0]?.spans).toHaveLength(120);
    for (const size of [1, 333, text.length])
      for (const batch of [200, 5000, 1 << 20]) {
        const out = converted(text, size, batch);
        expect(out.traces).toStrictEqual(whole);
        expect(out.streamed).toBe(120);
      }
  });

  it('places spans without a start, and keeps times exact, as the whole document does', () => {
    const doc = document(5) as { result: { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] } };
    const spans = doc.result.resourceSpans[1]?.scopeSpans[0]?.spans ?? [];
    delete spans[2]?.startTimeUnixNano;
    if (spans[3]) spans[3].startTimeUnixNano = '1699999999999999999'; // earlier than the first span seen
    if (spans[4]) spans[4].parentSpanId = 'zz';
    const text = JSON.stringify(doc);
    const out = converted(text, 100, 300);
    expect(out.traces).toStrictEqual(otlpToTraces(JSON.parse(text), 'jaeger-v3'));
    expect(out.traces[0]?.spans.some((s) => s.warnings.some((w) => w.startsWith('missing startTimeUnixNano')))).toBe(
      true,
    );
  });

  it('converts a Tempo v2 answer the same way', () => {
    const doc = document(10) as { result: unknown };
    const text = JSON.stringify({ trace: doc.result, status: 'PARTIAL', message: 'x' });
    const out = converted(text, 97, 400, tempoToTraces);
    expect(out.traces).toStrictEqual(tempoToTraces(JSON.parse(text)));
    expect(out.streamed).toBe(30);
  });

  it('gives up on a span the converter refuses, for the general way to word it', () => {
    const text = JSON.stringify(document(10)).replace('"spanId":"0000000000000003"', '"spanId":"xyz"');
    expect(() => converted(text, 100, 300)).toThrow(NotFastOtlp);
  });

  it('keeps span arrays that are not in resource and scope lists as parsed', () => {
    const doc = { data: [{ traceID: 'a', spans: [{ traceID: 'a', spanID: 'b' }], processes: {} }] };
    const reader = new OtlpStreamReader(new OtlpConverter(), 10);
    reader.feed(JSON.stringify(doc));
    expect(reader.parsed((d) => d)).toEqual(doc);
  });
});

describe('arrayEnd', () => {
  it('finds the closing bracket past strings with brackets, quotes and backslashes', () => {
    expect(arrayEnd('{"a":"]\\"]"},{"b":[1,2]}] tail')).toBe(24);
    expect(arrayEnd('"\\\\"]')).toBe(4);
    expect(arrayEnd(']')).toBe(0);
    expect(arrayEnd('{"a":[1')).toBe(-1);
    expect(arrayEnd('{"a":"unterminated')).toBe(-1);
  });
});
