import { describe, expect, it } from 'vitest';
import { TraceAdapterError } from '../adapter-common';
import { SHARED_ID_ATTR, zipkinToTraces } from './to-model';

const base = { traceId: '1e223ff1f80f1c69' };
const ep = (serviceName: string) => ({ serviceName, ipv4: '10.0.0.1', port: 80 });

describe('zipkinToTraces', () => {
  it('splits a shared client/server id and re-parents the server-side children', () => {
    const [t] = zipkinToTraces([
      { ...base, id: '00000000000000a1', name: 'root', timestamp: 1000, duration: 100, localEndpoint: ep('front') },
      {
        ...base,
        id: '00000000000000b2',
        parentId: '00000000000000a1',
        kind: 'CLIENT',
        name: 'get',
        timestamp: 1010,
        duration: 80,
        localEndpoint: ep('front'),
        remoteEndpoint: { serviceName: 'back', ipv4: '10.0.0.2', port: 8080 },
      },
      {
        ...base,
        id: '00000000000000b2',
        parentId: '00000000000000a1',
        kind: 'SERVER',
        name: 'get',
        timestamp: 1020,
        duration: 60,
        localEndpoint: ep('back'),
        shared: true,
      },
      {
        ...base,
        id: '00000000000000b3',
        parentId: '00000000000000b2',
        name: 'db',
        timestamp: 1030,
        duration: 10,
        localEndpoint: ep('back'),
      },
    ]);
    const rows = t?.spans.map((s) => [s.spanId, s.parentSpanId, s.service, s.kind, s.startUs]);
    expect(rows).toEqual([
      ['00000000000000a1', undefined, 'front', 'internal', 0],
      ['00000000000000b2', '00000000000000a1', 'front', 'client', 10],
      // b3 is taken, so the server half gets the next free id
      ['00000000000000b4', '00000000000000b2', 'back', 'server', 20],
      ['00000000000000b3', '00000000000000b4', 'back', 'internal', 30],
    ]);
    expect(t?.spans[2]?.attributes).toContainEqual({ key: SHARED_ID_ATTR, value: '00000000000000b2' });
    expect(t?.spans[1]?.attributes).toEqual([
      { key: 'peer.service', value: 'back' },
      { key: 'net.peer.ip', value: '10.0.0.2' },
      { key: 'net.peer.port', value: 8080, type: 'int' },
    ]);
    expect(t?.spans[0]?.resource).toEqual([
      { key: 'service.name', value: 'front' },
      { key: 'net.host.ip', value: '10.0.0.1' },
      { key: 'net.host.port', value: 80, type: 'int' },
    ]);
    expect(t?.spans[0]?.resource).toBe(t?.spans[1]?.resource);
    expect(t?.startUnixUs).toBe(1000);
    expect(t?.durationUs).toBe(100);
  });

  it('maps kinds, tags, error tag, annotations', () => {
    const [t] = zipkinToTraces([
      {
        ...base,
        id: '1',
        kind: 'PRODUCER',
        timestamp: 10,
        duration: 5,
        tags: { error: 'timeout', 'http.path': '/a' },
        annotations: [{ timestamp: 12, value: 'ws' }],
      },
      { ...base, id: '2', parentId: '1', kind: 'CONSUMER', timestamp: 20, duration: 5, tags: { error: '' } },
    ]);
    expect(t?.spans[0]).toMatchObject({
      kind: 'producer',
      service: 'unknown service',
      status: { code: 'error', message: 'timeout' },
    });
    expect(t?.spans[0]?.events).toEqual([{ timeUs: 2, name: 'ws', attributes: [] }]);
    expect(t?.spans[1]?.status).toEqual({ code: 'error' });
    expect(t?.spans[1]?.kind).toBe('consumer');
  });

  it('merges late fragments and infers missing times, with warnings', () => {
    const [t] = zipkinToTraces([
      { ...base, id: '1', name: 'root', timestamp: 100, duration: 50, localEndpoint: ep('a') },
      { ...base, id: '2', parentId: '1', name: 'x', kind: 'SERVER', timestamp: 110, localEndpoint: ep('a') },
      { ...base, id: '2', parentId: '1', name: 'x', localEndpoint: ep('a'), tags: { late: 'yes' } },
      {
        ...base,
        id: '3',
        parentId: '1',
        name: 'ann',
        localEndpoint: ep('a'),
        annotations: [
          { timestamp: 120, value: 'cs' },
          { timestamp: 130, value: 'cr' },
        ],
      },
      { ...base, id: '4', parentId: '1', name: 'none', localEndpoint: ep('a') },
    ]);
    expect(t?.spans.map((s) => [s.spanId.slice(-1), s.startUs, s.durationUs, s.warnings])).toEqual([
      ['1', 0, 50, []],
      ['2', 10, 0, ['missing duration; shown as 0']],
      [
        '3',
        20,
        10,
        ['missing timestamp; taken from the first annotation', 'missing duration; taken from the annotations'],
      ],
      ['4', 0, 0, ["missing timestamp; placed at its parent's start", 'missing duration; shown as 0']],
    ]);
    expect(t?.spans[1]?.attributes).toEqual([{ key: 'late', value: 'yes' }]);
  });

  it('reads an array of traces', () => {
    const traces = zipkinToTraces([
      [{ traceId: 'a', id: '1', timestamp: 1, duration: 1 }],
      [{ traceId: 'b', id: '1', timestamp: 1, duration: 1 }],
    ]);
    expect(traces.map((t) => t.traceId.slice(-1))).toEqual(['a', 'b']);
  });

  it('throws readable errors for bad shapes', () => {
    expect(() => zipkinToTraces({})).toThrow(TraceAdapterError);
    expect(() => zipkinToTraces([{ id: '1' }])).toThrow('Zipkin v2: span [0] has an invalid traceId null');
    expect(() => zipkinToTraces([{ traceId: 'a', id: 'x y' }])).toThrow(/invalid id "x y"/);
  });
});

describe('a span with 600,000 annotations and no timestamp', () => {
  it('takes its start and duration from them without spreading them into Math.min/max', () => {
    const annotations = Array.from({ length: 600_000 }, (_, i) => ({ timestamp: 5_000 + i, value: 'x' }));
    const [trace] = zipkinToTraces([
      { traceId: 'a'.repeat(32), id: '1'.repeat(16), name: 'op', localEndpoint: { serviceName: 's' }, annotations },
    ]);
    expect(trace?.spans[0]?.durationUs).toBe(599_999);
  }, 60_000);
});
