import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTrace } from './__fixtures__/make-trace';
import { randomTraceArb } from './__fixtures__/random-trace';
import type { TraceTree } from './analysis-types';
import { selfTimes } from './self-time';
import { buildTree } from './tree';
import type { Trace } from './types';

/** Brute force on integer times: count each unit slot of the span no direct child covers. */
function referenceSelfTimes(trace: Trace, tree: TraceTree): number[] {
  return trace.spans.map((span, i) => {
    let self = 0;
    for (let t = span.startUs; t < span.startUs + span.durationUs; t++) {
      const covered = trace.spans.some(
        (c, ci) => tree.parent[ci] === i && c.startUs <= t && c.startUs + c.durationUs >= t + 1,
      );
      if (!covered) self++;
    }
    return self;
  });
}

describe('selfTimes', () => {
  it('subtracts the union of children clipped to the span', () => {
    const trace = makeTrace([
      { id: 'a', start: 10, duration: 100 },
      { id: 'b', parent: 'a', start: 0, duration: 20 }, // clipped to 10..20
      { id: 'c', parent: 'a', start: 15, duration: 10 }, // overlaps b: union 10..25
      { id: 'd', parent: 'a', start: 50, duration: 0 },
      { id: 'e', parent: 'a', start: 100, duration: 50 }, // clipped to 100..110
      { id: 'f', parent: 'e', start: 100, duration: 50 },
    ]);
    const self = selfTimes(trace, buildTree(trace).tree);
    expect(Array.from(self)).toEqual([100 - 15 - 10, 20, 10, 0, 0, 50]);
  });

  it('matches a slot-sampling brute force on random traces', () => {
    fc.assert(
      fc.property(randomTraceArb, (trace) => {
        const { tree } = buildTree(trace);
        const self = selfTimes(trace, tree);
        expect(Array.from(self)).toEqual(referenceSelfTimes(trace, tree));
      }),
      { numRuns: 3000 },
    );
  });
});
