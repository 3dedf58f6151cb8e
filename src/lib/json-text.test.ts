import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonStreamError } from './json-stream';
import { JsonTextParser } from './json-text';

function feedAll(p: JsonTextParser, text: string, cuts: readonly number[]): void {
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    p.feed(text.slice(from, c));
    from = c;
  }
  p.feed(text.slice(from));
}

describe('JsonTextParser', () => {
  it('gives what JSON.parse gives, whole or streamed, however the text is cut', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom(0, 4, 1 << 20),
        (value, rawCuts, wholeTextChars) => {
          const text = JSON.stringify(value);
          const p = new JsonTextParser(wholeTextChars, 8);
          feedAll(
            p,
            text,
            rawCuts.map((c) => c % (text.length + 1)),
          );
          expect(p.end()).toEqual(JSON.parse(text));
          expect(p.documents).toBe(1);
        },
      ),
    );
  });

  it('parses a text that fits whole in one go, and switches to streaming once it outgrows the limit', () => {
    const small = new JsonTextParser(100);
    small.feed('{"a":');
    small.feed('[1,2,3]}');
    expect(small.streaming).toBe(false);
    expect(small.end()).toEqual({ a: [1, 2, 3] });

    const big = new JsonTextParser(10, 4);
    big.feed('{"spans":[{"id":1},');
    expect(big.streaming).toBe(true);
    // Streaming sees a broken text as soon as it arrives, before the end.
    expect(() => big.feed('}')).toThrow(JsonStreamError);
  });

  it('reads JSON Lines either way, one value per document', () => {
    for (const limit of [1000, 3]) {
      const p = new JsonTextParser(limit);
      feedAll(p, '{"a":1}\n{"a":2}\n', [5]);
      expect(p.end()).toEqual([{ a: 1 }, { a: 2 }]);
      expect(p.documents).toBe(2);
    }
  });

  it("throws the streaming parser's typed error for a text that is not JSON, and knows an empty one", () => {
    const p = new JsonTextParser(1000);
    p.feed('{"a": tru');
    p.feed('e, "b": x}');
    expect(() => p.end()).toThrow(JsonStreamError);
    expect(() => new JsonTextParser(1000).end()).toThrow(/Unexpected end of JSON input/);
    const blank = new JsonTextParser(1000);
    blank.feed('  \n ');
    expect(blank.isEmpty).toBe(true);
    expect(() => blank.end()).toThrow(JsonStreamError);
  });
});
