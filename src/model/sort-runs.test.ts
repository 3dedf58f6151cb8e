import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortRuns } from './sort-runs';

describe('sortRuns', () => {
  it('sorts every run as a whole-list sort would, short and long runs alike', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 40 }), { maxLength: 20 }), (runs) => {
        const keys = runs.flat();
        const list = Int32Array.from(keys.keys());
        const start = new Int32Array(runs.length + 1);
        runs.forEach((r, k) => (start[k + 1] = (start[k] ?? 0) + r.length));
        const cmp = (a: number, b: number) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b;
        sortRuns(list, start, cmp);
        runs.forEach((_, k) => {
          const got = Array.from(list.subarray(start[k], start[k + 1]));
          const want = Array.from(
            { length: (start[k + 1] ?? 0) - (start[k] ?? 0) },
            (_, i) => (start[k] ?? 0) + i,
          ).sort(cmp);
          expect(got).toEqual(want);
        });
      }),
      { numRuns: 300 },
    );
  });
});
