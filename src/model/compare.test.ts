import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeTrace } from './analyze';
import { alignTraces, spansOf, type Alignment, type CompareSide } from './compare';
import { hotrodTrace, HOTROD_SPANS } from './__fixtures__/hotrod';
import { makeTrace, type SpanSpec } from './__fixtures__/make-trace';
import { randomTraceArb } from './__fixtures__/random-trace';
import type { Trace } from './types';

export const sideOf = (trace: Trace): CompareSide => ({ trace, ...analyzeTrace(trace) });
const align = (a: Trace, b: Trace) => alignTraces(sideOf(a), sideOf(b));

/** A readable, order-free dump: one line per node, by path. */
function dump(al: Alignment): string[] {
  const path = (id: number): string => {
    const parts: string[] = [];
    for (let n = al.nodes[id]; n !== undefined; n = al.nodes[n.parent]) parts.push(`${n.service}:${n.operation}`);
    return parts.reverse().join(' > ');
  };
  return al.nodes
    .map(
      (n) =>
        `${path(n.id)} | ${n.a.count}/${n.b.count} ${n.a.totalUs}/${n.b.totalUs} ${n.a.selfUs}/${n.b.selfUs} ${n.a.criticalUs}/${n.b.criticalUs} ${n.key}`,
    )
    .sort();
}

/**
 * Sequential traces: each span's children run one after another (with gaps), some of them
 * asynchronous. Slowing one span then moves everything after it, without reshaping the path.
 */
const sequentialTraceArb = fc
  .array(
    fc.record({
      parent: fc.nat(),
      gap: fc.integer({ min: 0, max: 5 }),
      duration: fc.integer({ min: 1, max: 20 }),
      op: fc.constantFrom('a', 'b', 'c'),
      service: fc.constantFrom('s1', 's2'),
      async: fc.integer({ min: 0, max: 6 }).map((x) => x === 0),
    }),
    { minLength: 1, maxLength: 14 },
  )
  .map((specs) => {
    // Span 0 is the root; span i > 0 hangs under some earlier span.
    const kids: number[][] = specs.map(() => []);
    specs.forEach((s, i) => {
      if (i > 0) kids[s.parent % i]?.push(i);
    });
    const start = new Array<number>(specs.length).fill(0);
    const dur = new Array<number>(specs.length).fill(0);
    // Lay out post-order (iteratively): a span lasts its children plus gaps plus its own.
    const order: number[] = [];
    const stack = [0];
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      order.push(i);
      for (const k of kids[i] ?? []) stack.push(k);
    }
    for (let o = order.length - 1; o >= 0; o--) {
      const i = order[o] ?? 0;
      let t = 0;
      for (const k of kids[i] ?? []) t += (specs[k]?.gap ?? 0) + (dur[k] ?? 0);
      dur[i] = t + (specs[i]?.duration ?? 1);
    }
    for (const i of order) {
      let t = (start[i] ?? 0) + (specs[i]?.gap ?? 0);
      for (const k of kids[i] ?? []) {
        t += specs[k]?.gap ?? 0;
        start[k] = t;
        t += dur[k] ?? 0;
      }
    }
    const spans: SpanSpec[] = specs.map((s, i) => ({
      id: (i + 1).toString(16),
      ...(i > 0 ? { parent: ((s.parent % i) + 1).toString(16) } : {}),
      service: s.service,
      name: s.op,
      start: start[i] ?? 0,
      duration: dur[i] ?? 0,
      ...(i > 0 && s.async ? { refType: 'follows-from' as const } : {}),
    }));
    return spans;
  });

/** Slow span `i` by d: it ends d later, everything after its end moves d later, spans around it grow. */
function slowDown(spans: readonly SpanSpec[], i: number, d: number): SpanSpec[] {
  const target = spans[i];
  if (target === undefined) return [...spans];
  const end = target.start + target.duration;
  return spans.map((s, k) => {
    if (k === i) return { ...s, duration: s.duration + d };
    if (s.start >= end) return { ...s, start: s.start + d };
    if (s.start + s.duration >= end) return { ...s, duration: s.duration + d };
    return s;
  });
}

describe('alignTraces', () => {
  it('folds repeated siblings into one node with a count (the N+1 pattern)', () => {
    const extra: SpanSpec[] = [
      { id: '9', parent: '4', service: 'redis-manual', name: 'GetDriver', start: 540_000, duration: 4000 },
    ];
    const al = align(hotrodTrace(), hotrodTrace(extra));
    const get = al.nodes.filter((n) => n.operation === 'GetDriver');
    expect(get).toHaveLength(1);
    expect(get[0]?.a.count).toBe(2);
    expect(get[0]?.b.count).toBe(3);
    expect(get[0] && spansOf(al, get[0].id, 'b')).toHaveLength(3);
    expect(al.nodes.filter((n) => n.operation === '/route')).toHaveLength(1);
  });

  it('shows spans only in A or only in B as removed or added', () => {
    const withoutMysql = HOTROD_SPANS.filter((s) => s.service !== 'mysql');
    const extra: SpanSpec[] = [{ id: 'a', parent: '7', service: 'cache', name: 'GET', start: 551_000, duration: 500 }];
    const al = align(makeTrace(withoutMysql), makeTrace([...HOTROD_SPANS, ...extra]));
    const mysql = al.nodes.find((n) => n.service === 'mysql');
    const cache = al.nodes.find((n) => n.service === 'cache');
    expect(mysql?.change).toBe('added');
    expect(mysql?.a.count).toBe(0);
    expect(cache?.change).toBe('added');
    const back = align(makeTrace([...HOTROD_SPANS, ...extra]), makeTrace(withoutMysql));
    expect(back.nodes.find((n) => n.service === 'mysql')?.change).toBe('removed');
  });

  it('keeps the same operation under different parents apart', () => {
    const al = align(hotrodTrace(), hotrodTrace());
    const spans = al.nodes.map((n) => `${n.depth} ${n.service}:${n.operation}`);
    expect(spans).toContain('2 mysql:SQL SELECT');
    expect(al.children[al.nodes.length]).toHaveLength(1);
  });

  it('aligns a 100,000-deep chain without recursion', () => {
    const n = 100_000;
    const spans: SpanSpec[] = Array.from({ length: n }, (_, i) => ({
      id: (i + 1).toString(16),
      ...(i > 0 ? { parent: i.toString(16) } : {}),
      service: 's',
      name: 'op',
      start: i,
      duration: 2 * n - 2 * i,
    }));
    const t = makeTrace(spans);
    const al = align(t, t);
    expect(al.nodes).toHaveLength(n);
    expect(al.nodes[n - 1]?.depth).toBe(n - 1);
  });
});

describe('alignTraces properties', () => {
  it('a trace against itself: every delta is zero, every node in both', () => {
    fc.assert(
      fc.property(randomTraceArb, (t) => {
        const al = align(t, t);
        for (const n of al.nodes) {
          expect(n.change).toBe('both');
          expect(n.b).toEqual(n.a);
        }
      }),
    );
  });

  it('counts and times add up to the span totals on each side', () => {
    fc.assert(
      fc.property(randomTraceArb, randomTraceArb, (a, b) => {
        const al = align(a, b);
        for (const [trace, side] of [
          [a, 'a'],
          [b, 'b'],
        ] as const) {
          const { selfTimeUs, criticalUs } = analyzeTrace(trace);
          let count = 0;
          let total = 0;
          let self = 0;
          let critical = 0;
          for (const n of al.nodes) {
            count += n[side].count;
            total += n[side].totalUs;
            self += n[side].selfUs;
            critical += n[side].criticalUs;
          }
          expect(count).toBe(trace.spans.length);
          expect(total).toBe(trace.spans.reduce((s, x) => s + x.durationUs, 0));
          expect(self).toBeCloseTo(
            selfTimeUs.reduce((s, x) => s + x, 0),
            6,
          );
          expect(critical).toBeCloseTo(
            criticalUs.reduce((s, x) => s + x, 0),
            6,
          );
        }
      }),
    );
  });

  it('shuffling the span order gives the same alignment', () => {
    fc.assert(
      fc.property(randomTraceArb, randomTraceArb, fc.infiniteStream(fc.nat()), (a, b, rand) => {
        const shuffle = (t: Trace): Trace => {
          const spans = [...t.spans];
          for (let i = spans.length - 1; i > 0; i--) {
            const j = rand.next().value % (i + 1);
            const x = spans[i];
            const y = spans[j];
            if (x !== undefined && y !== undefined) [spans[i], spans[j]] = [y, x];
          }
          return { ...t, spans };
        };
        // Which span a cycle is broken at, or which of two equal ids is the parent, depends
        // on order by design (tree.ts); the alignment must not add any other dependence.
        // So does the main root when two roots start together and last as long.
        const ambiguous = (t: Trace) => {
          const { warnings, tree } = analyzeTrace(t);
          const roots = tree.roots.map((r) => `${t.spans[r]?.startUs},${t.spans[r]?.durationUs}`);
          return (
            warnings.some((w) => w.kind === 'cycle' || w.kind === 'duplicate-id') ||
            new Set(roots).size !== roots.length
          );
        };
        fc.pre(!ambiguous(a) && !ambiguous(b));
        expect(dump(align(shuffle(a), shuffle(b)))).toEqual(dump(align(a, b)));
      }),
    );
  });

  it('one span slowed by d: its node grows by d in total, and by at most d on the critical path', () => {
    fc.assert(
      fc.property(sequentialTraceArb, fc.nat(), fc.integer({ min: 1, max: 50 }), (spans, pick, d) => {
        const i = pick % spans.length;
        const al = align(makeTrace(spans), makeTrace(slowDown(spans, i, d)));
        const node = al.nodes.find((n) => n.id === al.nodeOfA[i]);
        expect(node).toBeDefined();
        if (node === undefined) return;
        expect(spansOf(al, node.id, 'a')).toContain(i);
        expect(spansOf(al, node.id, 'b')).toContain(i);
        expect(node.b.totalUs - node.a.totalUs).toBe(d);
        const critical = node.b.criticalUs - node.a.criticalUs;
        expect(critical).toBeLessThanOrEqual(d + 1e-9);
        expect(critical).toBeGreaterThanOrEqual(-1e-9);
      }),
    );
  });
});
