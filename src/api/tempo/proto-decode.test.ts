import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { TraceNotFoundError } from '../adapter-common';
import { encodeTempoTrace, encodeTraceByIdResponse } from './__fixtures__/encode-tempo-proto';
import { decodeTempoProto, ProtoDecodeError } from './proto-decode';
import { tempoToTraces } from './to-model';

const TRACE = 'CvdlGRbNQ92ESOshHIAxnA=='; // 0af7651916cd43dd8448eb211c80319c
const HEX_TRACE = '0af7651916cd43dd8448eb211c80319c';
const str = (stringValue: string) => ({ stringValue });

/** As Tempo writes it in JSON (base64 ids, enum names, string int64), with every AnyValue kind. */
const RESOURCE_SPANS = [
  {
    resource: {
      attributes: [
        { key: 'service.name', value: str('frontend') },
        { key: 'host.cores', value: { intValue: '8' } },
      ],
    },
    scopeSpans: [
      {
        scope: { name: 'hotrod', version: '1.2.3' },
        spans: [
          {
            traceId: TRACE,
            spanId: 't61rcWkgMzE=',
            name: '/dispatch',
            kind: 'SPAN_KIND_SERVER',
            startTimeUnixNano: '1700000000000000000',
            endTimeUnixNano: '1700000000500000123',
            attributes: [
              { key: 's', value: str('héllo ✓') },
              { key: 'empty', value: str('') },
              { key: 'b', value: { boolValue: true } },
              { key: 'f', value: { boolValue: false } },
              { key: 'i', value: { intValue: '-42' } },
              { key: 'big', value: { intValue: '9223372036854775807' } },
              { key: 'd', value: { doubleValue: 0.25 } },
              { key: 'raw', value: { bytesValue: 'AAAwOQ==' } },
              {
                key: 'arr',
                value: { arrayValue: { values: [str('a'), { intValue: '1' }, { arrayValue: { values: [] } }] } },
              },
              {
                key: 'map',
                value: {
                  kvlistValue: {
                    values: [
                      { key: 'k', value: str('v') },
                      { key: 'inner', value: { kvlistValue: { values: [{ key: 'x', value: { doubleValue: 1.5 } }] } } },
                    ],
                  },
                },
              },
            ],
            events: [
              {
                timeUnixNano: '1700000000100000000',
                name: 'cache miss',
                attributes: [{ key: 'key', value: str('u:1') }],
              },
            ],
            links: [{ traceId: TRACE, spanId: 'AAAAAAAAAAE=', attributes: [{ key: 'why', value: str('retry') }] }],
            status: { code: 'STATUS_CODE_OK' },
          },
          {
            traceId: TRACE,
            spanId: 'AAAAAAAAAAI=',
            parentSpanId: 't61rcWkgMzE=',
            name: 'SELECT',
            kind: 'SPAN_KIND_CLIENT',
            startTimeUnixNano: '1700000000200000000',
            endTimeUnixNano: '1700000000400000000',
            status: { code: 'STATUS_CODE_ERROR', message: 'timeout' },
          },
        ],
      },
    ],
  },
  {
    resource: { attributes: [{ key: 'service.name', value: str('mysql') }] },
    scopeSpans: [
      {
        spans: [
          {
            traceId: TRACE,
            spanId: 'AAAAAAAAAAM=',
            parentSpanId: 'AAAAAAAAAAI=',
            name: 'query',
            startTimeUnixNano: '1700000000250000000',
            endTimeUnixNano: '1700000000350000000',
          },
        ],
      },
    ],
  },
];

describe('Tempo protobuf decoder', () => {
  it('gives the model exactly what the JSON of the same trace gives (v1: tempopb.Trace)', () => {
    const body = encodeTempoTrace({ resourceSpans: RESOURCE_SPANS });
    const fromProto = tempoToTraces(decodeTempoProto(body, 'trace'));
    const fromJson = tempoToTraces({ batches: RESOURCE_SPANS });
    expect(fromProto).toStrictEqual(fromJson);

    const [trace] = fromProto;
    expect(trace?.traceId).toBe(HEX_TRACE);
    expect(trace?.spans.map((s) => [s.spanId, s.parentSpanId, s.service, s.kind, s.durationUs])).toEqual([
      ['b7ad6b7169203331', undefined, 'frontend', 'server', 500000.123],
      ['0000000000000002', 'b7ad6b7169203331', 'frontend', 'client', 200000],
      ['0000000000000003', '0000000000000002', 'mysql', 'unspecified', 100000],
    ]);
    const root = trace?.spans[0];
    const attr = (k: string) => root?.attributes.find((a) => a.key === k);
    expect(attr('s')?.value).toBe('héllo ✓');
    expect(attr('empty')?.value).toBe('');
    expect([attr('b')?.value, attr('f')?.value]).toEqual([true, false]);
    expect(attr('i')).toMatchObject({ value: -42, type: 'int' });
    expect(attr('big')).toMatchObject({ value: '9223372036854775807', type: 'int' });
    expect(attr('d')).toMatchObject({ value: 0.25, type: 'double' });
    expect(attr('raw')).toMatchObject({ value: 'AAAwOQ==', type: 'bytes' });
    expect(attr('arr')).toMatchObject({ value: ['a', 1, []], type: 'array' });
    expect(attr('map')).toMatchObject({ value: { k: 'v', inner: { x: 1.5 } }, type: 'map' });
    expect(root?.scope).toEqual({ name: 'hotrod', version: '1.2.3' });
    expect(root?.events[0]).toMatchObject({ timeUs: 100000, name: 'cache miss' });
    expect(root?.links[0]).toMatchObject({ traceId: HEX_TRACE, spanId: '0000000000000001' });
    expect(trace?.spans[1]?.status).toEqual({ code: 'error', message: 'timeout' });
    expect(root?.resource.find((a) => a.key === 'host.cores')?.value).toBe(8);
  });

  it('reads v2 (TraceByIDResponse): a partial trace warns, a response without a trace is a not-found', () => {
    const partial = decodeTempoProto(
      encodeTraceByIdResponse({ trace: { resourceSpans: RESOURCE_SPANS }, status: 1, message: 'too big' }),
      'trace-by-id-response',
    );
    const [trace] = tempoToTraces(partial);
    expect(trace?.spans).toHaveLength(3);
    expect(trace?.warnings).toContain('Tempo returned a partial trace: too big');
    expect(tempoToTraces(partial)).toStrictEqual(
      tempoToTraces({ trace: { resourceSpans: RESOURCE_SPANS }, status: 'PARTIAL', message: 'too big' }),
    );

    const complete = decodeTempoProto(
      encodeTraceByIdResponse({ trace: { resourceSpans: RESOURCE_SPANS } }),
      'trace-by-id-response',
    );
    expect(tempoToTraces(complete)[0]?.warnings).toEqual(tempoToTraces({ batches: RESOURCE_SPANS })[0]?.warnings);

    for (const miss of [encodeTraceByIdResponse({}), encodeTraceByIdResponse({ trace: {} }), new Uint8Array(0)]) {
      const decoded = decodeTempoProto(miss, 'trace-by-id-response');
      expect(decoded).toEqual({ trace: {} });
      expect(() => tempoToTraces(decoded)).toThrow(TraceNotFoundError);
    }
  });

  it('skips fields it does not know, wherever they are', () => {
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).fork(); // ResourceSpans
    w.tag(3, WireType.LengthDelimited).string('https://schema'); // schema_url
    w.tag(2, WireType.LengthDelimited).fork(); // ScopeSpans
    w.tag(2, WireType.LengthDelimited).fork(); // Span
    w.tag(99, WireType.Varint).uint32(7);
    w.tag(16, WireType.Bit32).fixed32(1); // flags
    w.tag(1, WireType.LengthDelimited).bytes(new Uint8Array(16).fill(1));
    w.tag(2, WireType.LengthDelimited).bytes(new Uint8Array(8).fill(2));
    w.tag(5, WireType.LengthDelimited).string('op');
    w.tag(7, WireType.Bit64).fixed64(5000n);
    w.tag(8, WireType.Bit64).fixed64(9000n);
    w.tag(42, WireType.LengthDelimited).bytes(new Uint8Array([1, 2, 3]));
    w.join().join().join();
    const [trace] = tempoToTraces(decodeTempoProto(w.finish(), 'trace'));
    expect(trace?.traceId).toBe('01'.repeat(16));
    expect(trace?.spans[0]).toMatchObject({ spanId: '02'.repeat(8), name: 'op', durationUs: 4 });
  });

  it('refuses a truncated or malformed body with a ProtoDecodeError, never another error', () => {
    const body = encodeTempoTrace({ resourceSpans: RESOURCE_SPANS });
    // Cut inside the first span (past its message's declared length).
    expect(() => decodeTempoProto(body.subarray(0, 60), 'trace')).toThrow(ProtoDecodeError);
    expect(() => decodeTempoProto(body.subarray(0, body.length - 1), 'trace')).toThrow(ProtoDecodeError);
    let refused = 0;
    for (let n = 0; n < body.length; n++) {
      try {
        decodeTempoProto(body.subarray(0, n), 'trace'); // a cut between two messages is valid protobuf
      } catch (err) {
        expect(err).toBeInstanceOf(ProtoDecodeError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(body.length * 0.9);
    expect(() => decodeTempoProto(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 'trace')).toThrow(
      ProtoDecodeError,
    );
    expect(() => decodeTempoProto(new TextEncoder().encode('{"batches":[]}'), 'trace')).toThrow(ProtoDecodeError);
    // A nested length larger than its parent message.
    const lying = new BinaryWriter().tag(1, WireType.LengthDelimited).fork();
    lying.tag(2, WireType.LengthDelimited).uint32(50).raw(new Uint8Array(3));
    expect(() => decodeTempoProto(lying.join().finish(), 'trace')).toThrow(/runs past the end/);
  });

  it('keeps strings and ids exact through its caches: colliding short strings, alternating trace ids', () => {
    // 3000 spans with keys and values from a small alphabet (many repeats, and more distinct
    // strings than cache slots, so slots collide), in two traces whose spans alternate.
    let seed = 1;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const word = () => Array.from({ length: 1 + rand(6) }, () => 'abcdefgh'[rand(8)]).join('');
    const other = '00000000000000000000000000000abc';
    const spans = Array.from({ length: 3000 }, (_, i) => ({
      traceId: i % 3 === 0 ? other : HEX_TRACE,
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: `${word()} ü${word()}`,
      startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i)),
      endTimeUnixNano: String(1_700_000_000_000_001_000n + BigInt(i)),
      attributes: [
        { key: word(), value: str(word()) },
        { key: word(), value: str(word().repeat(10)) },
      ],
      links: [{ traceId: i % 2 ? other : HEX_TRACE, spanId: '00000000000000ff' }],
    }));
    const doc = { resourceSpans: [{ scopeSpans: [{ spans }] }] };
    const fromProto = tempoToTraces(decodeTempoProto(encodeTempoTrace(doc), 'trace'));
    expect(fromProto.map((t) => [t.traceId, t.spans.length])).toEqual([
      [other, 1000],
      [HEX_TRACE, 2000],
    ]);
    expect(fromProto).toStrictEqual(tempoToTraces({ batches: doc.resourceSpans }));
  });

  it('bounds the nesting of attribute values instead of trusting the input', () => {
    let value: Record<string, unknown> = { stringValue: 'bottom' };
    for (let i = 0; i < 200; i++) value = { arrayValue: { values: [value] } };
    const doc = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: HEX_TRACE,
                  spanId: '0000000000000001',
                  startTimeUnixNano: '1',
                  endTimeUnixNano: '2',
                  attributes: [{ key: 'deep', value }],
                },
              ],
            },
          ],
        },
      ],
    };
    const [trace] = tempoToTraces(decodeTempoProto(encodeTempoTrace(doc), 'trace'));
    let v: unknown = trace?.spans[0]?.attributes[0]?.value;
    let depth = 0;
    while (Array.isArray(v)) {
      v = v[0];
      depth++;
    }
    expect(depth).toBe(16);
    expect(v).toBe('[nested too deep]');
  });
});
