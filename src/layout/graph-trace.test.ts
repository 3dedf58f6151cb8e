import { describe, expect, it } from 'vitest';
import { hotrodTrace } from '../model/__fixtures__/hotrod';
import { makeTrace } from '../model/__fixtures__/make-trace';
import { analyzeTrace } from '../model/analyze';
import { traceGraph, operationNodeId } from './graph-trace';

describe('traceGraph', () => {
  const trace = hotrodTrace();
  const analysis = analyzeTrace(trace);

  it('by service: counts calls and marks the edges the critical path runs along', () => {
    const g = traceGraph(trace, analysis, 'service');
    expect(g.nodes.map((n) => n.id)).toEqual(['customer', 'driver', 'frontend', 'mysql', 'redis-manual', 'route']);
    const edges = Object.fromEntries(g.edges.map((e) => [`${e.from}>${e.to}`, [e.calls, e.critical]]));
    expect(edges).toEqual({
      'frontend>customer': [1, true],
      'customer>mysql': [1, true],
      'frontend>driver': [1, true],
      'driver>redis-manual': [2, true],
      'frontend>route': [2, true],
    });
    const toMysql = g.edges.find((e) => e.to === 'mysql');
    expect(toMysql?.criticalShare).toBeCloseTo(319_200 / 760_000, 5);
    expect(g.edges.find((e) => e.to === 'customer')?.criticalUs).toBeGreaterThan(toMysql?.criticalUs ?? Infinity);
    const mysql = g.nodes.find((n) => n.id === 'mysql');
    expect(mysql?.criticalShare).toBeCloseTo(319_200 / 760_000, 5);
    expect(mysql?.selfUs).toBe(319_200);
    expect(mysql?.onCriticalPath).toBe(true);
  });

  it('by operation: one node per service and span name; the slower /route call is the critical one', () => {
    const g = traceGraph(trace, analysis, 'operation');
    expect(g.nodes.map((n) => n.id)).toContain(operationNodeId('mysql', 'SQL SELECT'));
    const route = g.nodes.find((n) => n.id === operationNodeId('route', '/route'));
    expect(route?.spans).toBe(2);
    expect(route?.representativeSpan).toBe(6); // span '7', 197.6 ms, owns the critical time
  });

  it('leaves edges off the path unmarked and handles a trace deeper than any stack', () => {
    const t = makeTrace([
      { id: '1', service: 'a', start: 0, duration: 100 },
      { id: '2', parent: '1', service: 'b', start: 10, duration: 20 },
      { id: '3', parent: '1', service: 'c', start: 20, duration: 80 },
    ]);
    const g = traceGraph(t, analyzeTrace(t), 'service');
    expect(g.edges.find((e) => e.to === 'b')?.critical).toBe(false);
    expect(g.edges.find((e) => e.to === 'c')?.critical).toBe(true);

    const deep = makeTrace(Array.from({ length: 50_000 }, (_, i) => ({ id: (i + 1).toString(16), ...(i > 0 ? { parent: i.toString(16) } : {}), service: `s${i % 3}`, start: i, duration: 100_000 - 2 * i })));
    const dg = traceGraph(deep, analyzeTrace(deep), 'service');
    expect(dg.nodes).toHaveLength(3);
    expect(dg.edges.every((e) => e.critical)).toBe(true);
  });
});
