/**
 * Wire strings that are also Object.prototype keys (service names, span kinds, attribute keys)
 * must go through every adapter, analysis and layout as plain text: a plain-object lookup or a
 * graphlib node id keyed by them would read or write Object.prototype instead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { layoutGraph, GRAPH_LAYOUTS } from './layout/graph-layout';
import { traceGraph } from './layout/graph-trace';
import { analyzeTrace } from './model/analyze';
import { verdictText } from './model/verdict';
import type { Trace } from './model/types';
import { parseDependencyLinks } from './api/dependencies/backend-dependencies';
import { graphFromTraces } from './api/dependencies/from-traces';
import { nodesFromEdges } from './api/dependencies/types';
import { parseTraceJson } from './api/parse-trace-file';
import { packTrace } from './api/worker/pack-trace';
import { unpackTrace } from './api/worker/unpack-trace';

const NAMES = ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const sid = (i: number) => (i + 1).toString(16).padStart(16, '0');
const TRACE_ID = 'a'.repeat(32);

function protoUntouched(): void {
  const probe: Record<string, unknown> = {};
  // Nothing may have been written onto Object.prototype by the code under test.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(typeof probe.toString).toBe('function');
  expect(typeof probe.hasOwnProperty).toBe('function');
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}

afterEach(protoUntouched);

/** A chain: span i (service NAMES[i]) is the parent of span i+1. */
function jaegerDoc() {
  return {
    data: [
      {
        traceID: TRACE_ID,
        processes: Object.fromEntries(
          NAMES.map((n, i) => [`p${i}`, { serviceName: n, tags: [{ key: n, type: 'string', value: n }] }]),
        ),
        spans: NAMES.map((n, i) => ({
          traceID: TRACE_ID,
          spanID: sid(i),
          operationName: n,
          startTime: 1_000_000 + i * 10,
          duration: 1000 - i * 20,
          processID: `p${i}`,
          references: i === 0 ? [] : [{ refType: 'CHILD_OF', traceID: TRACE_ID, spanID: sid(i - 1) }],
          tags: [
            { key: 'span.kind', type: 'string', value: n },
            { key: n, type: 'string', value: n },
          ],
          logs: [{ timestamp: 1_000_001 + i * 10, fields: [{ key: n, type: 'string', value: n }] }],
        })),
      },
    ],
  };
}

function otlpDoc() {
  return {
    resourceSpans: NAMES.map((n, i) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: n } }] },
      scopeSpans: [
        {
          scope: { name: n },
          spans: [
            {
              traceId: TRACE_ID,
              spanId: sid(i),
              ...(i === 0 ? {} : { parentSpanId: sid(i - 1) }),
              name: n,
              kind: n,
              startTimeUnixNano: String(1_000_000_000 + i * 10_000),
              endTimeUnixNano: String(1_000_000_000 + i * 10_000 + 1_000_000 - i * 20_000),
              attributes: [{ key: n, value: { kvlistValue: { values: [{ key: n, value: { stringValue: n } }] } } }],
              status: { code: n, message: n },
            },
          ],
        },
      ],
    })),
  };
}

function zipkinDoc() {
  return NAMES.map((n, i) => ({
    traceId: TRACE_ID,
    id: sid(i),
    ...(i === 0 ? {} : { parentId: sid(i - 1) }),
    name: n,
    kind: n,
    timestamp: 1_000_000 + i * 10,
    duration: 1000 - i * 20,
    localEndpoint: { serviceName: n },
    remoteEndpoint: { serviceName: n },
    tags: Object.fromEntries([
      [n, n],
      ['error', n],
    ]),
    annotations: [{ timestamp: 1_000_001 + i * 10, value: n }],
  }));
}

const DOCS: [string, () => unknown][] = [
  ['jaeger', jaegerDoc],
  ['otlp', otlpDoc],
  ['tempo v1', () => ({ batches: otlpDoc().resourceSpans })],
  ['tempo v2', () => ({ trace: otlpDoc() })],
  ['jaeger v3', () => ({ result: otlpDoc() })],
  ['zipkin', zipkinDoc],
];

function openAsJsonText(doc: unknown): Trace {
  // Through JSON text, as a file is read: JSON.parse makes "__proto__" an own key.
  const parsed = parseTraceJson(JSON.parse(JSON.stringify(doc)));
  const t = parsed.traces[0];
  if (t === undefined) throw new Error('no trace');
  return t;
}

describe.each(DOCS)('prototype-key names through the %s adapter', (_label, doc) => {
  it('keep their service names and span names, and get a valid kind', () => {
    const trace = openAsJsonText(doc());
    expect(trace.spans.map((s) => s.service)).toEqual(NAMES);
    expect(trace.spans.map((s) => s.name)).toEqual(NAMES);
    for (const s of trace.spans)
      expect(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']).toContain(s.kind);
    for (const s of trace.spans) expect(s.attributes.some((a) => NAMES.includes(a.key))).toBe(true);
  });

  it('survive packing for the worker, every analysis and both graph layouts', () => {
    const trace = unpackTrace(packTrace(openAsJsonText(doc())));
    expect(trace.spans.map((s) => s.service)).toEqual(NAMES);
    const a = analyzeTrace(trace);
    expect(a.serviceGraph.edges.map((e) => `${e.from}>${e.to}`)).toEqual(
      expect.arrayContaining(NAMES.slice(1).map((n, i) => `${NAMES[i]}>${n}`)),
    );
    expect(a.bottlenecks.byService.map((s) => s.service).sort()).toEqual([...NAMES].sort());
    expect(verdictText(a.verdict)).toContain(' in ');
    for (const level of ['service', 'operation'] as const) {
      const g = traceGraph(trace, a, level);
      expect(g.nodes.length).toBe(NAMES.length);
      for (const kind of GRAPH_LAYOUTS) {
        const laid = layoutGraph(
          kind,
          g.nodes.map((n) => ({ id: n.id, width: 80, height: 30 })),
          g.edges,
        );
        expect(laid.nodes.map((n) => n.id).sort()).toEqual(g.nodes.map((n) => n.id).sort());
        expect(laid.edges.length).toBe(NAMES.length - 1);
        for (const n of laid.nodes) expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
      }
    }
    const deps = graphFromTraces([trace]);
    expect(deps.nodes.map((n) => n.service).sort()).toEqual([...NAMES].sort());
  });
});

describe('prototype-key services in a dependencies answer', () => {
  it('parse into edges and nodes, and lay out in both layouts', () => {
    const body = {
      data: NAMES.flatMap((from) => NAMES.map((to) => ({ parent: from, child: to, callCount: 2, errorCount: 1 }))),
    };
    const { edges, selfCalls } = parseDependencyLinks(JSON.parse(JSON.stringify(body)), 'jaeger');
    expect(edges.length).toBe(NAMES.length * (NAMES.length - 1));
    expect([...selfCalls.keys()].sort()).toEqual([...NAMES].sort());
    const nodes = nodesFromEdges(edges, selfCalls);
    expect(nodes.map((n) => n.service).sort()).toEqual([...NAMES].sort());
    for (const kind of GRAPH_LAYOUTS) {
      const laid = layoutGraph(
        kind,
        nodes.map((n) => ({ id: n.service, width: 100, height: 40 })),
        edges,
      );
      expect(laid.nodes.length).toBe(NAMES.length);
      expect(laid.edges.length).toBe(edges.length);
      for (const e of laid.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
    }
  });
});
