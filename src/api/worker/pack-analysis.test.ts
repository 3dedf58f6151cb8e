import { describe, expect, it } from 'vitest';
import { makeTrace } from '../../model/__fixtures__/make-trace';
import { analyzeTrace } from '../../model/analyze';
import { packCore, packSummary, unpackCore, unpackSummary } from './pack-analysis';

describe('packCore + packSummary / unpackCore + unpackSummary', () => {
  const trace = makeTrace([
    { id: '1', service: 'web', name: 'GET /', start: 0, duration: 100 },
    { id: 'a', parent: '1', service: 'db', name: 'SELECT', start: 5, duration: 20 },
    { id: 'b', parent: '1', service: 'api', name: 'call', start: 30, duration: 65 },
    { id: 'c', parent: 'b', service: 'db', name: 'SELECT', start: 35, duration: 50 },
    { id: 'd', parent: 'b', service: 'cache', name: 'GET', start: 86, duration: 4 },
  ]);

  it('gives back the same analysis after a structured clone, with its lists as typed arrays in transit', () => {
    const analysis = analyzeTrace(trace);
    expect(analysis.criticalPath.length).toBeGreaterThan(2);
    expect(analysis.serviceGraph.edges.length).toBeGreaterThan(1);
    const transfer: ArrayBuffer[] = [];
    const packed = { ...packCore(analysis, transfer), ...packSummary(analysis, transfer) };
    expect(packed.criticalPath.span).toBeInstanceOf(Int32Array);
    expect(packed.bottlenecks.slowestBySelfTime).toBeInstanceOf(Int32Array);
    // the tree, self time and critical time move too, each buffer listed once
    for (const v of [analysis.tree.parent, analysis.tree.preorder, analysis.selfTimeUs, analysis.criticalUs])
      expect(transfer).toContain(v.buffer);
    expect(new Set(transfer).size).toBe(transfer.length);
    const clone = structuredClone(packed);
    const back = { ...unpackCore(clone), ...unpackSummary(clone) };
    expect(back).toEqual(analysis);
    expect('packed' in back).toBe(false);
  });
});
