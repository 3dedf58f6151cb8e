import { describe, expect, it } from 'vitest';
import { hotrodTrace } from '../model/__fixtures__/hotrod';
import { buildTree } from '../model/tree';
import { descendantCounts } from './descendant-counts';

describe('descendantCounts', () => {
  it('counts error and critical-path descendants, not the span itself', () => {
    const trace = hotrodTrace([
      { id: 'a', parent: '3', service: 'mysql', name: 'retry', start: 6000, duration: 10, error: true },
      { id: 'b', parent: '5', service: 'redis', name: 'x', start: 336_000, duration: 10, error: true },
    ]);
    const { tree } = buildTree(trace);
    // Spans 0, 2, 3 on the path (by index); 8 and 9 are the errors.
    const critical = [1, 0, 1, 1, 0, 0, 0, 0, 0, 0];
    const c = descendantCounts(tree, trace.spans, critical);
    expect(Array.from(c.errors)).toEqual([2, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(c.critical)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('walks a 100k-deep chain without recursion', () => {
    const n = 100_000;
    const deep = hotrodTrace(
      Array.from({ length: n }, (_, k) => ({
        id: (k + 0x100).toString(16),
        parent: k === 0 ? '1' : (k + 0xff).toString(16),
        start: 1,
        duration: 1,
        error: k === n - 1,
      })),
    );
    const { tree } = buildTree(deep);
    const c = descendantCounts(tree, deep.spans, new Float64Array(deep.spans.length));
    expect(c.errors[0]).toBe(1);
    expect(c.errors[8]).toBe(1);
    expect(c.errors[deep.spans.length - 1]).toBe(0);
  });
});
