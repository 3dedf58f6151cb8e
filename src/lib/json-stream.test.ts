import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonStreamError, JsonStreamParser } from './json-stream';

/** Feeds `text` cut at `cuts` (offsets), then ends. */
function parseChunked(text: string, cuts: readonly number[], smallValueChars?: number): unknown {
  const p = new JsonStreamParser(smallValueChars);
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    p.feed(text.slice(from, c));
    from = c;
  }
  p.feed(text.slice(from));
  return p.end();
}

describe('JsonStreamParser', () => {
  it('gives what JSON.parse gives, however the text is cut and whatever is parsed whole', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom(2, 8, 64, 1 << 20),
        fc.boolean(),
        (value, rawCuts, small, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined);
          const cuts = rawCuts.map((c) => c % (text.length + 1));
          expect(parseChunked(text, cuts, small)).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('walks a big document and hands its small values to JSON.parse, one character at a time too', () => {
    const doc = {
      data: [
        {
          traceID: 'a',
          spans: [
            { spanID: '1', tags: [] },
            { spanID: '2', s: 'x\\"}]' },
          ],
        },
      ],
    };
    const text = JSON.stringify(doc);
    const p = new JsonStreamParser(30);
    for (const ch of text) p.feed(ch);
    expect(p.end()).toEqual(doc);
    expect(p.smallValues).toBeGreaterThanOrEqual(2);
  });

  it('reads a string and a container longer than many chunks, with escapes cut at chunk edges', () => {
    const long = 'a\\"\\\\'.repeat(3000) + 'é🚀';
    const doc = { k: long, arr: [long, { deep: [long] }], tail: 1 };
    const text = JSON.stringify(doc);
    for (const size of [1, 2, 3, 7, 1000]) {
      const p = new JsonStreamParser(size === 1000 ? 50_000 : 64);
      for (let i = 0; i < text.length; i += size) p.feed(text.slice(i, i + size));
      expect(p.end()).toEqual(doc);
    }
  });

  it('keeps "__proto__" as a plain key, as JSON.parse does', () => {
    const text = '{"__proto__": {"polluted": 1}, "big": [1, 2, 3]}';
    const v = parseChunked(text, [5, 17], 2) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__', 'big']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns every document of JSON Lines', () => {
    const p = new JsonStreamParser(4);
    p.feed('{"a": [1, 2]}\n{"b"');
    p.feed(': 3}\n7\n');
    expect(p.end()).toEqual([{ a: [1, 2] }, { b: 3 }, 7]);
    expect(p.documents).toBe(3);
  });

  it.each([
    ['{"a": 1', 7],
    ['[1, 2', 5],
    ['{"a" 1}', 5],
    ['[1,,2]', 3],
    ['{"a": tru}', 6],
    ['', 0],
    ['[1] ]', 4],
  ])('rejects %j with the position of the problem', (text, position) => {
    for (const small of [2, 1 << 20]) {
      // JSON.parse names no position for some errors: exact positions only where this parser walks the text
      const p = new JsonStreamParser(small);
      let err: unknown;
      try {
        p.feed(text);
        p.end();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(JsonStreamError);
      if (small === 2) expect((err as JsonStreamError).position).toBe(position);
    }
  });
});
