import { describe, expect, it } from 'vitest';
import { makeTrace } from '../model/__fixtures__/make-trace';
import { analyzeTrace } from '../model/analyze';
import { flameGeometry, flameLevels, flameMove, spanAt } from './flame-layout';

// a (0..100) → b (10..40) → d (15..20); a → c (50..60)
const trace = makeTrace([
  { id: 'a', start: 0, duration: 100 },
  { id: 'b', parent: 'a', start: 10, duration: 30 },
  { id: 'c', parent: 'a', start: 50, duration: 10 },
  { id: 'd', parent: 'b', start: 15, duration: 5 },
]);
const analysis = analyzeTrace(trace);
const { tree } = analysis;
const levels = flameLevels(tree);
const A = 0;
const B = 1;
const C = 2;
const D = 3;

describe('flame layout', () => {
  it('buckets spans by depth, in start order within a level', () => {
    expect(levels.levels).toBe(3);
    expect([...levels.offsets]).toEqual([0, 1, 3, 4]);
    expect([...levels.spans]).toEqual([A, B, C, D]);
  });

  it('finds the span under a point, with slack for thin bars', () => {
    expect(spanAt(trace, levels, 1, 55, 0)).toBe(C);
    expect(spanAt(trace, levels, 1, 45, 0)).toBe(-1);
    expect(spanAt(trace, levels, 1, 47, 6)).toBe(C);
    expect(spanAt(trace, levels, 1, 42, 6)).toBe(B);
    expect(spanAt(trace, levels, 2, 17, 0)).toBe(D);
    expect(spanAt(trace, levels, 5, 17, 0)).toBe(-1);
  });

  it('moves to the parent, first child and neighbours on a level', () => {
    expect(flameMove(tree, levels, D, 'parent')).toBe(B);
    expect(flameMove(tree, levels, A, 'child')).toBe(B);
    expect(flameMove(tree, levels, C, 'child')).toBe(-1);
    expect(flameMove(tree, levels, B, 'next')).toBe(C);
    expect(flameMove(tree, levels, C, 'next')).toBe(-1);
    expect(flameMove(tree, levels, B, 'previous')).toBe(-1);
    expect(flameMove(tree, levels, -1, 'child')).toBe(A);
  });

  it('lays span times and critical-path segments out per level, in flat arrays', () => {
    const g = flameGeometry(trace, tree, levels, analysis.criticalPath);
    expect([...g.startUs]).toEqual([0, 10, 50, 15]);
    expect([...g.endUs]).toEqual([100, 40, 60, 20]);
    // Every segment sits on its span's level, and together they cover the trace once.
    expect(g.segOffsets[levels.levels]).toBe(analysis.criticalPath.length);
    let covered = 0;
    for (let d = 0; d < levels.levels; d++)
      for (let k = g.segOffsets[d] ?? 0; k < (g.segOffsets[d + 1] ?? 0); k++) {
        expect(tree.depth[g.segSpan[k] ?? -1]).toBe(d);
        covered += (g.segToUs[k] ?? 0) - (g.segFromUs[k] ?? 0);
      }
    expect(covered).toBe(100);
  });

  it('handles a chain 20k spans deep without recursion', () => {
    const deep = makeTrace(
      Array.from({ length: 20_000 }, (_, i) => ({
        id: (i + 1).toString(16),
        ...(i > 0 ? { parent: i.toString(16) } : {}),
        start: i,
        duration: 40_000 - 2 * i,
      })),
    );
    const l = flameLevels(analyzeTrace(deep).tree);
    expect(l.levels).toBe(20_000);
    expect(spanAt(deep, l, 19_999, 20_000, 0)).toBe(19_999);
  });
});
