/** 100k-span files must parse in reasonable time and with shared, compact span data. */
import { describe, expect, it } from 'vitest';
import { parseTraceText } from './parse-trace-file';

const N = 100_000;
const hex16 = (i: number) => (i + 1).toString(16).padStart(16, '0');

function jaegerText(): string {
  const spans: unknown[] = [];
  for (let i = 0; i < N; i++) {
    spans.push({
      traceID: 'abc',
      spanID: hex16(i),
      operationName: `op${i % 50}`,
      references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID: 'abc', spanID: hex16(Math.floor((i - 1) / 4)) }],
      startTime: 1_700_000_000_000_000 + i,
      duration: 10,
      tags: [{ key: 'span.kind', type: 'string', value: 'server' }],
      logs: [],
      processID: `p${i % 10}`,
      warnings: null,
    });
  }
  const processes = Object.fromEntries(
    Array.from({ length: 10 }, (_, p) => [
      `p${p}`,
      { serviceName: `svc${p}`, tags: [{ key: 'host', type: 'string', value: `h${p}` }] },
    ]),
  );
  return JSON.stringify({
    data: [{ traceID: 'abc', spans, processes, warnings: null }],
    total: 0,
    limit: 0,
    offset: 0,
    errors: null,
  });
}

function otlpText(): string {
  const resourceSpans = Array.from({ length: 10 }, (_, r) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: `svc${r}` } }] },
    scopeSpans: [{ scope: { name: 'lib' }, spans: [] as unknown[] }],
  }));
  for (let i = 0; i < N; i++) {
    const start = 1_700_000_000_000_000_000n + BigInt(i) * 1000n;
    resourceSpans[i % 10]?.scopeSpans[0]?.spans.push({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: hex16(i),
      parentSpanId: i === 0 ? '' : hex16(Math.floor((i - 1) / 4)),
      name: `op${i % 50}`,
      kind: 2,
      startTimeUnixNano: start.toString(),
      endTimeUnixNano: (start + 10_000n).toString(),
      attributes: [{ key: 'http.status_code', value: { intValue: '200' } }],
      status: {},
    });
  }
  return JSON.stringify({ resourceSpans });
}

describe('100k-span traces', () => {
  it.each([
    ['Jaeger JSON', jaegerText],
    ['OTLP/JSON', otlpText],
  ])('%s parses in reasonable time with shared resources', (_name, build) => {
    const text = build();
    const t0 = performance.now();
    const { traces } = parseTraceText(text);
    const ms = performance.now() - t0;
    const trace = traces[0];
    expect(trace?.spans).toHaveLength(N);
    expect(ms).toBeLessThan(8000); // ~1 s on a 2-core machine; generous for CI noise
    const resources = new Set(trace?.spans.map((s) => s.resource));
    expect(resources.size).toBe(10);
    // Empty lists share one frozen array instead of allocating one per span.
    expect(new Set(trace?.spans.map((s) => s.events)).size).toBe(1);
    expect(new Set(trace?.spans.map((s) => s.status)).size).toBe(1);
    console.info(`${_name}: ${N} spans parsed in ${Math.round(ms)} ms`);
  });
});
