import { describe, expect, it } from 'vitest';
import { hotrodTrace } from './__fixtures__/hotrod';
import { makeTrace } from './__fixtures__/make-trace';
import { nearestRank, serviceGraph } from './service-graph';
import { buildTree } from './tree';

describe('serviceGraph', () => {
  it('counts calls, errors and latency per edge and spans per service', () => {
    const trace = hotrodTrace([
      { id: 'e', parent: '4', service: 'redis-manual', name: 'GetDriver', start: 540_300, duration: 100, error: true },
      { id: 'f', parent: '4', service: 'driver', name: 'local', start: 540_500, duration: 10 },
    ]);
    const g = serviceGraph([{ trace, tree: buildTree(trace).tree }]);
    expect(g.nodes).toEqual([
      { service: 'customer', spans: 1, errors: 0 },
      { service: 'driver', spans: 2, errors: 0 },
      { service: 'frontend', spans: 1, errors: 0 },
      { service: 'mysql', spans: 1, errors: 0 },
      { service: 'redis-manual', spans: 3, errors: 1 },
      { service: 'route', spans: 2, errors: 0 },
    ]);
    expect(g.edges.map((e) => [e.from, e.to, e.calls, e.errors, e.durationsUs, e.p50Us, e.p95Us])).toEqual([
      ['customer', 'mysql', 1, 0, [319_200], 319_200, 319_200],
      ['driver', 'redis-manual', 3, 1, [100, 102_600, 102_600], 102_600, 102_600],
      ['frontend', 'customer', 1, 0, [329_000], 329_000, 329_000],
      ['frontend', 'driver', 1, 0, [213_000], 213_000, 213_000],
      ['frontend', 'route', 2, 0, [148_000, 197_600], 148_000, 197_600],
    ]);
  });

  it('merges many traces', () => {
    const a = makeTrace([
      { id: 'a', service: 'x', start: 0, duration: 10 },
      { id: 'b', parent: 'a', service: 'y', start: 0, duration: 4 },
    ]);
    const b = makeTrace([
      { id: 'a', service: 'x', start: 0, duration: 10 },
      { id: 'b', parent: 'a', service: 'y', start: 0, duration: 8, error: true },
    ]);
    const g = serviceGraph([a, b].map((trace) => ({ trace, tree: buildTree(trace).tree })));
    expect(g.edges).toEqual([{ from: 'x', to: 'y', calls: 2, errors: 1, durationsUs: [4, 8], p50Us: 4, p95Us: 8 }]);
    expect(serviceGraph([])).toEqual({ nodes: [], edges: [] });
  });

  it('uses nearest-rank percentiles', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(nearestRank(xs, 0.5)).toBe(10);
    expect(nearestRank(xs, 0.95)).toBe(19);
    expect(nearestRank([7], 0.95)).toBe(7);
    expect(nearestRank([], 0.5)).toBe(0);
  });
});
