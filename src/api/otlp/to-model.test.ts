import { describe, expect, it } from 'vitest';
import { TraceAdapterError, TraceNotFoundError, TraceSourceError } from '../adapter-common';
import { otlpToTraces } from './to-model';

const T1 = '5B8EFFF798038103D269B633813FC60C';
const span = (over: Record<string, unknown> = {}) => ({
  traceId: T1,
  spanId: 'EEE19B7EC3C1B174',
  name: 'op',
  kind: 2,
  startTimeUnixNano: '1544712660000000000',
  endTimeUnixNano: '1544712661000000000',
  ...over,
});
const svc = (name: string) => ({ attributes: [{ key: 'service.name', value: { stringValue: name } }] });
const doc = (spans: unknown[], resource: unknown = svc('api')) => ({
  resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'lib', version: '1.0' }, spans }] }],
});

describe('otlpToTraces', () => {
  it('reads the spec example: upper-case hex, integer enums, ns strings', () => {
    const [t] = otlpToTraces(
      doc([
        span({ parentSpanId: 'EEE19B7EC3C1B173', attributes: [{ key: 'a', value: { stringValue: 'v' } }] }),
        span({
          spanId: '1',
          startTimeUnixNano: '1544712660000000500',
          endTimeUnixNano: '1544712660000001500',
          kind: 3,
        }),
      ]),
      'otlp',
    );
    expect(t?.traceId).toBe(T1.toLowerCase());
    expect(t?.startUnixUs).toBe(1544712660000000);
    expect(t?.durationUs).toBe(1_000_000);
    const [a, b] = t?.spans ?? [];
    expect(a).toMatchObject({
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      kind: 'server',
      service: 'api',
      startUs: 0,
    });
    expect(a?.attributes).toEqual([{ key: 'a', value: 'v' }]);
    expect(a?.scope).toEqual({ name: 'lib', version: '1.0' });
    expect(b).toMatchObject({ kind: 'client', startUs: 0.5, durationUs: 1 });
  });

  it('keeps nanosecond precision beyond 2^53 by subtracting in bigint', () => {
    const [t] = otlpToTraces(
      doc([
        span({ startTimeUnixNano: '1712759380123867720', endTimeUnixNano: '1712759380123868720' }),
        span({ spanId: '2', startTimeUnixNano: '1712759380123867721', endTimeUnixNano: '1712759380123867722' }),
      ]),
      'otlp',
    );
    expect(t?.spans.map((s) => [s.startUs, s.durationUs])).toEqual([
      [0, 1],
      [0.001, 0.001],
    ]);
  });

  it('accepts Tempo encodings: batches, base64 ids, enum names, numbers for int64', () => {
    const [t] = otlpToTraces(
      {
        batches: [
          {
            resource: svc('mythical'),
            scopeSpans: [
              {
                spans: [
                  span({
                    traceId: 'QpC1h3qZMN55u0KDZTmOzA==',
                    spanId: '1gZXnld4dYc=',
                    kind: 'SPAN_KIND_CONSUMER',
                    status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
                    startTimeUnixNano: 1000,
                    endTimeUnixNano: 3000,
                  }),
                ],
              },
            ],
          },
        ],
      },
      'tempo-v1',
    );
    expect(t?.traceId).toBe('4290b5877a9930de79bb428365398ecc');
    expect(t?.spans[0]).toMatchObject({
      spanId: 'd606579e57787587',
      kind: 'consumer',
      status: { code: 'error', message: 'boom' },
      durationUs: 2,
    });
    expect(t?.format).toBe('tempo-v1');
  });

  it('accepts snake_case keys and instrumentationLibrarySpans', () => {
    const snake = {
      resource_spans: [
        {
          resource: svc('s'),
          scope_spans: [
            {
              spans: [
                {
                  trace_id: T1,
                  span_id: 'aa',
                  parent_span_id: '',
                  name: 'x',
                  start_time_unix_nano: 5000,
                  end_time_unix_nano: 9000,
                  attributes: [{ key: 'n', value: { int_value: '7' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const [a] = otlpToTraces(snake, 'otlp');
    expect(a?.spans[0]).toMatchObject({ spanId: '00000000000000aa', durationUs: 4, parentSpanId: undefined });
    expect(a?.spans[0]?.attributes).toEqual([{ key: 'n', value: 7, type: 'int' }]);
    const [b] = otlpToTraces(
      {
        resourceSpans: [
          {
            resource: svc('old'),
            instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'il' }, spans: [span()] }],
          },
        ],
      },
      'otlp',
    );
    expect(b?.spans[0]?.scope).toEqual({ name: 'il' });
  });

  it('converts every AnyValue kind', () => {
    const [t] = otlpToTraces(
      doc([
        span({
          attributes: [
            { key: 'b', value: { boolValue: true } },
            { key: 'big', value: { intValue: '9223372036854775807' } },
            { key: 'd', value: { doubleValue: 1.5 } },
            { key: 'y', value: { bytesValue: 'AAE=' } },
            { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: 1 }] } } },
            { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: false } }] } } },
            { key: 'empty', value: {} },
          ],
        }),
      ]),
      'otlp',
    );
    expect(t?.spans[0]?.attributes).toEqual([
      { key: 'b', value: true, type: 'bool' },
      { key: 'big', value: '9223372036854775807', type: 'int' },
      { key: 'd', value: 1.5, type: 'double' },
      { key: 'y', value: 'AAE=', type: 'bytes' },
      { key: 'arr', value: ['x', 1], type: 'array' },
      { key: 'map', value: { k: false }, type: 'map' },
      { key: 'empty', value: null },
    ]);
  });

  it('bounds the depth of nested values', () => {
    let v: unknown = { stringValue: 'leaf' };
    for (let i = 0; i < 100; i++) v = { arrayValue: { values: [v] } };
    const [t] = otlpToTraces(doc([span({ attributes: [{ key: 'deep', value: v }] })]), 'otlp');
    expect(JSON.stringify(t?.spans[0]?.attributes)).toContain('[nested too deep]');
  });

  it('groups spans of several traces and shares one resource per service', () => {
    const json = {
      resourceSpans: [
        { resource: svc('a'), scopeSpans: [{ spans: [span({ traceId: '1' }), span({ traceId: '2', spanId: '2' })] }] },
        { resource: svc('a'), scopeSpans: [{ spans: [span({ traceId: '1', spanId: '3' })] }] },
      ],
    };
    const traces = otlpToTraces(json, 'jaeger-v3');
    expect(traces.map((t) => [t.traceId.slice(-1), t.spans.length])).toEqual([
      ['1', 2],
      ['2', 1],
    ]);
    expect(traces[0]?.spans[0]?.resource).toBe(traces[0]?.spans[1]?.resource);
  });

  it('turns @jaeger@warnings into span warnings, events and links', () => {
    const [t] = otlpToTraces(
      doc([
        span({
          attributes: [
            { key: '@jaeger@warnings', value: { arrayValue: { values: [{ stringValue: 'w1' }] } } },
            { key: 'k', value: { stringValue: 'v' } },
          ],
          events: [{ timeUnixNano: '1544712660500000000', name: 'cache miss', attributes: [] }, { name: 'no time' }],
          links: [
            { traceId: 'ab', spanId: 'cd', attributes: [{ key: 'l', value: { stringValue: 'x' } }] },
            { traceId: 'zz!', spanId: '1' },
          ],
        }),
      ]),
      'otlp',
    );
    const s = t?.spans[0];
    expect(s?.attributes).toEqual([{ key: 'k', value: 'v' }]);
    expect(s?.warnings).toEqual(['w1', 'ignored a link with invalid ids (zz!/1)']);
    expect(s?.events).toEqual([
      { timeUs: 500_000, name: 'cache miss', attributes: [] },
      { timeUs: 0, name: 'no time', attributes: [] },
    ]);
    expect(s?.links).toEqual([
      {
        traceId: '000000000000000000000000000000ab',
        spanId: '00000000000000cd',
        attributes: [{ key: 'l', value: 'x' }],
      },
    ]);
  });

  it('handles the Jaeger v3 wrapper, missing timestamps and missing service.name', () => {
    const [t] = otlpToTraces(
      {
        result: {
          resourceSpans: [
            {
              resource: {},
              scopeSpans: [
                {
                  scope: {},
                  spans: [
                    {
                      kind: 2,
                      name: 'foobar',
                      spanId: '0000000000000002',
                      status: { code: 2 },
                      traceId: '00000000000000000000000000000001',
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
      'jaeger-v3',
    );
    expect(t?.startUnixUs).toBe(0);
    expect(t?.spans[0]).toMatchObject({
      service: 'unknown service',
      startUs: 0,
      durationUs: 0,
      status: { code: 'error' },
      scope: undefined,
    });
    expect(t?.spans[0]?.warnings).toEqual([
      'missing startTimeUnixNano; placed at the trace start',
      'missing endTimeUnixNano; duration shown as 0',
    ]);
  });

  it('throws typed errors for v3 errors and invalid shapes', () => {
    expect(() => otlpToTraces({ error: { httpCode: 404, message: 'No traces found' } }, 'jaeger-v3')).toThrow(
      TraceNotFoundError,
    );
    expect(() => otlpToTraces({ error: { httpCode: 400, message: 'bad' } }, 'jaeger-v3')).toThrow(TraceSourceError);
    expect(() => otlpToTraces({ resourceSpans: 5 }, 'otlp')).toThrow(TraceAdapterError);
    expect(() => otlpToTraces(doc([span({ traceId: undefined })]), 'otlp')).toThrow(
      'OTLP/JSON: resourceSpans[0].scopeSpans[0].spans[0] has an invalid traceId null',
    );
    expect(() => otlpToTraces(doc([span({ spanId: 'xyz' })]), 'otlp')).toThrow(/invalid spanId "xyz"/);
    expect(otlpToTraces({ result: {} }, 'jaeger-v3')).toEqual([]);
  });
});
