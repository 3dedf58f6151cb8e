import { describe, expect, it } from 'vitest';
import { hotrodTrace } from '../model/__fixtures__/hotrod';
import { makeTrace, type SpanSpec } from '../model/__fixtures__/make-trace';
import { analyzeTrace } from '../model/analyze';
import { operationNodeId, traceGraph } from './graph-trace';

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

    const deep = makeTrace(
      Array.from({ length: 50_000 }, (_, i) => ({
        id: (i + 1).toString(16),
        ...(i > 0 ? { parent: i.toString(16) } : {}),
        service: `s${i % 3}`,
        start: i,
        duration: 100_000 - 2 * i,
      })),
    );
    const dg = traceGraph(deep, analyzeTrace(deep), 'service');
    expect(dg.nodes).toHaveLength(3);
    expect(dg.edges.every((e) => e.critical)).toBe(true);
  });
});

describe('traceGraph with limits', () => {
  it('returns a small graph whole', () => {
    const trace = hotrodTrace();
    const analysis = analyzeTrace(trace);
    const whole = traceGraph(trace, analysis, 'operation');
    const limited = traceGraph(trace, analysis, 'operation', { maxNodes: 60, maxEdges: 600 });
    expect(limited).toEqual(whole);
    expect(whole.totalNodes).toBe(whole.nodes.length);
    expect(whole.hiddenEdges).toBe(0);
    expect(whole.edges.some((e) => e.indirect)).toBe(false);
  });

  // root (api) → gw (proxy) → 12 back-to-back operations of svc, each slower than the one before:
  // gw owns almost no critical time, op11 the most.
  const spans: SpanSpec[] = [{ id: '1', service: 'api', name: 'root', start: 0, duration: 10_000 }];
  let t = 10;
  for (let i = 0; i < 12; i++) {
    spans.push({
      id: (i + 3).toString(16),
      parent: '2',
      service: 'svc',
      name: `op${i}`,
      start: t,
      duration: 600 + i * 20,
    });
    t += 600 + i * 20;
  }
  spans.splice(1, 0, { id: '2', parent: '1', service: 'proxy', name: 'gw', start: 5, duration: t - 5 + 4 });
  const trace = makeTrace(spans);
  const analysis = analyzeTrace(trace);

  it('keeps the root and the nodes with the most critical-path time, joined through hidden ones by dashed edges', () => {
    const whole = traceGraph(trace, analysis, 'operation');
    expect(whole.nodes).toHaveLength(14);
    const g = traceGraph(trace, analysis, 'operation', { maxNodes: 4 });
    expect(g.totalNodes).toBe(14);
    const ids = g.nodes.map((n) => n.id);
    expect(ids).toHaveLength(4);
    expect(ids).toContain(operationNodeId('api', 'root'));
    const byCritical = whole.nodes
      .filter((n) => n.id !== operationNodeId('api', 'root'))
      .sort((a, b) => b.criticalUs - a.criticalUs || b.selfUs - a.selfUs)
      .slice(0, 3)
      .map((n) => n.id);
    expect(ids.filter((id) => id !== operationNodeId('api', 'root')).sort()).toEqual([...byCritical].sort());
    // every kept node hangs off its nearest kept ancestor: connected, no dangling nodes
    for (const id of ids)
      if (id !== operationNodeId('api', 'root')) expect(g.edges.some((e) => e.to === id)).toBe(true);
    expect(ids.sort()).toEqual(
      [
        operationNodeId('api', 'root'),
        operationNodeId('svc', 'op10'),
        operationNodeId('svc', 'op11'),
        operationNodeId('svc', 'op9'),
      ].sort(),
    );
    // gw is hidden: root reaches op9..op11 through it, drawn as indirect edges
    expect(g.edges.map((e) => [e.from, e.to, e.indirect])).toEqual(
      ['op10', 'op11', 'op9'].map((op) => [operationNodeId('api', 'root'), operationNodeId('svc', op), true]),
    );
    expect(g.edges.find((e) => e.to === operationNodeId('svc', 'op11'))?.critical).toBe(true);
  });

  it('with maxEdges keeps the critical edges first, then the busiest, and counts the rest', () => {
    const g = traceGraph(trace, analysis, 'operation', { maxEdges: 3 });
    expect(g.edges).toHaveLength(3);
    expect(g.hiddenEdges).toBe(13 - 3);
    const whole = traceGraph(trace, analysis, 'operation');
    const rank = (e: { critical: boolean; criticalUs: number }) => Number(e.critical) * 1e12 + e.criticalUs;
    const kept = new Set(g.edges.map((e) => `${e.from}>${e.to}`));
    const minKept = Math.min(...g.edges.map(rank));
    for (const e of whole.edges) if (!kept.has(`${e.from}>${e.to}`)) expect(rank(e)).toBeLessThanOrEqual(minKept);
  });
});
