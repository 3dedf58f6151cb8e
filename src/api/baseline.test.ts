import { describe, expect, it } from 'vitest';
import { opKey } from '../model/aggregate';
import { makeTrace } from '../model/__fixtures__/make-trace';
import { analyzeTrace } from '../model/analyze';
import { baselineRequest, loadBaseline, similarTraces } from './baseline';
import { clientFor } from './client';
import type { TraceSummary } from './search/types';
import { DEMO_SOURCE } from './sources';

const summary = (traceId: string, rootService: string, rootName: string, startUnixUs: number): TraceSummary =>
  ({
    traceId,
    rootService,
    rootName,
    startUnixUs,
    durationUs: 1,
    spanCount: 1,
    errorCount: 0,
    services: [],
  }) as unknown as TraceSummary;

describe('baseline search', () => {
  const trace = makeTrace([{ id: '1', service: 'web', name: 'GET /', start: 0, duration: 10 }]);

  it('asks for the root service and operation within an hour either side, more than N', () => {
    const r = baselineRequest('web', 'GET /', 10_000_000_000, 50);
    expect(r).toMatchObject({ service: 'web', operation: 'GET /', limit: 101 });
    expect(r.endUs - r.startUs).toBe(2 * 3600 * 1e6);
  });

  it('keeps other traces with the same root, nearest in time first, at most N', () => {
    const t0 = trace.startUnixUs;
    const found = similarTraces(
      [
        summary(trace.traceId, 'web', 'GET /', t0),
        summary('b', 'web', 'GET /', t0 + 5_000),
        summary('c', 'web', 'POST /', t0),
        summary('d', 'api', 'GET /', t0),
        summary('e', 'web', 'GET /', t0 - 1_000),
        summary('f', 'web', 'GET /', t0 + 9_000),
      ],
      trace,
      'web',
      'GET /',
      2,
    );
    expect(found.map((s) => s.traceId)).toEqual(['e', 'b']);
  });
});

describe('loadBaseline on the demo source', () => {
  it('compares a demo HotROD trace with the other generated ones', async () => {
    const client = clientFor(DEMO_SOURCE);
    const all = await client.search({ ...baselineRequest('frontend', '/dispatch', 0, 50), limit: 1000 });
    const first = all.summaries.find((s) => s.rootName === '/dispatch');
    expect(first).toBeDefined();
    const { trace, analysis } = await client.traceById(first!.traceId, {});
    const out = await loadBaseline(DEMO_SOURCE, trace, analysis, 5);
    expect(out.kind).toBe('ready');
    if (out.kind !== 'ready') return;
    expect(out.baseline.traceCount).toBe(5);
    expect(out.baseline.operations.get(opKey('frontend', '/dispatch'))?.traces).toBe(5);
  });

  it('says plainly when there is no similar trace', async () => {
    const lone = makeTrace([{ id: '1', service: 'nowhere', name: 'nothing', start: 0, duration: 10 }]);
    const out = await loadBaseline(DEMO_SOURCE, lone, analyzeTrace(lone), 50);
    expect(out).toEqual({
      kind: 'none',
      reason: 'Demo traces has no other trace of “nothing” in nowhere, so there is no baseline to compare with.',
    });
  });
});
