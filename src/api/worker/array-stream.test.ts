import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArrayStreamReader, NotFastArray } from './array-stream';

const ZIPKIN = resolve(import.meta.dirname, '../../../../shared/fixtures/zipkin');

/** The text fed in pieces of `size` chars, parsed in batches of `batch`; the items, or why the reader gave up. */
function stream(text: string, size: number, batch: number): { items: unknown[]; read: number } | NotFastArray {
  const reader = new ArrayStreamReader(batch);
  let read = 0;
  try {
    for (let i = 0; i < text.length; i += size) {
      reader.feed(text.slice(i, i + size));
      read = Math.max(read, reader.spans);
    }
    return { items: reader.end(), read };
  } catch (err) {
    if (err instanceof NotFastArray) return err;
    throw err;
  }
}

/** Zipkin spans with strings that look like the cut, nested arrays of objects and unicode. */
function spans(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) => ({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    id: (i + 1).toString(16).padStart(16, '0'),
    ...(i > 0 ? { parentId: '0000000000000001' } : {}),
    name: i % 3 === 0 ? 'say },{"traceId": and ]} out loud \\' : `op ${i} — ünïcödé 🚀`,
    timestamp: 1_700_000_000_000_000 + i,
    duration: 10 * (n - i),
    localEndpoint: { serviceName: `svc-${i % 4}` },
    annotations: [
      { timestamp: 1, value: 'cs' },
      { timestamp: 2, value: 'cr' },
    ],
    tags: { 'http.path': '/a},{"traceId":"x"}' },
  }));
}

describe('ArrayStreamReader', () => {
  const text = JSON.stringify(spans(2000));

  it.each([
    [1, 800],
    [7, 1000],
    [4096, 10_000],
    [65_536, 50_000],
  ])('reads an array fed %i chars at a time in %i-char batches into what JSON.parse gives', (size, batch) => {
    const out = stream(text, size, batch);
    if (out instanceof NotFastArray) throw out;
    expect(out.items).toHaveLength(2000);
    expect(out.items).toStrictEqual(JSON.parse(text));
    // items are parsed while the text arrives, not only at the end
    expect(out.read).toBeGreaterThan(1000);
  });

  it('reads every Zipkin fixture into what JSON.parse gives, compact or as it is written', () => {
    const files = readdirSync(ZIPKIN).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const written = readFileSync(resolve(ZIPKIN, f), 'utf8');
      const json = JSON.parse(written) as unknown;
      const compact = JSON.stringify(json);
      const out = stream(compact, 333, 2000);
      if (out instanceof NotFastArray) throw out;
      expect(out.items, f).toStrictEqual(json);
      // pretty-printed text has no compact cut: read whole at the end, or given up on for the general way
      const pretty = stream(written, 333, 2000);
      if (!(pretty instanceof NotFastArray)) expect(pretty.items, f).toStrictEqual(json);
    }
  });

  it('reads an empty array and a short one that never fills a batch', () => {
    expect(stream('[]', 1, 8)).toEqual({ items: [], read: 0 });
    expect(stream(' \n[{"a":1},{"a":2}]', 3, 1 << 20)).toEqual({ items: [{ a: 1 }, { a: 2 }], read: 0 });
  });

  it.each([
    ['an object', '{"data":[{"a":1}]}'],
    ['empty text', '   '],
    ['a truncated array', text.slice(0, text.length - 20)],
    ['text after the array', `${text} x`],
    ['pretty-printed items', JSON.stringify(spans(300), null, 2)],
    ['an array of arrays', JSON.stringify(spans(300).map((s) => [s]))],
  ])('gives up on %s, for the general reader to word', (_, bad) => {
    expect(stream(bad, 500, 2000)).toBeInstanceOf(NotFastArray);
  });

  it('gives up within two batches on an array of Jaeger traces, whose spans start with the same key', () => {
    const trace = { traceID: 'a', spans: spans(300).map((s) => ({ traceID: 'a', spanID: 'b', span: s })) };
    const text = JSON.stringify([trace, trace]);
    const reader = new ArrayStreamReader(2000);
    let fed = 0;
    expect(() => {
      for (; fed < text.length; fed += 500) reader.feed(text.slice(fed, fed + 500));
    }).toThrow(NotFastArray);
    expect(fed).toBeLessThan(3 * 2000 + 500);
  });

  it('gives up, rather than keep everything, when no item boundary parses for many batches', () => {
    // one item far longer than a batch: its inner objects start with the same key, but no cut parses
    const big = JSON.stringify([{ traceId: 'a', list: spans(400) }, ...spans(3)]);
    expect(stream(big, 1000, 2000)).toBeInstanceOf(NotFastArray);
    // with batches that hold it, the same text reads right
    const out = stream(big, 1000, big.length);
    if (out instanceof NotFastArray) throw out;
    expect(out.items).toStrictEqual(JSON.parse(big));
  });
});
