import { describe, expect, it } from 'vitest';
import { TraceNotFoundError } from '../adapter-common';
import { tempoToTraces } from './to-model';

const resourceSpans = [
  {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'mythical-server' } }] },
    scopeSpans: [
      {
        scope: { name: 'mythical-server' },
        spans: [
          {
            traceId: 'QpC1h3qZMN55u0KDZTmOzA==',
            spanId: '1gZXnld4dYc=',
            name: 'requester',
            kind: 'SPAN_KIND_SERVER',
            startTimeUnixNano: '1658320854877522688',
            endTimeUnixNano: '1658320854923357184',
            status: { code: 'STATUS_CODE_OK' },
          },
        ],
      },
    ],
  },
];

describe('tempoToTraces', () => {
  it('reads /api/traces/{id} (batches, base64 ids, enum names)', () => {
    const [t, ...rest] = tempoToTraces({ batches: resourceSpans });
    expect(rest).toEqual([]);
    expect(t?.format).toBe('tempo-v1');
    expect(t?.traceId).toBe('4290b5877a9930de79bb428365398ecc');
    expect(t?.spans[0]).toMatchObject({
      spanId: 'd606579e57787587',
      kind: 'server',
      service: 'mythical-server',
      status: { code: 'ok' },
      durationUs: 45834.496,
    });
    expect(t?.warnings).toEqual([]);
  });

  it('reads /api/v2/traces/{id} and reports a partial trace as a trace warning', () => {
    const [t] = tempoToTraces({
      trace: { resourceSpans },
      metrics: { inspectedBytes: '1210' },
      status: 'PARTIAL',
      message: 'Trace exceeds maximum size of 50000000 bytes, a partial trace is returned',
    });
    expect(t?.format).toBe('tempo-v2');
    expect(t?.warnings).toEqual([
      'Tempo returned a partial trace: Trace exceeds maximum size of 50000000 bytes, a partial trace is returned',
    ]);
    expect(tempoToTraces({ trace: { resourceSpans } })[0]?.warnings).toEqual([]);
  });

  it('treats an empty trace as not found', () => {
    expect(() => tempoToTraces({ trace: {} })).toThrow(TraceNotFoundError);
    expect(() => tempoToTraces({ trace: { resourceSpans: [] }, metrics: {} })).toThrow(/trace not found/);
    expect(() => tempoToTraces({ batches: [] })).toThrow(TraceNotFoundError);
  });
});
