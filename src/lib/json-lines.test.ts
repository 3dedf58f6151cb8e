import { describe, expect, it } from 'vitest';
import { jsonLines, jsonLineText } from './json-lines';

/** The indexed lines, indented two spaces a level, as text. */
function render(text: string): string {
  const lines = jsonLines(text);
  const out: string[] = [];
  for (let k = 0; k < lines.count; k++)
    out.push('  '.repeat(lines.depth[k] ?? 0) + jsonLineText(text, lines, k, 1000).text);
  return out.join('\n');
}

describe('jsonLines', () => {
  it('lays minified JSON out one member a line, nested by depth', () => {
    const doc = { data: [{ traceID: 'abc', spans: [{ a: 1, b: 'x' }], empty: {}, none: [] }], total: 1 };
    expect(render(JSON.stringify(doc))).toBe(JSON.stringify(doc, null, 2).replace(/": /g, '":'));
  });

  it('gives the same lines for a text that came pretty-printed', () => {
    const doc = { a: [1, 2, { b: null }], c: { d: true } };
    expect(render(JSON.stringify(doc, null, 2))).toBe(JSON.stringify(doc, null, 2));
  });

  it('ignores braces, commas and escaped quotes inside strings', () => {
    const doc = { 'k{,': 'v}],"\\', n: [' [ ', '{'] };
    expect(render(JSON.stringify(doc))).toBe(JSON.stringify(doc, null, 2).replace(/": /g, '":'));
  });

  it('clips a very long line and says how much is left', () => {
    const text = JSON.stringify({ v: 'x'.repeat(5000) });
    const lines = jsonLines(text);
    expect(lines.count).toBe(3);
    const clipped = jsonLineText(text, lines, 1, 100);
    expect(clipped.text).toHaveLength(100);
    expect(clipped.more).toBe(5006 - 100);
  });

  it('indexes 200k array items without recursion or copies', () => {
    const text = JSON.stringify({ items: Array.from({ length: 200_000 }, (_, i) => ({ i })) });
    const lines = jsonLines(text);
    expect(lines.count).toBe(200_000 * 3 + 4);
    expect(jsonLineText(text, lines, lines.count - 3, 100).text).toBe('}');
  });
});
