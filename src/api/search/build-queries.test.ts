import { describe, expect, it } from 'vitest';
import {
  compileTraceQL,
  jaegerV1SearchPath,
  jaegerV3SearchPath,
  rfc3339FromUs,
  tempoSearchPath,
  traceqlAttribute,
  zipkinSearchPath,
} from './build-queries';
import { parseLogfmt } from './logfmt';
import type { SearchRequest } from './types';

const attrs = (text: string) => {
  const r = parseLogfmt(text);
  if (!r.ok) throw new Error(r.error);
  return r.pairs;
};

// 2026-11-25T10:00:00Z and one hour before, in µs.
const END_US = Date.UTC(2026, 10, 25, 10) * 1000;
const base: SearchRequest = {
  service: 'frontend',
  operation: '/dispatch',
  attributes: attrs('customer_id=123 http.route="/a b"'),
  minDurationUs: 500_000,
  maxDurationUs: 1_200_000,
  startUs: END_US - 3600e6,
  endUs: END_US,
  limit: 20,
};
const params = (path: string) => Object.fromEntries(new URLSearchParams(path.slice(path.indexOf('?') + 1)));

describe('rfc3339FromUs', () => {
  it('keeps microseconds', () => {
    expect(rfc3339FromUs(END_US + 123_456)).toBe('2026-11-25T10:00:00.123456Z');
    expect(rfc3339FromUs(END_US + 7)).toBe('2026-11-25T10:00:00.000007Z');
  });
});

describe('Jaeger v3', () => {
  it('sends snake_case names every Jaeger v2 (and v1.7x) accepts, RFC 3339 times and Go durations', () => {
    const path = jaegerV3SearchPath(base);
    expect(path.startsWith('/api/v3/traces?')).toBe(true);
    expect(params(path)).toEqual({
      'query.service_name': 'frontend',
      'query.operation_name': '/dispatch',
      'query.attributes': '{"customer_id":"123","http.route":"/a b"}',
      'query.start_time_min': '2026-11-25T09:00:00.000000Z',
      'query.start_time_max': '2026-11-25T10:00:00.000000Z',
      'query.duration_min': '500ms',
      'query.duration_max': '1.2s',
      'query.num_traces': '20',
    });
  });
  it('leaves out empty fields but always sends num_traces (the server rejects 0)', () => {
    const p = params(
      jaegerV3SearchPath(
        { ...base, service: '', operation: '', attributes: [], minDurationUs: undefined, maxDurationUs: undefined },
        'trace-summaries',
      ),
    );
    expect(Object.keys(p).sort()).toEqual(['query.num_traces', 'query.start_time_max', 'query.start_time_min']);
    expect(jaegerV3SearchPath(base, 'trace-summaries').startsWith('/api/v3/trace-summaries?')).toBe(true);
  });
});

describe('Jaeger v1', () => {
  it('uses µs times, Go durations and a JSON tag map', () => {
    expect(params(jaegerV1SearchPath(base))).toEqual({
      service: 'frontend',
      operation: '/dispatch',
      tags: '{"customer_id":"123","http.route":"/a b"}',
      start: String(END_US - 3600e6),
      end: String(END_US),
      minDuration: '500ms',
      maxDuration: '1.2s',
      limit: '20',
    });
  });
});

describe('Zipkin', () => {
  it('uses µs durations and ms endTs/lookback', () => {
    expect(params(zipkinSearchPath({ ...base, attributes: attrs('http.path=/api error=true retried=1') }))).toEqual({
      serviceName: 'frontend',
      spanName: '/dispatch',
      annotationQuery: 'http.path=/api and error and retried=1',
      minDuration: '500000',
      maxDuration: '1200000',
      endTs: String(END_US / 1000),
      lookback: '3600000',
      limit: '20',
    });
  });
});

describe('TraceQL', () => {
  it('compiles the form into one spanset, as in the issue', () => {
    expect(
      compileTraceQL({
        ...base,
        service: 'checkout',
        operation: 'POST /pay',
        attributes: attrs('http.status_code=500'),
        maxDurationUs: undefined,
      }),
    ).toBe('{resource.service.name="checkout" && name="POST /pay" && span.http.status_code=500 && duration>500ms}');
  });
  it('quotes strings, keeps numbers and booleans bare, and maps error=true to status=error', () => {
    expect(
      compileTraceQL({
        service: '',
        operation: '',
        attributes: attrs('code="500" ok=true error=true msg="say \\"hi\\"\\\\"'),
        minDurationUs: undefined,
        maxDurationUs: 250,
      }),
    ).toBe('{span.code="500" && span.ok=true && status=error && span.msg="say \\"hi\\"\\\\" && duration<250us}');
    expect(
      compileTraceQL({
        service: '',
        operation: '',
        attributes: attrs('error=false'),
        minDurationUs: undefined,
        maxDurationUs: undefined,
      }),
    ).toBe('{status!=error}');
  });
  it('matches everything with an empty form', () => {
    expect(
      compileTraceQL({
        service: '',
        operation: '',
        attributes: [],
        minDurationUs: undefined,
        maxDurationUs: undefined,
      }),
    ).toBe('{}');
  });
  it('keeps explicit scopes and quotes odd attribute names', () => {
    expect(traceqlAttribute('http.route')).toBe('span.http.route');
    expect(traceqlAttribute('resource.host.name')).toBe('resource.host.name');
    expect(traceqlAttribute('.customer_id')).toBe('.customer_id');
    expect(traceqlAttribute('my key')).toBe('span."my key"');
    expect(traceqlAttribute('span.a"b')).toBe('span."a\\"b"');
  });
  it('sends q with start/end in unix seconds; hand-written TraceQL replaces the form', () => {
    const p = params(tempoSearchPath({ ...base, attributes: [] }));
    expect(p).toEqual({
      q: '{resource.service.name="frontend" && name="/dispatch" && duration>500ms && duration<1.2s}',
      start: String(END_US / 1e6 - 3600),
      end: String(END_US / 1e6),
      limit: '20',
    });
    expect(params(tempoSearchPath({ ...base, traceql: '{ status = error }' })).q).toBe('{ status = error }');
  });
});

describe('tag keys that are Object.prototype names', () => {
  it('reach the Jaeger tags JSON as ordinary keys', () => {
    const p = params(jaegerV1SearchPath({ ...base, attributes: attrs('__proto__=x constructor=y toString=z') }));
    expect(p.tags).toBe('{"__proto__":"x","constructor":"y","toString":"z"}');
  });
});
