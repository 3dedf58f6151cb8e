/**
 * packTrace → (structured clone with transfer, as postMessage does) → unpackTrace must give
 * back the same Trace: equal values, the same property order (JSON text compares it), the
 * shared EMPTY list for empty lists, and resource arrays shared exactly when they were.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Attribute, AttrValue, Span, SpanId, Trace, TraceId } from '../../model/types';
import { toMicros } from '../../model/types';
import { EMPTY, statusOf } from '../adapter-common';
import { generateDemoText } from '../../demo/generate';
import { parseTraceText, TraceFormatError } from '../parse-trace-file';
import { packTrace, StreamPacking, tracePacker } from './pack-trace';
import { transferables, type PackedTrace } from './packed-trace';
import { unpackTrace } from './unpack-trace';
import { plainTrace } from '../../model/__fixtures__/plain-trace';

const FIXTURES = resolve(import.meta.dirname, '../../../../shared/fixtures');

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  const todo = [dir];
  for (let d = todo.pop(); d !== undefined; d = todo.pop()) {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) todo.push(join(d, e.name));
      else if (e.name.endsWith('.json')) out.push(join(d, e.name));
    }
  }
  return out.sort();
}

/** What the page receives: the packed trace after postMessage(p, transferables(p)). */
function throughPostMessage(trace: Trace): Trace {
  const packed = packTrace(trace);
  const received: PackedTrace = structuredClone(packed, { transfer: transferables(packed) });
  return unpackTrace(received);
}

function expectSameTrace(actual: Trace, expected: Trace): void {
  expect(plainTrace(actual)).toStrictEqual(expected);
  // toStrictEqual ignores key order; JSON text does not (it drops undefined and -0, checked above)
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  actual.spans.forEach((s, i) => {
    const e = expected.spans[i];
    for (const key of ['attributes', 'events', 'links', 'warnings'] as const) {
      if (e?.[key].length === 0) expect(s[key]).toBe(EMPTY);
    }
  });
}

/** Pairs of span indices whose resource arrays are (or are not) the same object. */
function resourceSharing(trace: Trace): string {
  const ids = new Map<readonly Attribute[], number>();
  return trace.spans
    .map((s) => (s.resource.length === 0 ? '-' : (ids.get(s.resource) ?? ids.set(s.resource, ids.size).size - 1)))
    .join(',');
}

describe('packTrace / unpackTrace', () => {
  const files = jsonFiles(FIXTURES);
  it('finds the shared fixtures', () => expect(files.length).toBeGreaterThan(10));

  for (const file of files) {
    it(`round-trips ${relative(FIXTURES, file)}`, () => {
      let traces: Trace[];
      try {
        traces = parseTraceText(readFileSync(file, 'utf8')).traces;
      } catch (err) {
        if (err instanceof TraceFormatError) return; // not a trace (services, operations, summaries)
        throw err;
      }
      for (const t of traces) {
        const back = throughPostMessage(t);
        expectSameTrace(back, t);
        expect(resourceSharing(back)).toBe(resourceSharing(t));
      }
    });
  }

  for (const [id, spans] of [
    ['hotrod', undefined],
    ['checkout', undefined],
    ['big', 5000],
  ] as const) {
    it(`round-trips the ${id} demo and shares its resource arrays`, () => {
      const [trace] = parseTraceText(generateDemoText(id, spans === undefined ? {} : { spans })).traces;
      if (trace === undefined) throw new Error('no trace');
      const back = throughPostMessage(trace);
      expectSameTrace(back, trace);
      expect(resourceSharing(back)).toBe(resourceSharing(trace));
      const distinct = new Set(back.spans.map((s) => s.resource));
      expect(distinct.size).toBe(new Set(trace.spans.map((s) => s.resource)).size);
      expect(distinct.size).toBeLessThan(back.spans.length);
    });
  }

  it('round-trips hand-made edge cases', () => {
    const trace = edgeCaseTrace();
    const back = throughPostMessage(trace);
    expectSameTrace(back, trace);
    const [a, b, c] = back.spans;
    expect(a?.resource).toBe(b?.resource);
    expect(a?.resource).not.toBe(c?.resource);
    expect(c?.resource).toBe(EMPTY);
    // values JSON cannot tell apart
    const values = new Map(back.spans[0]?.attributes.map((x) => [x.key, x.value]));
    expect(Object.is(values.get('minus.zero'), -0)).toBe(true);
    expect(values.get('nan')).toBeNaN();
    expect(values.get('inf')).toBe(Infinity);
    const map = values.get('map');
    expect(map !== null && typeof map === 'object' && Object.hasOwn(map, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(back.spans[0]?.scope).toBe(back.spans[1]?.scope);
    expect(back.spans[0]?.status).toBe(statusOf('error'));
  });

  it('packs an empty trace', () => {
    const trace: Trace = {
      traceId: 'ab' as TraceId,
      startUnixUs: 0,
      durationUs: toMicros(0),
      spans: EMPTY,
      warnings: EMPTY,
      format: 'otlp',
    };
    expectSameTrace(throughPostMessage(trace), trace);
  });

  it('transfers every buffer once, and they are detached after the transfer', () => {
    const [trace] = parseTraceText(generateDemoText('hotrod')).traces;
    if (trace === undefined) throw new Error('no trace');
    const packed = packTrace(trace);
    const buffers = transferables(packed);
    expect(new Set(buffers).size).toBe(buffers.length);
    structuredClone(packed, { transfer: buffers });
    expect(packed.spanId.length).toBe(0);
  });
});

function edgeCaseTrace(): Trace {
  const traceId = '0123456789abcdef0123456789abcdef' as TraceId;
  const id = (s: string) => s as SpanId;
  const resource: readonly Attribute[] = [
    { key: 'service.name', value: 'ünïcødé 服务 🚀' },
    { key: 'host.name', value: '' },
  ];
  const scope = { name: 'lib', version: '1.0' };
  const span = (spanId: string, over: Partial<Span>): Span => ({
    spanId: id(spanId),
    parentSpanId: undefined,
    refType: 'child-of',
    traceId,
    name: '',
    service: 'ünïcødé 服务 🚀',
    kind: 'server',
    startUs: toMicros(0),
    durationUs: toMicros(1.5),
    status: statusOf('unset'),
    attributes: EMPTY,
    resource,
    scope: undefined,
    events: EMPTY,
    links: EMPTY,
    warnings: EMPTY,
    ...over,
  });
  // fromEntries, as the OTLP adapter builds maps: "__proto__" becomes an own data property
  const map = Object.fromEntries<AttrValue>([
    ['b', [1, 'x', [true, null, []], {}]],
    ['1', { deep: [[[['bottom']]]] }],
    ['__proto__', 'data'],
    ['', -0],
  ]);
  return {
    traceId,
    startUnixUs: 1_700_000_000_123_456,
    durationUs: toMicros(2500.25),
    spans: [
      span('00000000000000aa', {
        name: 'root — 根',
        status: statusOf('error'),
        scope,
        attributes: [
          { key: 'big.int', value: '9223372036854775807', type: 'int' },
          { key: 'small.int', value: 42, type: 'int' },
          { key: 'bytes', value: 'AAEC/w==', type: 'bytes' },
          { key: 'str.typed', value: 'typed', type: 'string' },
          { key: 'str.plain', value: 'typed' },
          { key: 'one.as.string', value: '1' },
          { key: 'one.as.number', value: 1, type: 'double' },
          { key: 'true', value: true, type: 'bool' },
          { key: 'false', value: false, type: 'bool' },
          { key: 'null', value: null },
          { key: '', value: '' },
          { key: 'minus.zero', value: -0, type: 'double' },
          { key: 'nan', value: NaN, type: 'double' },
          { key: 'inf', value: Infinity, type: 'double' },
          { key: 'array', value: ['a', 1, false, null, ['n', ['m']], { k: 'v' }], type: 'array' },
          { key: 'empty.array', value: [], type: 'array' },
          { key: 'map', value: map, type: 'map' },
          { key: 'empty.map', value: {}, type: 'map' },
          { key: 'emoji 🔑', value: '\u{1F600} and a lone \uD800 surrogate' },
        ],
        events: [
          { timeUs: toMicros(0.001), name: 'event', attributes: [{ key: 'small.int', value: 42, type: 'int' }] },
          { timeUs: toMicros(-5), name: '', attributes: EMPTY },
        ],
        warnings: ['clock skew'],
      }),
      span('00000000000000aa', {
        parentSpanId: id('00000000000000aa'),
        refType: 'follows-from',
        kind: 'client',
        scope,
        status: { code: 'error', message: 'declined: 卡' },
        links: [
          { traceId, spanId: id('00000000000000ff'), refType: 'follows-from', attributes: EMPTY },
          {
            traceId: 'ffffffffffffffffffffffffffffffff' as TraceId,
            spanId: id('0000000000000001'),
            attributes: [{ key: 'link', value: 'x' }],
          },
        ],
      }),
      span('00000000000000bb', {
        parentSpanId: id('deadbeefdeadbeef'), // not in the trace
        kind: 'unspecified',
        resource: EMPTY,
        scope: { name: 'other' },
        status: { code: 'ok', message: '' },
        startUs: toMicros(1234.5),
        durationUs: toMicros(0),
        attributes: [
          { key: 'small.int', value: 42, type: 'int' },
          { key: 'small.int', value: 42, type: 'int' },
        ],
        warnings: ['a', 'a'],
      }),
    ],
    warnings: ['trace warning', 'partial trace ⚠'],
    format: 'jaeger-v1',
  };
}

describe('StreamPacking', () => {
  /** Spans fed as an adapter does (before times, services and resources are final), then the trace. */
  function streamed(trace: Trace, feed: readonly Span[] = trace.spans): PackedTrace {
    const packing = new StreamPacking();
    const pending = feed.map((s) => ({ ...s, startUs: toMicros(-1), service: '?', resource: EMPTY }));
    for (const s of pending) packing.onSpan(s);
    // the adapter finishes the same objects in place
    pending.forEach((s, i) => Object.assign(s, feed[i]));
    return packing.pack(feed === trace.spans ? { ...trace, spans: pending } : trace);
  }

  it('packs spans as they come into what packTrace gives for the finished trace', () => {
    for (const demo of ['hotrod', 'checkout'] as const) {
      const trace = parseTraceText(generateDemoText(demo)).traces[0];
      if (trace === undefined) throw new Error('no demo trace');
      expect(trace.spans.length).toBeGreaterThan(10);
      const packed = streamed(trace);
      expect(packed).toStrictEqual(packTrace({ ...trace, spans: trace.spans }));
      expectSameTrace(unpackTrace(packed), trace);
    }
  });

  it('packs the trace again when its spans are not the ones fed (the text was read another way)', () => {
    const trace = parseTraceText(generateDemoText('hotrod')).traces[0];
    if (trace === undefined) throw new Error('no demo trace');
    const packed = streamed(trace, trace.spans.slice(0, 5));
    expectSameTrace(unpackTrace(packed), trace);
  });

  it('refuses to finish a packer twice', () => {
    const trace = parseTraceText(generateDemoText('hotrod')).traces[0];
    if (trace === undefined) throw new Error('no demo trace');
    const packer = tracePacker();
    for (const s of trace.spans) packer.add(s);
    expect(packer.finish(trace)).toBeDefined();
    expect(() => packer.finish(trace)).toThrow(/twice/);
  });
});
