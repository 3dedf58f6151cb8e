import { describe, expect, it } from 'vitest';
import { normalizeTraceId } from '../model/ids';
import type { BackendSource } from './sources';
import { jaegerTraceAttempts } from './jaeger/client';
import type { TimeRange } from './trace-range';
import { tempoTraceAttempts } from './tempo/trace-by-id';
import { zipkinTraceAttempts } from './zipkin/client';
import type { TraceId } from '../model/types';

/** The URLs each client asks for a trace, in order. */
function traceByIdUrls(source: BackendSource, traceId: TraceId, range: TimeRange = {}): string[] {
  const attempts =
    source.type === 'jaeger'
      ? jaegerTraceAttempts(source, traceId, range)
      : source.type === 'tempo'
        ? tempoTraceAttempts(source, traceId, range)
        : zipkinTraceAttempts(source, traceId);
  return attempts.map((a) => a.url);
}

const id = normalizeTraceId('0af7651916cd43dd8448eb211c80319c');
const short = normalizeTraceId('1e223ff1f80f1c69');
const src = (type: BackendSource['type']): BackendSource => ({ kind: 'backend', id: `my-${type}`, type, name: type });

describe('the URLs each client asks for a trace', () => {
  it('asks Jaeger v3 first, then v1, through the proxy', () => {
    if (!id) throw new Error('bad id');
    expect(traceByIdUrls(src('jaeger'), id)).toEqual([
      '/proxy/my-jaeger/api/v3/traces/0af7651916cd43dd8448eb211c80319c',
      '/proxy/my-jaeger/api/traces/0af7651916cd43dd8448eb211c80319c',
    ]);
    expect(traceByIdUrls(src('jaeger'), id, { startS: 1700000000, endS: 1700000060 })[0]).toBe(
      '/proxy/my-jaeger/api/v3/traces/0af7651916cd43dd8448eb211c80319c?startTime=2023-11-14T22%3A13%3A20.000Z&endTime=2023-11-14T22%3A14%3A20.000Z',
    );
  });

  it('asks Tempo v2 first, with a generous window in whole seconds (the retries are in tempo/trace-by-id.test.ts)', () => {
    if (!id) throw new Error('bad id');
    expect(traceByIdUrls(src('tempo'), id, { startS: 1700000000.4, endS: 1700000001.2 })).toEqual([
      '/proxy/my-tempo/api/v2/traces/0af7651916cd43dd8448eb211c80319c?start=1699996400&end=1700003602',
    ]);
  });

  it('gives Zipkin its 64-bit ids in 16 hex characters', () => {
    if (!short || !id) throw new Error('bad id');
    expect(traceByIdUrls(src('zipkin'), short)).toEqual(['/proxy/my-zipkin/api/v2/trace/1e223ff1f80f1c69']);
    expect(traceByIdUrls(src('zipkin'), id)).toEqual([
      '/proxy/my-zipkin/api/v2/trace/0af7651916cd43dd8448eb211c80319c',
    ]);
  });
});
