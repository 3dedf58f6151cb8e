import { describe, expect, it } from 'vitest';
import { TraceAdapterError, TraceNotFoundError, TraceSourceError } from '../adapter-common';
import { jaegerV1ToTraces } from './to-model';

const span = (over: Record<string, unknown>) => ({
  traceID: '0000000000000001',
  spanID: '0000000000000002',
  operationName: 'op',
  references: [],
  startTime: 1_000_000,
  duration: 10,
  tags: [],
  logs: [],
  processID: 'p1',
  warnings: null,
  ...over,
});
const trace = (spans: unknown[], extra: Record<string, unknown> = {}) => ({
  traceID: '0000000000000001',
  spans,
  processes: { p1: { serviceName: 'svc', tags: [{ key: 'host', type: 'string', value: 'h1' }] } },
  warnings: null,
  ...extra,
});

describe('jaegerV1ToTraces', () => {
  it('reads a bare trace, ignoring unknown keys, with relative times', () => {
    const [t] = jaegerV1ToTraces({
      _comment: 'x',
      ...trace([span({ startTime: 1_000_050 }), span({ spanID: '3', startTime: 1_000_000, duration: 200 })]),
    });
    expect(t?.traceId).toBe('00000000000000000000000000000001');
    expect(t?.startUnixUs).toBe(1_000_000);
    expect(t?.durationUs).toBe(200);
    expect(t?.spans.map((s) => [s.spanId, s.startUs, s.service])).toEqual([
      ['0000000000000002', 50, 'svc'],
      ['0000000000000003', 0, 'svc'],
    ]);
    // one resource array per process, shared by its spans
    expect(t?.spans[0]?.resource).toBe(t?.spans[1]?.resource);
    expect(t?.spans[0]?.resource).toEqual([{ key: 'host', value: 'h1' }]);
    expect(t?.format).toBe('jaeger-v1');
  });

  it('converts every tag type, keeping int64 beyond 2^53 as a string', () => {
    const [t] = jaegerV1ToTraces(
      trace([
        span({
          tags: [
            { key: 's', type: 'string', value: 'v' },
            { key: 'b', type: 'bool', value: true },
            { key: 'i', type: 'int64', value: 42 },
            { key: 'big', type: 'int64', value: '9223372036854775222' },
            { key: 'f', type: 'float64', value: 72.5 },
            { key: 'bin', type: 'binary', value: 'AAAwOQ==' },
          ],
        }),
      ]),
    );
    expect(t?.spans[0]?.attributes).toEqual([
      { key: 's', value: 'v' },
      { key: 'b', value: true, type: 'bool' },
      { key: 'i', value: 42, type: 'int' },
      { key: 'big', value: '9223372036854775222', type: 'int' },
      { key: 'f', value: 72.5, type: 'double' },
      { key: 'bin', value: 'AAAwOQ==', type: 'bytes' },
    ]);
  });

  it('picks the parent from references and turns the rest into links', () => {
    const [t] = jaegerV1ToTraces(
      trace([
        span({
          spanID: '4',
          references: [
            { refType: 'CHILD_OF', traceID: '00000000000000ff', spanID: '00000000000000ff' },
            { refType: 'CHILD_OF', traceID: '0000000000000001', spanID: '0000000000000002' },
            { refType: 'FOLLOWS_FROM', traceID: '0000000000000001', spanID: '0000000000000002' },
          ],
        }),
        span({ spanID: '5', references: [{ refType: 'FOLLOWS_FROM', traceID: '1', spanID: '4' }] }),
        span({ spanID: '6', references: [{ refType: 'CHILD_OF', traceID: 'ff', spanID: '1' }] }),
        span({ spanID: '7', parentSpanID: '5' }),
      ]),
    );
    const [a, b, c, d] = t?.spans ?? [];
    expect(a?.parentSpanId).toBe('0000000000000002');
    expect(a?.refType).toBe('child-of');
    expect(a?.links.map((l) => [l.traceId.slice(-2), l.spanId.slice(-2), l.refType])).toEqual([
      ['ff', 'ff', 'child-of'],
      ['01', '02', 'follows-from'],
    ]);
    expect([b?.parentSpanId, b?.refType]).toEqual(['0000000000000004', 'follows-from']);
    expect(c?.parentSpanId).toBeUndefined(); // only a reference into another trace → root
    expect(c?.links).toHaveLength(1);
    expect(d?.parentSpanId).toBe('0000000000000005');
  });

  it('reads kind, status, scope, logs and warnings from the OTel-style tags', () => {
    const [t] = jaegerV1ToTraces(
      trace(
        [
          span({
            tags: [
              { key: 'span.kind', type: 'string', value: 'server' },
              { key: 'otel.status_code', type: 'string', value: 'ERROR' },
              { key: 'otel.status_description', type: 'string', value: 'boom' },
              { key: 'otel.scope.name', type: 'string', value: 'lib' },
            ],
            logs: [
              {
                timestamp: 1_000_004,
                fields: [
                  { key: 'event', type: 'string', value: 'retry' },
                  { key: 'n', type: 'int64', value: 1 },
                ],
              },
              { timestamp: 1_000_005, fields: [{ key: 'x', type: 'string', value: 'y' }] },
            ],
            warnings: ['clock skew adjusted'],
          }),
          span({ spanID: '3', tags: [{ key: 'error', type: 'bool', value: true }] }),
        ],
        { warnings: ['trace warning'] },
      ),
    );
    const s = t?.spans[0];
    expect(s?.kind).toBe('server');
    expect(s?.status).toEqual({ code: 'error', message: 'boom' });
    expect(s?.scope).toEqual({ name: 'lib' });
    expect(s?.events).toEqual([
      { timeUs: 4, name: 'retry', attributes: [{ key: 'n', value: 1, type: 'int' }] },
      { timeUs: 5, name: 'log', attributes: [{ key: 'x', value: 'y' }] },
    ]);
    expect(s?.warnings).toEqual(['clock skew adjusted']);
    expect(t?.spans[1]?.status.code).toBe('error');
    expect(t?.spans[1]?.kind).toBe('unspecified');
    expect(t?.warnings).toEqual(['trace warning']);
  });

  it('uses embedded processes, sharing identical ones', () => {
    const process = { serviceName: 'emb', tags: [{ key: 'k', type: 'string', value: 'v' }] };
    const [t] = jaegerV1ToTraces({
      traceID: '1',
      spans: [
        span({ processID: undefined, process }),
        span({ spanID: '3', processID: undefined, process: { ...process } }),
      ],
    });
    expect(t?.spans[0]?.service).toBe('emb');
    expect(t?.spans[0]?.resource).toBe(t?.spans[1]?.resource);
  });

  it('unwraps the envelope; errors become trace warnings', () => {
    const traces = jaegerV1ToTraces({
      data: [trace([span({})]), trace([span({ traceID: '2' })], { traceID: '2' })],
      total: 0,
      limit: 0,
      offset: 0,
      errors: [{ msg: 'trace not found', traceID: 'abc' }],
    });
    expect(traces.map((t) => t.traceId.slice(-1))).toEqual(['1', '2']);
    expect(traces[0]?.warnings).toEqual(['trace not found (trace abc)']);
  });

  it('throws typed errors for error envelopes and bad shapes', () => {
    expect(() =>
      jaegerV1ToTraces({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 404, msg: 'trace not found' }] }),
    ).toThrow(TraceNotFoundError);
    expect(() => jaegerV1ToTraces({ data: null, errors: [{ code: 500, msg: 'storage down' }] })).toThrow(
      new TraceSourceError('jaeger-v1', 'Jaeger reported: 500 storage down'),
    );
    expect(() => jaegerV1ToTraces({ data: ['svc'], errors: null })).toThrow(TraceAdapterError);
    expect(() => jaegerV1ToTraces(trace([span({ spanID: 'zz' })]))).toThrow(/invalid spanID "zz"/);
    expect(() => jaegerV1ToTraces(42)).toThrow(TraceAdapterError);
  });

  it('flags missing times and unknown processes as span warnings', () => {
    const [t] = jaegerV1ToTraces(trace([span({ startTime: undefined, duration: undefined, processID: 'p9' })]));
    expect(t?.spans[0]?.warnings).toEqual([
      'missing startTime; placed at the trace start',
      'missing duration; shown as 0',
      'process p9 not found',
    ]);
    expect(t?.spans[0]?.service).toBe('unknown service');
  });
});
