import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTrace } from './__fixtures__/make-trace';
import { randomTraceArb } from './__fixtures__/random-trace';
import type { TraceTree } from './analysis-types';
import { criticalPath, criticalUsPerSpan } from './critical-path';
import { buildTree } from './tree';
import type { Trace } from './types';

type Seg = [span: number, startUs: number, endUs: number];

const asTuples = (segs: ReturnType<typeof criticalPath>): Seg[] => segs.map((s) => [s.span, s.startUs, s.endUs]);

/** Non-empty segments in time order, adjacent pieces of one span merged. */
function normalise(segs: Seg[]): Seg[] {
  const out: Seg[] = [];
  for (const seg of segs.filter(([, s, e]) => e > s).sort((a, b) => a[1] - b[1])) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === seg[0] && last[2] === seg[1]) last[2] = seg[2];
    else out.push([...seg]);
  }
  return out;
}

/**
 * A literal, slow transcription of DESIGN.md "Critical path" (recursion is fine on these
 * tiny traces). Children are found by scanning the parent array, not through the tree's
 * child lists, and every pick rescans all children.
 */
function referenceCriticalPath(trace: Trace, tree: TraceTree): Seg[] {
  const spans = trace.spans;
  const segs: Seg[] = [];
  const root = tree.mainRoot;
  const rootSpan = spans[root];
  if (rootSpan === undefined) return [];
  const visit = (s: number, cs: number, ce: number, cursorIn: number): number => {
    let cursor = cursorIn;
    const sp = spans[s];
    if (sp === undefined) throw new Error('bad span');
    const kids: { c: number; s: number; e: number; id: string }[] = [];
    spans.forEach((child, c) => {
      if (tree.parent[c] !== s) return;
      const async = child.refType === 'follows-from' || (child.kind === 'consumer' && sp.kind === 'producer');
      if (async) return;
      const ks = Math.max(child.startUs, cs);
      const ke = Math.min(child.startUs + child.durationUs, ce);
      if (ks > ke) return;
      kids.push({ c, s: ks, e: ke, id: child.spanId });
    });
    const taken = new Set<number>();
    for (;;) {
      let best: (typeof kids)[number] | undefined;
      for (const k of kids) {
        if (taken.has(k.c) || k.e > cursor) continue;
        const better =
          best === undefined ||
          k.e > best.e ||
          (k.e === best.e &&
            (k.s > best.s || (k.s === best.s && (k.id > best.id || (k.id === best.id && k.c > best.c)))));
        if (better) best = k;
      }
      if (best === undefined) {
        segs.push([s, cs, cursor]);
        return cs;
      }
      taken.add(best.c);
      segs.push([s, best.e, cursor]);
      cursor = visit(best.c, best.s, best.e, best.e);
    }
  };
  const end = rootSpan.startUs + rootSpan.durationUs;
  visit(root, rootSpan.startUs, end, end);
  return normalise(segs);
}

describe('criticalPath', () => {
  it('walks back from the root end through the last-finishing children', () => {
    // root 0..100; a 10..40; b 30..90 (finishes last); c inside b 50..80; d 20..25 after a? no: d overlaps a
    const trace = makeTrace([
      { id: 'r', start: 0, duration: 100 },
      { id: 'a', parent: 'r', start: 10, duration: 30 },
      { id: 'b', parent: 'r', start: 30, duration: 60 },
      { id: 'c', parent: 'b', start: 50, duration: 30 },
      { id: 'd', parent: 'r', start: 0, duration: 5 },
    ]);
    const segs = asTuples(criticalPath(trace, buildTree(trace).tree));
    expect(segs).toEqual([
      [4, 0, 5],
      [0, 5, 30],
      [2, 30, 50],
      [3, 50, 80],
      [2, 80, 90],
      [0, 90, 100],
    ]);
    // a (10..40) ends after the cursor reached b's start (30): it is not on the path.
  });

  it('leaves out async children with their subtrees and clips children to the parent', () => {
    const trace = makeTrace([
      { id: 'r', start: 0, duration: 100, kind: 'producer' },
      { id: 'a', parent: 'r', start: 10, duration: 80, kind: 'consumer' },
      { id: 'b', parent: 'r', start: 20, duration: 70, refType: 'follows-from' },
      { id: 'c', parent: 'r', start: 60, duration: 100 }, // clipped to 60..100
      { id: 'd', parent: 'c', start: 90, duration: 50 }, // clipped to c's clipped 90..100
      { id: 'e', parent: 'r', start: 200, duration: 5 }, // wholly outside: dropped
    ]);
    const segs = asTuples(criticalPath(trace, buildTree(trace).tree));
    expect(segs).toEqual([
      [0, 0, 60],
      [3, 60, 90],
      [4, 90, 100],
    ]);
  });

  it('breaks ties on end by later start, then greater span id', () => {
    const trace = makeTrace([
      { id: 'r', start: 0, duration: 20 },
      { id: 'a', parent: 'r', start: 0, duration: 10 },
      { id: 'b', parent: 'r', start: 5, duration: 5 },
      { id: 'c', parent: 'r', start: 12, duration: 8 },
      { id: 'e', parent: 'r', start: 12, duration: 8 },
    ]);
    const segs = asTuples(criticalPath(trace, buildTree(trace).tree));
    expect(segs).toEqual([
      [0, 0, 5],
      [2, 5, 10],
      [0, 10, 12],
      [4, 12, 20],
    ]);
  });

  it('orders tied span ids by all 16 hex digits, and by text when an id is not hex', () => {
    // Same end and start: the greater id wins. Ids differ in the high half, then only in the low half.
    const ids = ['ffffffff00000001', '0000000200000000', 'fffffffe0000ffff', 'ffffffff00000000'];
    const trace = makeTrace([
      { id: 'r', start: 0, duration: 20 },
      ...ids.map((id) => ({ id, parent: 'r', start: 10, duration: 10 })),
    ]);
    expect(asTuples(criticalPath(trace, buildTree(trace).tree))).toEqual([
      [0, 0, 10],
      [1, 10, 20],
    ]);
    const named = makeTrace([
      { id: 'r', start: 0, duration: 20 },
      { id: 'span-b', parent: 'r', start: 10, duration: 10 },
      { id: 'span-a', parent: 'r', start: 10, duration: 10 },
    ]);
    expect(asTuples(criticalPath(named, buildTree(named).tree))).toEqual([
      [0, 0, 10],
      [1, 10, 20],
    ]);
  });

  it('takes zero-length children once and emits no empty segments', () => {
    const trace = makeTrace([
      { id: 'r', start: 0, duration: 10 },
      { id: 'a', parent: 'r', start: 10, duration: 0 },
      { id: 'b', parent: 'r', start: 10, duration: 0 },
      { id: 'c', parent: 'r', start: 5, duration: 0 },
    ]);
    expect(asTuples(criticalPath(trace, buildTree(trace).tree))).toEqual([[0, 0, 10]]);
  });

  it('is empty for an empty trace and a zero-length root', () => {
    const empty = makeTrace([]);
    expect(criticalPath(empty, buildTree(empty).tree)).toEqual([]);
    const zero = makeTrace([{ id: 'a', start: 0, duration: 0 }]);
    expect(criticalPath(zero, buildTree(zero).tree)).toEqual([]);
  });

  it('matches a literal transcription of the rules on random traces', () => {
    fc.assert(
      fc.property(randomTraceArb, (trace) => {
        const { tree } = buildTree(trace);
        expect(asTuples(criticalPath(trace, tree))).toEqual(referenceCriticalPath(trace, tree));
      }),
      { numRuns: 3000 },
    );
  });

  it('tiles the main root interval exactly, each segment inside its span', () => {
    fc.assert(
      fc.property(randomTraceArb, (trace) => {
        const { tree } = buildTree(trace);
        const segs = criticalPath(trace, tree);
        const root = trace.spans[tree.mainRoot];
        if (root === undefined) throw new Error('no main root');
        let at: number = root.startUs;
        for (const seg of segs) {
          expect(seg.startUs).toBe(at);
          expect(seg.endUs).toBeGreaterThan(seg.startUs);
          const span = trace.spans[seg.span];
          if (span === undefined) throw new Error('bad span');
          expect(seg.startUs).toBeGreaterThanOrEqual(span.startUs);
          expect(seg.endUs).toBeLessThanOrEqual(span.startUs + span.durationUs);
          at = seg.endUs;
        }
        expect(at).toBe(root.startUs + root.durationUs);
        const perSpan = criticalUsPerSpan(trace.spans.length, segs);
        expect(perSpan.reduce((a, b) => a + b, 0)).toBe(root.durationUs);
      }),
      { numRuns: 2000 },
    );
  });
});
