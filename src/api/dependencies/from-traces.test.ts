import { describe, expect, it } from 'vitest';
import { hotrodTrace } from '../../model/__fixtures__/hotrod';
import { makeTrace } from '../../model/__fixtures__/make-trace';
import type { Attribute, Trace } from '../../model/types';
import { graphFromTraces, graphFromTracesInSlices, namespaceOf } from './from-traces';

/**
 * a:A [0,100] ─┬─ b:B [10,60] ── c:C [20,50]
 *              └─ b:D [70,90]
 * Walking back from 100: A owns 90–100, D 70–90, A 60–70, B 50–60, C 20–50, B 10–20, A 0–10.
 * So a = 30, b = 10 + 10 + 20 = 40, c = 30; edge a→b carries B's subtree (50) and D's (20),
 * edge b→c C's 30.
 */
const handTrace = (ns: Record<string, Attribute[]> = {}): Trace => {
  const t = makeTrace([
    { id: 'a', service: 'a', start: 0, duration: 100 },
    { id: 'b', parent: 'a', service: 'b', start: 10, duration: 50 },
    { id: 'c', parent: 'b', service: 'c', start: 20, duration: 30 },
    { id: 'd', parent: 'a', service: 'b', start: 70, duration: 20 },
  ]);
  return { ...t, spans: t.spans.map((s) => ({ ...s, resource: ns[s.service] ?? [] })) };
};

describe('graphFromTraces: critical-path time', () => {
  it('sums each service’s owned critical time and each edge’s time under its calls, over all traces', () => {
    const g = graphFromTraces([handTrace(), handTrace()]);
    const node = (s: string) => g.nodes.find((n) => n.service === s)?.criticalUs;
    const edge = (f: string, t: string) => g.edges.find((e) => e.from === f && e.to === t)?.criticalUs;
    expect([node('a'), node('b'), node('c')]).toEqual([60, 80, 60]);
    expect(edge('a', 'b')).toBe(140);
    expect(edge('b', 'c')).toBe(60);
    expect(g.totalUs).toBe(200);
  });

  it('on HotROD: the services’ critical time tiles the trace, and a leaf’s edge carries exactly its time', () => {
    const trace = hotrodTrace();
    const g = graphFromTraces([trace]);
    const total = g.nodes.reduce((s, n) => s + (n.criticalUs ?? 0), 0);
    // Rounded per service, so within one µs per service of the trace's duration.
    expect(Math.abs(total - trace.durationUs)).toBeLessThanOrEqual(g.nodes.length);
    const mysql = g.nodes.find((n) => n.service === 'mysql');
    expect(mysql?.criticalUs).toBeGreaterThan(0);
    const intoMysql = g.edges.filter((e) => e.to === 'mysql');
    expect(intoMysql.reduce((s, e) => s + (e.criticalUs ?? 0), 0)).toBe(mysql?.criticalUs);
  });
});

describe('namespaces', () => {
  it('prefer service.namespace over k8s.namespace.name and ignore blanks', () => {
    expect(
      namespaceOf([
        { key: 'k8s.namespace.name', value: 'prod' },
        { key: 'service.namespace', value: 'shop' },
      ]),
    ).toBe('shop');
    expect(namespaceOf([{ key: 'k8s.namespace.name', value: 'prod' }])).toBe('prod');
    expect(namespaceOf([{ key: 'service.namespace', value: '  ' }])).toBeUndefined();
    expect(namespaceOf([{ key: 'service.namespace', value: 3 }])).toBeUndefined();
  });

  it('come from any span of the service that carries one', () => {
    const bare = handTrace();
    const tagged = handTrace({ b: [{ key: 'k8s.namespace.name', value: 'backend' }] });
    const g = graphFromTraces([bare, tagged]);
    expect(g.nodes.find((n) => n.service === 'b')?.namespace).toBe('backend');
    expect(g.nodes.find((n) => n.service === 'a')?.namespace).toBeUndefined();
  });
});

describe('graphFromTracesInSlices', () => {
  it('builds the same graph while giving the thread back, and stops when cancelled', async () => {
    const traces = Array.from({ length: 30 }, () => hotrodTrace());
    expect(await graphFromTracesInSlices(traces, undefined, 0)).toEqual(graphFromTraces(traces));
    const abort = new AbortController();
    abort.abort();
    await expect(graphFromTracesInSlices(traces, abort.signal, 0)).rejects.toThrow();
  });
});
