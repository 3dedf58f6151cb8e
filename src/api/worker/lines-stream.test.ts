import { describe, expect, it } from 'vitest';
import { JsonLinesReader, NotJsonLines } from './lines-stream';

/** The text fed in pieces of `size` chars; the documents, or why the reader gave up. */
function read(text: string, size: number, maxLineChars?: number): unknown[] | NotJsonLines {
  const reader = new JsonLinesReader(maxLineChars);
  try {
    for (let i = 0; i < text.length; i += size) reader.feed(text.slice(i, i + size));
    return reader.end();
  } catch (err) {
    if (err instanceof NotJsonLines) return err;
    throw err;
  }
}

const docs = Array.from({ length: 40 }, (_, i) => ({
  resourceSpans: [{ i, name: `line ${i} with \\n, "quotes", ü 🚀 and {"a":[1,2]}` }],
}));

describe('JsonLinesReader', () => {
  it.each([1, 7, 100, 1 << 20])('reads one document a line, fed %i chars at a time', (size) => {
    const text = docs.map((d) => JSON.stringify(d)).join('\n');
    expect(read(text, size)).toStrictEqual(docs);
  });

  it('takes CRLF line ends, blank lines and a final newline', () => {
    const text = `\r\n${docs.map((d) => JSON.stringify(d)).join('\r\n\r\n')}\r\n`;
    expect(read(text, 13)).toStrictEqual(docs);
  });

  it('parses lines while the text arrives, not at the end', () => {
    const reader = new JsonLinesReader();
    reader.feed(`${JSON.stringify(docs[0])}\n${JSON.stringify(docs[1])}\n{"resourceSpans":`);
    expect(reader.documents).toBe(2);
  });

  it('counts the spans of the OTLP lines it has parsed, for progress', () => {
    const line = (spans: number, spelling: 'camel' | 'snake') =>
      JSON.stringify(
        spelling === 'camel'
          ? { resourceSpans: [{ scopeSpans: [{ spans: Array.from({ length: spans }, () => ({})) }, { spans: [{}] }] }] }
          : { resource_spans: [{ scope_spans: [{ spans: Array.from({ length: spans }, () => ({})) }] }] },
      );
    const reader = new JsonLinesReader();
    reader.feed(`${line(3, 'camel')}\n${line(5, 'snake')}\n`);
    expect(reader.spans).toBe(4 + 5);
    reader.feed(`${line(2, 'camel')}\n["not otlp"]\n`);
    expect(reader.spans).toBe(4 + 5 + 3);
  });

  it.each([
    ['one compact document', JSON.stringify(docs[0])],
    ['one document and blank lines', `\n${JSON.stringify(docs[0])}\n\n`],
    ['empty text', ''],
    ['blank lines', ' \n \n'],
    ['pretty-printed JSON', JSON.stringify(docs, null, 2)],
    ['a line that is not JSON', `${JSON.stringify(docs[0])}\nnot json\n${JSON.stringify(docs[1])}`],
    ['a cut last line', `${JSON.stringify(docs[0])}\n${JSON.stringify(docs[1]).slice(0, 20)}`],
  ])('gives up on %s, for another reader', (_, text) => {
    expect(read(text, 5)).toBeInstanceOf(NotJsonLines);
  });

  it('gives up on a line longer than it takes, before the line ends', () => {
    const reader = new JsonLinesReader(100);
    reader.feed('{"a":"');
    expect(() => reader.feed('x'.repeat(200))).toThrow(NotJsonLines);
  });
});
