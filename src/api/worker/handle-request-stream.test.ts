/**
 * The worker parses backend answers and files while their bytes arrive (json-stream.ts): the
 * traces are the same as from the whole text, however the bytes are cut; an answer or a file
 * that is not JSON is refused with the same typed errors as before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemoText } from '../../demo/generate';
import { SourceError } from '../http';
import { parseKnownFormat, parseTraceText, TraceFormatError } from '../parse-trace-file';
import { handleLoadRequest } from './handle-request';
import { ArrayStreamReader } from './array-stream';
import { JaegerStreamReader } from './jaeger-stream';
import { JsonLinesReader } from './lines-stream';
import { OtlpStreamReader } from './otlp-stream';
import type { LoadAmount } from './protocol';
import { fromWireError } from './wire-error';

const signal = new AbortController().signal;
afterEach(() => vi.unstubAllGlobals());

/** A body that arrives in pieces of `size` bytes, cutting UTF-8 characters and tokens anywhere. */
function trickle(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else controller.enqueue(bytes.slice(at, (at += size)));
    },
  });
}

const fetchRequest = (format: 'jaeger-v1' | 'jaeger-v3' | 'tempo' | 'zipkin' = 'jaeger-v3') =>
  ({
    id: 1,
    kind: 'fetch',
    attempts: [{ url: '/t', format }],
    sourceName: 'Jaeger',
    traceId: 'x',
    analyze: false,
  }) as const;

/** A Jaeger v1 answer of `n` spans in a chain, compact as Jaeger writes it. */
function jaegerAnswer(n: number): string {
  const traceID = '000000000000000a000000000000000b';
  const id = (i: number) => (i + 1).toString(16).padStart(16, '0');
  const spans = Array.from({ length: n }, (_, i) => ({
    traceID,
    spanID: id(i),
    operationName: `op ${i % 7} "quoted" ü`,
    references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID, spanID: id(i - 1) }],
    startTime: 1_700_000_000_000_000 + i,
    duration: 10 * (n - i),
    tags: [
      { key: 'span.kind', type: 'string', value: i % 2 ? 'client' : 'server' },
      { key: 'http.status_code', type: 'int64', value: i % 13 ? 200 : 500 },
      { key: 'payload', type: 'string', value: `{"i":${i},"s":"x\\y"}`.padEnd(400, '.') },
    ],
    logs: i % 5 ? [] : [{ timestamp: 1_700_000_000_000_000 + i, fields: [{ key: 'event', value: 'e' }] }],
    processID: `p${i % 3}`,
    warnings: null,
  }));
  const processes = Object.fromEntries([0, 1, 2].map((p) => [`p${p}`, { serviceName: `svc-${p}`, tags: [] }]));
  const doc = { data: [{ traceID, spans, processes, warnings: null }], total: 0, limit: 0, offset: 0, errors: null };
  return JSON.stringify(doc);
}

/** A Jaeger v3 (OTLP) answer of `n` spans in a chain over three services, compact as Jaeger writes it. */
function otlpAnswer(n: number): string {
  const traceId = '000000000000000a000000000000000b';
  const id = (i: number) => (i + 1).toString(16).padStart(16, '0');
  const resourceSpans = [0, 1, 2].map((p) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: `svc-${p}` } }] },
    scopeSpans: [
      {
        scope: { name: `lib-${p}` },
        spans: Array.from({ length: n }, (_, i) => i)
          .filter((i) => i % 3 === p)
          .map((i) => ({
            traceId,
            spanId: id(i),
            ...(i === 0 ? {} : { parentSpanId: id(i - 1) }),
            name: `op ${i % 7} "quoted" ü`,
            kind: i % 2 ? 3 : 2,
            startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n),
            endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i + 10 * (n - i)) * 1000n),
            attributes: [{ key: 'payload', value: { stringValue: `{"i":${i},"s":"x\\y"}`.padEnd(400, '.') } }],
            links: i % 5 ? [] : [{ traceId, spanId: id(0) }],
            status: i % 13 ? {} : { code: 2 },
          })),
      },
    ],
  }));
  return JSON.stringify({ result: { resourceSpans } });
}

/** A Zipkin v2 answer of `n` spans in a chain over three services, compact as Zipkin writes it. */
function zipkinAnswer(n: number): string {
  const id = (i: number) => (i + 1).toString(16).padStart(16, '0');
  const spans = Array.from({ length: n }, (_, i) => ({
    traceId: '000000000000000a000000000000000b',
    ...(i === 0 ? {} : { parentId: id(i - 1) }),
    id: id(i),
    kind: i % 2 ? 'CLIENT' : 'SERVER',
    name: `op ${i % 7} "quoted" },{"traceId": ü`,
    timestamp: 1_700_000_000_000_000 + i,
    duration: 10 * (n - i),
    localEndpoint: { serviceName: `svc-${i % 3}`, ipv4: '10.0.0.1' },
    annotations: i % 5 ? [] : [{ timestamp: 1_700_000_000_000_001 + i, value: 'ws' }],
    tags: { payload: `{"i":${i},"s":"x\\y"}`.padEnd(400, '.') },
  }));
  return JSON.stringify(spans);
}

describe('streamed loads', () => {
  it.each([
    ['a Jaeger v3 answer', 'jaeger-v3', (t: string) => t],
    ['a Tempo answer', 'tempo', (t: string) => JSON.stringify({ batches: JSON.parse(t).result.resourceSpans })],
  ] as const)('reads %s while it arrives, into the same traces as its whole text', async (_, format, shape) => {
    const text = shape(otlpAnswer(3000));
    expect(text.length).toBeGreaterThan(2 << 20); // several batches
    const end = vi.spyOn(OtlpStreamReader.prototype, 'end');
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(trickle(text, 30_000), { status: 200 })));
    const out = await handleLoadRequest(fetchRequest(format), () => {}, signal);
    if (out.message.type !== 'done') throw new Error(`expected done, got ${out.message.type}`);
    expect(out.traces).toStrictEqual(parseKnownFormat(format, JSON.parse(text)).traces);
    expect(out.traces[0]?.spans).toHaveLength(3000);
    expect(end.mock.results.some((r) => r.type === 'return')).toBe(true);
    end.mockRestore();
  });

  it('reads an OTLP file while it is read, into the same traces as its text', async () => {
    const text = otlpAnswer(2500).replace('{"result":', '').slice(0, -1);
    const end = vi.spyOn(OtlpStreamReader.prototype, 'end');
    const out = await handleLoadRequest(
      { id: 6, kind: 'file', file: new Blob([text]), fileName: 'o.json', analyze: false },
      () => {},
      signal,
    );
    if (out.message.type !== 'done') throw new Error(`expected done, got ${out.message.type}`);
    expect(out.traces).toStrictEqual(parseTraceText(text).traces);
    expect(out.traces[0]?.spans).toHaveLength(2500);
    expect(end.mock.results.some((r) => r.type === 'return')).toBe(true);
    end.mockRestore();
  });

  it.each([
    ['compact, as Jaeger writes it: converted while it arrives', (t: string) => t, true],
    ['pretty-printed: converted at its end', (t: string) => JSON.stringify(JSON.parse(t), null, 1), true],
    [
      'two traces (a search export): read the general way',
      (t: string) => {
        const doc = JSON.parse(t) as { data: { traceID: string }[] };
        const other = { ...doc.data[0], traceID: '000000000000000a000000000000000c' };
        return JSON.stringify({ ...doc, data: [doc.data[0], other] });
      },
      false,
    ],
    [
      'without the trace id first: read the general way',
      (t: string) => t.replace(/\{"traceID":"\w+","spans"/, '{"spans"'),
      false,
    ],
  ])('reads a Jaeger answer (%s) into the same traces as its whole text', async (_, shape, fast) => {
    const text = shape(jaegerAnswer(3000));
    expect(text.length).toBeGreaterThan(2 << 20); // several batches
    const end = vi.spyOn(JaegerStreamReader.prototype, 'end');
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(trickle(text, 30_000), { status: 200 })));
    const out = await handleLoadRequest(fetchRequest('jaeger-v1'), () => {}, signal);
    if (out.message.type !== 'done') throw new Error(`expected done, got ${out.message.type}`);
    // The trace asked for, or (as here, asking for none of them) the first.
    expect(out.traces).toStrictEqual(parseKnownFormat('jaeger-v1', JSON.parse(text)).traces.slice(0, 1));
    expect(out.traces[0]?.spans).toHaveLength(3000);
    expect(end.mock.results.some((r) => r.type === 'return')).toBe(fast);
    end.mockRestore();
  });

  it('reads a Jaeger file while it is read, into the same traces as its text, saying how much is read', async () => {
    const text = jaegerAnswer(2500);
    const reports: [string, LoadAmount | undefined][] = [];
    const out = await handleLoadRequest(
      { id: 5, kind: 'file', file: new Blob([text]), fileName: 'j.json', analyze: false },
      (phase, amount) => reports.push([phase, amount]),
      signal,
    );
    if (out.message.type !== 'done') throw new Error(`expected done, got ${out.message.type}`);
    expect(out.traces).toStrictEqual(parseTraceText(text).traces);
    expect(reports[0]).toEqual(['reading', undefined]);
    expect(reports[1]?.[1]).toMatchObject({ totalBytes: new Blob([text]).size });
    expect(reports[1]?.[1]?.bytes).toBeGreaterThan(0);
    expect(reports[reports.length - 1]).toEqual(['building the model', undefined]);
  });

  it('parses a backend answer that arrives in small pieces into the same traces as its whole text', async () => {
    const text = generateDemoText('hotrod').replace('"frontend"', '"frontend é ü 🚀"');
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(trickle(text, 7), { status: 200 })));
    const phases: string[] = [];
    const out = await handleLoadRequest(fetchRequest(), (p) => phases.push(p), signal);
    if (out.message.type !== 'done') throw new Error(`expected done, got ${out.message.type}`);
    expect(out.traces).toStrictEqual(parseKnownFormat('jaeger-v3', JSON.parse(text)).traces);
    expect(out.traces[0]?.spans.some((s) => s.service === 'frontend é ü 🚀')).toBe(true);
    expect(out.message.bytesAtEpochMs).toBeGreaterThan(0);
    expect(phases).toEqual(['asking', 'parsing JSON', 'building the model']);
  });

  it('refuses an answer that is not JSON with a bad-response error naming the URL', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(trickle('{"data": [1, 2', 4), { status: 200 })));
    const out = await handleLoadRequest(fetchRequest('jaeger-v1'), () => {}, signal);
    if (out.message.type !== 'failed') throw new Error(`expected failed, got ${out.message.type}`);
    const err = fromWireError(structuredClone(out.message.error));
    expect(err).toBeInstanceOf(SourceError);
    expect(err instanceof SourceError && err.kind).toBe('bad-response');
    expect(err.message).toMatch(/Jaeger answered \/t with something that is not JSON/);
  });

  it('reads a file with File.stream() into the same traces as its text', async () => {
    const text = generateDemoText('checkout');
    const out = await handleLoadRequest(
      { id: 2, kind: 'file', file: new Blob([text]), fileName: 'c.json', analyze: false },
      () => {},
      signal,
    );
    if (out.message.type !== 'done') throw new Error(`expected done, got ${out.message.type}`);
    expect(out.traces).toStrictEqual(parseTraceText(text).traces);
  });

  it('reads a Zipkin answer and a Zipkin file while they arrive, into the same traces as the whole text', async () => {
    const text = zipkinAnswer(4000);
    expect(text.length).toBeGreaterThan(2 << 20); // several batches
    const feeds = vi.spyOn(ArrayStreamReader.prototype, 'feed');
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(trickle(text, 30_000), { status: 200 })));
    const fetched = await handleLoadRequest(fetchRequest('zipkin'), () => {}, signal);
    if (fetched.message.type !== 'done') throw new Error(`expected done, got ${fetched.message.type}`);
    const expected = parseKnownFormat('zipkin', JSON.parse(text)).traces;
    expect(fetched.traces).toStrictEqual(expected);
    expect(fetched.traces[0]?.spans).toHaveLength(4000);
    expect(feeds.mock.calls.length).toBeGreaterThan(10);
    const end = vi.spyOn(ArrayStreamReader.prototype, 'end');
    const read = await handleLoadRequest(
      { id: 5, kind: 'file', file: new Blob([text]), fileName: 'z.json', analyze: false },
      () => {},
      signal,
    );
    if (read.message.type !== 'done') throw new Error(`expected done, got ${read.message.type}`);
    expect(read.traces).toStrictEqual(parseTraceText(text).traces);
    expect(end.mock.results.map((r) => r.type)).toEqual(['return']); // the file went the array way
    feeds.mockRestore();
    end.mockRestore();
  });

  it('reads OTLP JSON Lines from a file, one document a line, like the text path', async () => {
    const doc = JSON.parse(generateDemoText('checkout')) as { resourceSpans: unknown[] };
    const half = Math.ceil(doc.resourceSpans.length / 2);
    const lines = [
      JSON.stringify({ resourceSpans: doc.resourceSpans.slice(0, half) }),
      JSON.stringify({ resourceSpans: doc.resourceSpans.slice(half) }),
    ].join('\n');
    const end = vi.spyOn(JsonLinesReader.prototype, 'end');
    const out = await handleLoadRequest(
      { id: 3, kind: 'file', file: new Blob([lines]), fileName: 'c.jsonl', analyze: false },
      () => {},
      signal,
    );
    if (out.message.type !== 'done') throw new Error(`expected done, got ${out.message.type}`);
    expect(out.traces).toStrictEqual(parseTraceText(lines).traces);
    expect(out.traces[0]?.spans.length).toBeGreaterThan(0);
    expect(end.mock.results.map((r) => r.type)).toEqual(['return']); // read a line at a time
    end.mockRestore();
  });

  it.each([
    ['', /the file is empty/],
    ['  \n ', /the file is empty/],
    ['{"resourceSpans": [', /not JSON: Unexpected end of JSON input at position 19/],
    ['{"a": 1}\n{"b": 2}', /2 JSON documents one after another/],
  ])('refuses the file %j with a format error', async (text, message) => {
    const out = await handleLoadRequest(
      { id: 4, kind: 'file', file: new Blob([text]), fileName: 'x.json', analyze: false },
      () => {},
      signal,
    );
    if (out.message.type !== 'failed') throw new Error(`expected failed, got ${out.message.type}`);
    const err = fromWireError(structuredClone(out.message.error));
    expect(err).toBeInstanceOf(TraceFormatError);
    expect(err.message).toMatch(message);
  });
});
