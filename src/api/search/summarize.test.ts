import { describe, expect, it } from 'vitest';
import { makeTrace } from '../../model/__fixtures__/make-trace';
import type { TraceId } from '../../model/types';
import { jaegerSummariesToSummaries, sortSummaries, summarizeTrace, tempoSearchToSummaries } from './summarize';
import type { TraceSummary } from './types';

describe('summarizeTrace', () => {
  it('takes the earliest root, counts spans, errors and services', () => {
    const trace = makeTrace([
      { id: 'b', service: 'late-root', name: 'late', start: 50, duration: 10 },
      { id: 'a', service: 'frontend', name: '/dispatch', start: 0, duration: 900 },
      { id: 'c', parent: 'a', service: 'customer', start: 10, duration: 300, error: true },
      { id: 'd', parent: 'c', service: 'mysql', start: 20, duration: 280, error: true },
      { id: 'e', parent: 'a', service: 'customer', start: 400, duration: 20 },
    ]);
    const s = summarizeTrace(trace);
    expect(s).toMatchObject({
      rootService: 'frontend',
      rootName: '/dispatch',
      spanCount: 5,
      errorCount: 2,
      durationUs: 900,
      startUnixUs: trace.startUnixUs,
    });
    expect(s.services).toEqual([
      { name: 'customer', spanCount: 2, errorCount: 1 },
      { name: 'frontend', spanCount: 1, errorCount: 0 },
      { name: 'late-root', spanCount: 1, errorCount: 0 },
      { name: 'mysql', spanCount: 1, errorCount: 1 },
    ]);
  });

  it('takes an orphan as root when the real root is missing; ties go to the longest', () => {
    const s = summarizeTrace(
      makeTrace([
        { id: 'x', parent: 'gone', service: 'svc', name: 'short', start: 0, duration: 5 },
        { id: 'y', parent: 'gone', service: 'svc', name: 'long', start: 0, duration: 50 },
      ]),
    );
    expect(s.rootName).toBe('long');
  });
});

describe('tempoSearchToSummaries', () => {
  it('maps the search response: stripped ids padded, ns → µs, serviceStats summed', () => {
    const json = {
      traces: [
        {
          traceID: '2a6bee861db8a7dff9561ae4344c226',
          rootServiceName: 'grafana',
          rootTraceName: 'alert rule execution',
          startTimeUnixNano: '1712759380123867720',
          durationMs: 71,
          serviceStats: { grafana: { spanCount: 3, errorCount: 1 }, db: { spanCount: 5 } },
        },
        { traceID: 'abc', rootServiceName: '<root span not yet received>', startTimeUnixNano: '1712759380000000000' },
        { traceID: 'zz-not-an-id', startTimeUnixNano: '1' },
        'junk',
      ],
    };
    const out = tempoSearchToSummaries(json);
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual({
      traceId: '02a6bee861db8a7dff9561ae4344c226',
      rootService: 'grafana',
      rootName: 'alert rule execution',
      startUnixUs: 1712759380123867,
      durationUs: 71_000,
      spanCount: 8,
      errorCount: 1,
      services: [
        { name: 'db', spanCount: 5, errorCount: 0 },
        { name: 'grafana', spanCount: 3, errorCount: 1 },
      ],
    });
    expect(out[1]).toMatchObject({
      traceId: '00000000000000000000000000000abc',
      rootService: '',
      rootName: '',
      durationUs: 0,
      spanCount: undefined,
      errorCount: undefined,
      services: [],
    });
  });
  it('reads an empty or odd answer as no results', () => {
    expect(tempoSearchToSummaries({})).toEqual([]);
    expect(tempoSearchToSummaries(null)).toEqual([]);
  });
});

describe('jaegerSummariesToSummaries', () => {
  it('maps v3 trace summaries', () => {
    const out = jaegerSummariesToSummaries({
      summaries: [
        {
          traceId: '00000000000000000000000000000001',
          rootServiceName: 'frontend',
          rootOperationName: 'HTTP GET /',
          minStartTimeUnixNano: '1000000000000',
          maxEndTimeUnixNano: '1001000000000',
          spanCount: 2,
          errorSpanCount: 1,
          services: [{ name: 'frontend', spanCount: 2, errorSpanCount: 1 }],
        },
      ],
    });
    expect(out).toEqual([
      {
        traceId: '00000000000000000000000000000001',
        rootService: 'frontend',
        rootName: 'HTTP GET /',
        startUnixUs: 1_000_000_000,
        durationUs: 1_000_000,
        spanCount: 2,
        errorCount: 1,
        services: [{ name: 'frontend', spanCount: 2, errorCount: 1 }],
      },
    ]);
  });
  it('says "not this shape" for anything else (e.g. an HTML page parsed elsewhere)', () => {
    expect(jaegerSummariesToSummaries({ result: {} })).toBeUndefined();
    expect(jaegerSummariesToSummaries({})).toEqual(undefined);
    expect(jaegerSummariesToSummaries({ summaries: [] })).toEqual([]);
  });
});

describe('sortSummaries', () => {
  const s = (
    id: string,
    startUnixUs: number,
    durationUs: number,
    spanCount: number | undefined,
    errorCount: number | undefined,
  ): TraceSummary => ({
    traceId: id.padStart(32, '0') as TraceId,
    rootService: 'a',
    rootName: 'b',
    startUnixUs,
    durationUs,
    spanCount,
    errorCount,
    services: [],
  });
  const list = [
    s('1', 100, 50, 10, 0),
    s('2', 300, 10, 40, 2),
    s('3', 200, 90, undefined, undefined),
    s('4', 300, 90, 10, 2),
  ];
  const ids = (key: Parameters<typeof sortSummaries>[1]) =>
    sortSummaries(list, key).map((x) => x.traceId.replace(/^0+/, ''));
  it('sorts by each key, ties by recency then id, unknown counts last', () => {
    expect(ids('recent')).toEqual(['2', '4', '3', '1']);
    expect(ids('longest')).toEqual(['4', '3', '1', '2']);
    expect(ids('spans')).toEqual(['2', '4', '1', '3']);
    expect(ids('errors')).toEqual(['2', '4', '1', '3']);
  });
  it('does not change its input', () => {
    sortSummaries(list, 'longest');
    expect(list.map((x) => x.traceId.slice(-1))).toEqual(['1', '2', '3', '4']);
  });
});
