import { describe, expect, it } from 'vitest';
import { hotrodTrace } from '../../model/__fixtures__/hotrod';
import type { BackendSource } from '../sources';
import { clientFor } from '../client';
import { dependencyWindowQuery, parseDependencyLinks } from './backend-dependencies';
import { graphFromTraces } from './from-traces';
import {
  jaegerSearchUrls,
  parseServiceList,
  parseTempoSearchIds,
  tempoSearchUrl,
  zipkinSearchUrl,
} from './sample-traces';
import { nodesFromEdges } from './types';

const src = (type: BackendSource['type']): BackendSource => ({ kind: 'backend', id: type, type, name: type });

describe('backend dependency endpoints', () => {
  const window = { startUs: 1_700_000_000_000_000, endUs: 1_700_003_600_000_000 };
  it('asks Jaeger and Zipkin with endTs and lookback in ms, and Tempo not at all', () => {
    expect(dependencyWindowQuery(window)).toBe('endTs=1700003600000&lookback=3600000');
    expect(clientFor(src('jaeger')).capabilities.dependencyEndpoint).toBe(true);
    expect(clientFor(src('zipkin')).capabilities.dependencyEndpoint).toBe(true);
    expect(clientFor(src('tempo')).capabilities.dependencyEndpoint).toBe(false);
  });

  it('reads Jaeger {data} and Zipkin arrays, merging repeats and counting self links per service', () => {
    const jaeger = parseDependencyLinks(
      {
        data: [
          { parent: 'frontend', child: 'customer', callCount: 3 },
          { parent: 'frontend', child: 'customer', callCount: 2 },
          { parent: 'a', child: 'a', callCount: 9 },
          { parent: 'a', child: 'a', callCount: 1 },
          { parent: 'x' },
        ],
      },
      'Jaeger',
    );
    expect(jaeger.edges).toEqual([
      { from: 'frontend', to: 'customer', calls: 5, errors: undefined, p50Us: undefined, p95Us: undefined },
    ]);
    expect([...jaeger.selfCalls]).toEqual([['a', 10]]);
    const zipkin = parseDependencyLinks([{ parent: 'a', child: 'b', callCount: 10, errorCount: 2 }], 'Zipkin');
    expect(zipkin.edges[0]?.errors).toBe(2);
    expect(parseDependencyLinks([{ parent: 'a', child: 'b', callCount: 1 }], 'Zipkin', true).edges[0]?.errors).toBe(0);
    expect(() => parseDependencyLinks({ errors: [] }, 'Jaeger')).toThrow(/not with a list/);
  });

  it('derives nodes: calls received, or made by a root; errors only when reported', () => {
    const nodes = nodesFromEdges([
      { from: 'frontend', to: 'customer', calls: 4, errors: 1, p50Us: undefined, p95Us: undefined },
      { from: 'customer', to: 'mysql', calls: 4, errors: undefined, p50Us: undefined, p95Us: undefined },
    ]);
    expect(nodes).toEqual([
      { service: 'customer', calls: 4, errors: 1 },
      { service: 'frontend', calls: 4, errors: undefined },
      { service: 'mysql', calls: 4, errors: undefined },
    ]);
  });

  it('keeps the calls a service makes to itself on its node, also for a service that only calls itself', () => {
    const nodes = nodesFromEdges(
      [{ from: 'frontend', to: 'customer', calls: 4, errors: undefined, p50Us: undefined, p95Us: undefined }],
      new Map([
        ['frontend', 7],
        ['cron', 2],
      ]),
    );
    expect(nodes).toEqual([
      { service: 'cron', calls: 2, errors: undefined, selfCalls: 2 },
      { service: 'customer', calls: 4, errors: undefined },
      { service: 'frontend', calls: 4, errors: undefined, selfCalls: 7 },
    ]);
  });
});

describe('trace search for the built-from-traces mode', () => {
  it('builds each backend’s search over the window', () => {
    const [v3, v1] = jaegerSearchUrls(
      src('jaeger'),
      'frontend',
      { startUs: 1_700_000_000_000_000, endUs: 1_700_000_060_000_000 },
      20,
    );
    expect(v3).toContain(
      '/proxy/jaeger/api/v3/traces?query.service_name=frontend&query.start_time_min=2023-11-14T22%3A13%3A20.000Z',
    );
    expect(v3).toContain('query.num_traces=20');
    expect(v1).toBe('/proxy/jaeger/api/traces?service=frontend&start=1700000000000000&end=1700000060000000&limit=20');
    expect(zipkinSearchUrl(src('zipkin'), { startUs: 1_700_000_000_000_000, endUs: 1_700_000_060_000_000 }, 50)).toBe(
      '/proxy/zipkin/api/v2/traces?endTs=1700000060000&lookback=60000&limit=50',
    );
    expect(tempoSearchUrl(src('tempo'), { startUs: 1_700_000_000_000_000, endUs: 1_700_000_060_000_000 }, 50)).toBe(
      '/proxy/tempo/api/search?q=%7B%7D&start=1700000000&end=1700000060&limit=50&spss=1',
    );
  });

  it('reads service lists and Tempo ids (padding the stripped zeros)', () => {
    expect(parseServiceList({ services: ['b', 'a'] })).toEqual(['a', 'b']);
    expect(parseServiceList({ data: ['x'], total: 1 })).toEqual(['x']);
    expect(parseServiceList({})).toEqual([]);
    expect(
      parseTempoSearchIds({ traces: [{ traceID: '2a6bee861db8a7dff9561ae4344c226' }, { traceID: 'zz' }] }),
    ).toEqual(['02a6bee861db8a7dff9561ae4344c226']);
  });

  it('builds the graph from traces with errors and latency per edge', () => {
    const g = graphFromTraces([hotrodTrace(), hotrodTrace()]);
    expect(g.origin).toBe('traces');
    expect(g.traces).toBe(2);
    expect(g.spans).toBe(16);
    const route = g.edges.find((e) => e.from === 'frontend' && e.to === 'route');
    expect(route).toMatchObject({ calls: 4, errors: 0, p50Us: 148_000, p95Us: 197_600 });
  });
});
