import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTrace } from './__fixtures__/make-trace';
import { randomTraceArb } from './__fixtures__/random-trace';
import { buildTree, type SpanKeys } from './tree';
import type { Trace } from './types';

const children = (tree: ReturnType<typeof buildTree>['tree'], i: number): number[] =>
  Array.from(tree.childIndex.subarray(tree.childStart[i], tree.childStart[i + 1]));

describe('buildTree', () => {
  it('links parents, orders children by start (ties: index), computes depth and pre-order', () => {
    const trace = makeTrace([
      { id: 'a', start: 0, duration: 100 },
      { id: 'b', parent: 'a', start: 50, duration: 10 },
      { id: 'c', parent: 'a', start: 10, duration: 10 },
      { id: 'd', parent: 'c', start: 12, duration: 2 },
      { id: 'e', parent: 'a', start: 50, duration: 5 },
    ]);
    const { tree, warnings } = buildTree(trace);
    expect(warnings).toEqual([]);
    expect(Array.from(tree.parent)).toEqual([-1, 0, 0, 2, 0]);
    expect(children(tree, 0)).toEqual([2, 1, 4]);
    expect(Array.from(tree.depth)).toEqual([0, 1, 1, 2, 1]);
    expect(Array.from(tree.preorder)).toEqual([0, 2, 3, 1, 4]);
    expect(tree.roots).toEqual([0]);
    expect(tree.mainRoot).toBe(0);
    expect(tree.maxDepth).toBe(2);
  });

  it('handles an empty trace', () => {
    const { tree, warnings } = buildTree(makeTrace([]));
    expect(tree.mainRoot).toBe(-1);
    expect(tree.roots).toEqual([]);
    expect(tree.preorder.length).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('makes a span with a missing parent a root and names the missing id', () => {
    const trace = makeTrace([
      { id: 'a', start: 0, duration: 10 },
      { id: 'b', parent: 'ff', start: 2, duration: 1, name: 'GET /x', service: 'frontend' },
    ]);
    const { tree, warnings } = buildTree(trace);
    expect(tree.roots).toEqual([0, 1]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'orphan', spanIndex: 1 });
    expect(warnings[0]?.message).toContain('00000000000000ff');
    expect(warnings[0]?.message).toContain('GET /x in frontend');
  });

  it('treats an all-zero parent id as no parent', () => {
    const trace = makeTrace([{ id: 'a', parent: '0', start: 0, duration: 10 }]);
    expect(buildTree(trace).warnings).toEqual([]);
  });

  it('breaks a self-cycle', () => {
    const trace = makeTrace([
      { id: 'a', start: 0, duration: 10 },
      { id: 'b', parent: 'b', start: 1, duration: 1 },
    ]);
    const { tree, warnings } = buildTree(trace);
    expect(tree.parent[1]).toBe(-1);
    expect(tree.roots).toEqual([0, 1]);
    expect(warnings.map((w) => [w.kind, w.spanIndex])).toEqual([['cycle', 1]]);
    expect(warnings[0]?.message).toContain('names itself');
  });

  it('breaks a 2-span cycle at the span that starts first', () => {
    const trace = makeTrace([
      { id: 'a', parent: 'b', start: 5, duration: 10 },
      { id: 'b', parent: 'a', start: 3, duration: 20 },
    ]);
    const { tree, warnings } = buildTree(trace);
    expect(Array.from(tree.parent)).toEqual([1, -1]);
    expect(tree.mainRoot).toBe(1);
    expect(warnings.filter((w) => w.kind === 'cycle')).toHaveLength(1);
    expect(warnings[0]?.spanIndex).toBe(1);
    // The skew from the repaired link is reported too: a starts inside b, ends inside: no skew.
    expect(warnings).toHaveLength(1);
  });

  it('breaks a 3-span cycle hanging off a root chain, ties on start broken by lowest index', () => {
    const trace = makeTrace([
      { id: '1', start: 0, duration: 100 },
      { id: 'a', parent: 'c', start: 10, duration: 5 },
      { id: 'b', parent: 'a', start: 10, duration: 5 },
      { id: 'c', parent: 'b', start: 10, duration: 5 },
      { id: 'd', parent: 'b', start: 11, duration: 1 },
    ]);
    const { tree, warnings } = buildTree(trace);
    expect(Array.from(tree.parent)).toEqual([-1, -1, 1, 2, 2]);
    expect(tree.roots).toEqual([0, 1]);
    const cycles = warnings.filter((w) => w.kind === 'cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.spanIndex).toBe(1);
    expect(cycles[0]?.message).toContain('3 spans');
    expect(Array.from(tree.preorder)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reports two separate cycles separately', () => {
    const trace = makeTrace([
      { id: 'a', parent: 'b', start: 0, duration: 5 },
      { id: 'b', parent: 'a', start: 0, duration: 5 },
      { id: 'c', parent: 'c', start: 1, duration: 1 },
    ]);
    const { warnings } = buildTree(trace);
    expect(warnings.filter((w) => w.kind === 'cycle').map((w) => w.spanIndex)).toEqual([0, 2]);
  });

  it('keeps duplicate ids as separate spans; children attach to the first occurrence', () => {
    const trace = makeTrace([
      { id: 'a', start: 0, duration: 100 },
      { id: 'b', parent: 'a', start: 10, duration: 50 },
      { id: 'b', parent: 'a', start: 20, duration: 10 },
      { id: 'c', parent: 'b', start: 15, duration: 5 },
      { id: 'b', parent: 'a', start: 30, duration: 10 },
    ]);
    const { tree, warnings } = buildTree(trace);
    expect(Array.from(tree.parent)).toEqual([-1, 0, 0, 1, 0]);
    expect(warnings.map((w) => [w.kind, w.spanIndex])).toEqual([
      ['duplicate-id', 2],
      ['duplicate-id', 4],
    ]);
  });

  it('flags a child starting before its parent and one ending after it', () => {
    const trace = makeTrace([
      { id: 'a', start: 1000, duration: 10_000, name: 'GET /', service: 'frontend' },
      { id: 'b', parent: 'a', start: 0, duration: 5000, name: 'GET /x', service: 'frontend' },
      { id: 'c', parent: 'a', start: 9000, duration: 3000, name: 'query', service: 'db' },
      { id: 'd', parent: 'a', start: 500, duration: 20_000 },
    ]);
    const { warnings } = buildTree(trace);
    expect(warnings.map((w) => [w.kind, w.spanIndex])).toEqual([
      ['clock-skew', 1],
      ['clock-skew', 2],
      ['clock-skew', 3],
    ]);
    expect(warnings[0]?.message).toBe(
      'GET /x in frontend starts 1 ms before its parent GET / in frontend; the clocks of the hosts may disagree.',
    );
    expect(warnings[1]?.message).toContain('query in db ends 1 ms after its parent GET / in frontend');
    expect(warnings[2]?.message).toContain('starts 500 µs before');
    expect(warnings[2]?.message).toContain('ends 9.5 ms after it');
  });

  it('does not flag asynchronous children that end after their parent', () => {
    const trace = makeTrace([
      { id: 'a', start: 0, duration: 10, kind: 'producer' },
      { id: 'b', parent: 'a', start: 5, duration: 100, kind: 'consumer' },
      { id: 'c', parent: 'a', start: 5, duration: 100, refType: 'follows-from' },
      { id: 'd', parent: 'a', start: 5, duration: 100, kind: 'client' },
      // A follows-from child that starts before its parent is still skew.
      { id: 'e', parent: 'a', start: -1, duration: 2, refType: 'follows-from' },
    ]);
    const { warnings } = buildTree(trace);
    expect(warnings.map((w) => [w.kind, w.spanIndex])).toEqual([
      ['clock-skew', 3],
      ['clock-skew', 4],
    ]);
  });

  it('turns trace and span warnings into source warnings', () => {
    const trace = makeTrace(
      [
        { id: 'a', start: 0, duration: 10 },
        { id: 'b', parent: 'a', start: 1, duration: 1, name: 'op', service: 's', warnings: ['missing timestamp'] },
      ],
      ['partial trace'],
    );
    const { warnings } = buildTree(trace);
    expect(warnings).toEqual([
      { kind: 'source', message: 'partial trace' },
      { kind: 'source', spanIndex: 1, message: 'op in s: missing timestamp' },
    ]);
  });

  it('chooses the main root by earliest start, then longest, then lowest index', () => {
    const trace = makeTrace([
      { id: 'a', start: 5, duration: 100 },
      { id: 'b', start: 0, duration: 10 },
      { id: 'c', start: 0, duration: 30 },
      { id: 'd', start: 0, duration: 30 },
    ]);
    const { tree } = buildTree(trace);
    expect(tree.roots).toEqual([1, 2, 3, 0]);
    expect(tree.mainRoot).toBe(2);
  });

  it('handles a 100,000-deep chain and a single 100,000-span cycle without recursion', () => {
    const n = 100_000;
    const chain = makeTrace(
      Array.from({ length: n }, (_, i) => ({
        id: i.toString(16),
        ...(i === 0 ? {} : { parent: (i - 1).toString(16) }),
        start: i,
        duration: 2 * n - 2 * i,
      })),
    );
    const { tree } = buildTree(chain);
    expect(tree.maxDepth).toBe(n - 1);
    expect(tree.preorder[n - 1]).toBe(n - 1);

    const loop = makeTrace(
      Array.from({ length: n }, (_, i) => ({
        id: i.toString(16),
        parent: ((i + n - 1) % n).toString(16),
        start: i,
        duration: 1,
      })),
    );
    const res = buildTree(loop);
    expect(res.tree.roots).toEqual([0]);
    expect(res.warnings.filter((w) => w.kind === 'cycle')).toHaveLength(1);
  });

  it('always yields a forest: pre-order visits each span once, parents before children', () => {
    fc.assert(
      fc.property(randomTraceArb, (trace) => {
        const { tree } = buildTree(trace);
        const n = trace.spans.length;
        const seenAt = new Int32Array(n).fill(-1);
        tree.preorder.forEach((span, row) => {
          expect(seenAt[span]).toBe(-1);
          seenAt[span] = row;
        });
        for (let i = 0; i < n; i++) {
          const p = tree.parent[i] ?? -1;
          if (p === -1) {
            expect(tree.depth[i]).toBe(0);
            expect(tree.roots).toContain(i);
          } else {
            expect(tree.depth[i]).toBe((tree.depth[p] ?? 0) + 1);
            expect(seenAt[p] ?? 0).toBeLessThan(seenAt[i] ?? 0);
            expect(children(tree, p)).toContain(i);
          }
          const kids = children(tree, i);
          for (let k = 1; k < kids.length; k++) {
            const a = trace.spans[kids[k - 1] ?? 0]?.startUs ?? 0;
            const b = trace.spans[kids[k] ?? 0]?.startUs ?? 0;
            expect(a < b || (a === b && (kids[k - 1] ?? 0) < (kids[k] ?? 0))).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('buildTree with span keys', () => {
  /** The keys the worker's packer makes: indices into a table of distinct id strings. */
  function keysOf(trace: Trace): SpanKeys {
    const table = new Map<string, number>();
    const key = (s: string | undefined) => {
      if (s === undefined) return -1;
      let k = table.get(s);
      if (k === undefined) table.set(s, (k = table.size));
      return k;
    };
    return {
      id: Int32Array.from(trace.spans, (s) => key(s.spanId)),
      parent: Int32Array.from(trace.spans, (s) => key(s.parentSpanId)),
    };
  }

  it('gives the same tree and warnings as resolving by id text: duplicates, orphans, zero ids, cycles', () => {
    const trace = makeTrace([
      { id: 'a', start: 0, duration: 100 },
      { id: 'b', parent: 'a', start: 10, duration: 20 },
      { id: 'b', parent: 'a', start: 40, duration: 20 },
      { id: 'c', parent: 'b', start: 12, duration: 5 },
      { id: 'd', parent: 'missing', start: 5, duration: 5 },
      { id: 'e', parent: '0000000000000000', start: 6, duration: 5 },
      { id: 'f', parent: 'g', start: 7, duration: 5 },
      { id: 'g', parent: 'f', start: 8, duration: 5 },
    ]);
    const byText = buildTree(trace);
    expect(byText.warnings.map((w) => w.kind).sort()).toEqual(['clock-skew', 'cycle', 'duplicate-id', 'orphan']);
    expect(buildTree(trace, keysOf(trace))).toStrictEqual(byText);
  });

  it('gives the same tree as resolving by id text for random traces', () => {
    fc.assert(
      fc.property(randomTraceArb, (trace) => {
        expect(buildTree(trace, keysOf(trace))).toStrictEqual(buildTree(trace));
      }),
      { numRuns: 200 },
    );
  });

  it('resolves by text when the keys do not fit the trace', () => {
    const trace = makeTrace([
      { id: 'a', start: 0, duration: 10 },
      { id: 'b', parent: 'a', start: 1, duration: 2 },
    ]);
    const wrong = { id: new Int32Array(1), parent: new Int32Array(1) };
    expect(buildTree(trace, wrong)).toStrictEqual(buildTree(trace));
  });
});
