import { describe, expect, it } from 'vitest';
import { buildTree } from '../../model/tree';
import { hotrodTrace } from '../../model/__fixtures__/hotrod';
import type { Trace } from '../../model/types';
import { generateDemoText } from '../../demo/generate';
import { parseTraceText } from '../../api/parse-trace-file';
import { packTrace } from '../../api/worker/pack-trace';
import { packedColumnsOf, unpackTrace } from '../../api/worker/unpack-trace';
import { FIND_SCAN_CHARS, findMatches, matchesInOrder, stepMatch } from './find';

const trace = hotrodTrace();
const { tree } = buildTree(trace);
const hits = (q: string) => {
  const m = findMatches(trace, q);
  return m ? Array.from(matchesInOrder(tree.preorder, m)) : undefined;
};

describe('find', () => {
  it('matches operation, service and span id, case-insensitively', () => {
    expect(hits('')).toBeUndefined();
    expect(hits('getdriver')).toEqual([4, 5]);
    expect(hits('MYSQL')).toEqual([2]);
    expect(hits(trace.spans[6]?.spanId ?? 'x')).toEqual([6]);
  });

  it('matches attribute keys and values, and shared resource attributes', () => {
    const resource = [{ key: 'host.name', value: 'box-7' }];
    const withAttrs = {
      ...trace,
      spans: trace.spans.map((s, i) =>
        i === 2
          ? {
              ...s,
              attributes: [
                { key: 'db.statement', value: 'SELECT * FROM customer' },
                { key: 'n', value: 42 },
              ],
              resource,
            }
          : s,
      ),
    };
    const q = (text: string) => Array.from(findMatches(withAttrs, text) ?? []).flatMap((v, i) => (v ? [i] : []));
    expect(q('db.statement')).toEqual([2]);
    expect(q('from customer')).toEqual([2]);
    expect(q('42')).toEqual([2]);
    expect(q('box-7')).toEqual([2]);
  });

  it('needs every word to match', () => {
    expect(hits('route /route')).toEqual([6, 7]);
    expect(hits('route mysql')).toEqual([]);
  });

  it('steps to the next and previous match in row order, wrapping', () => {
    const ordered = Int32Array.from([2, 4, 5]);
    const rowOf = (s: number) => s;
    expect(stepMatch(ordered, rowOf, 4, 1)).toBe(5);
    expect(stepMatch(ordered, rowOf, 5, 1)).toBe(2);
    expect(stepMatch(ordered, rowOf, 2, -1)).toBe(5);
    expect(stepMatch(ordered, rowOf, 3, 1)).toBe(4);
    expect(stepMatch(ordered, rowOf, -1, 1)).toBe(2);
  });
});

describe('find in huge values', () => {
  it('searches the start of a 5 MB name and a 50 MB value, not all of it', () => {
    const tail = 'needle';
    const name = `${'n'.repeat(FIND_SCAN_CHARS - 10)}HEADNAME${'x'.repeat(5 * 1024 * 1024)}${tail}`;
    const value = `${'v'.repeat(1000)}HeadValue${'y'.repeat(50 * 1024 * 1024)}${tail}`;
    const big = {
      ...trace,
      spans: trace.spans.map((s, i) => (i === 1 ? { ...s, name, attributes: [{ key: 'payload', value }] } : s)),
    };
    const { tree: bigTree } = buildTree(big);
    const order = (q: string) => Array.from(matchesInOrder(bigTree.preorder, findMatches(big, q) ?? new Uint8Array(0)));
    expect(order('headname')).toEqual([1]);
    expect(order('headvalue')).toEqual([1]);
    expect(order(tail)).toEqual([]); // beyond what find scans
    // Lower-casing is bounded by the cap: 30 "keystrokes" over 55 MB of text stay quick.
    const t0 = performance.now();
    for (let k = 0; k < 30; k++) findMatches(big, `head${k}`);
    expect(performance.now() - t0).toBeLessThan(10_000); // quadratic scanning would take minutes
  });
});

describe('find on a trace unpacked from the worker (over its packed columns)', () => {
  const demos = (['hotrod', 'checkout'] as const).map((id) => {
    const [t] = parseTraceText(generateDemoText(id)).traces;
    if (t === undefined) throw new Error(`no ${id} demo trace`);
    return t;
  });

  /** Queries of every kind, some built from the trace's own texts so that they match. */
  function queries(t: Trace): string[] {
    const withAttr = t.spans.find((s) => s.attributes.length > 0);
    const attr = withAttr?.attributes[0];
    const res = t.spans.find((s) => s.resource.length > 0)?.resource[0];
    const value = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));
    const picked = [
      t.spans[1]?.service ?? 'x',
      (t.spans[2]?.name ?? 'x').slice(0, 4),
      t.spans[3]?.spanId ?? 'x',
      attr ? `${attr.key}=${value(attr.value)}` : 'x=y',
      attr ? `${attr.key}!=${value(attr.value)}` : 'x!=y',
      attr ? `-${attr.key}=${value(attr.value)}` : '-x=y',
      res ? `${res.key}=${value(res.value)}` : 'x=y',
      res ? String(res.value).slice(0, 3) : 'x',
      attr ? attr.key.toUpperCase() : 'x',
    ];
    const fixed = [
      'error',
      '-error',
      'duration>5ms',
      'kind=server',
      'status=error',
      '/^[a-h]/i',
      'http',
      '"no such text here"',
    ];
    return [...picked, ...fixed, `${picked[0]} -error`, `${picked[0]} ${fixed[6]}`];
  }

  it.each(demos.map((t, i) => [['hotrod', 'checkout'][i], t] as const))(
    'gives the %s demo the same matches as the span-by-span scan',
    (_, original) => {
      const unpacked = unpackTrace(packTrace(original));
      expect(packedColumnsOf(unpacked)).toBeDefined();
      expect(packedColumnsOf(original)).toBeUndefined();
      let someHit = 0;
      let someMiss = 0;
      for (const q of queries(original)) {
        const want = findMatches(original, q);
        expect(findMatches(unpacked, q), q).toEqual(want);
        const hits = want?.reduce((n, m) => n + m, 0) ?? 0;
        if (hits > 0) someHit++;
        if (hits < original.spans.length) someMiss++;
      }
      // the queries tell spans apart: most match some spans, and most leave some out
      expect(someHit).toBeGreaterThan(10);
      expect(someMiss).toBeGreaterThan(10);
    },
  );
});
