import { describe, expect, it } from 'vitest';
import { formatPair, literalText, parseLogfmt } from './logfmt';

const pairs = (text: string) => {
  const r = parseLogfmt(text);
  if (!r.ok) throw new Error(r.error);
  return r.pairs.map(([k, v]) => [k, v.kind, v.value]);
};

describe('parseLogfmt', () => {
  it('reads bare values with their types', () => {
    expect(pairs('customer_id=123 error=true http.route=/dispatch ratio=0.5 x=-2')).toEqual([
      ['customer_id', 'number', '123'],
      ['error', 'bool', true],
      ['http.route', 'string', '/dispatch'],
      ['ratio', 'number', '0.5'],
      ['x', 'number', '-2'],
    ]);
  });

  it('keeps quoted values strings, with spaces, = and escapes', () => {
    expect(pairs('code="500" msg="a b=c" q="say \\"hi\\"" path="C:\\\\x" empty=""')).toEqual([
      ['code', 'string', '500'],
      ['msg', 'string', 'a b=c'],
      ['q', 'string', 'say "hi"'],
      ['path', 'string', 'C:\\x'],
      ['empty', 'string', ''],
    ]);
  });

  it('accepts extra whitespace and an empty text', () => {
    expect(pairs('  a=1\t\tb=2  ')).toEqual([
      ['a', 'number', '1'],
      ['b', 'number', '2'],
    ]);
    expect(pairs('')).toEqual([]);
  });

  it('keeps a value that contains = after the first one', () =>
    expect(pairs('url=/a?b=c')).toEqual([['url', 'string', '/a?b=c']]));

  it.each([
    ['customer_id', 'has no value'],
    ['=5', 'has no key'],
    ['a="open', 'no closing quote'],
    ['a="x"b=1', 'put a space'],
    ['a=x"y', 'stray quote'],
  ])('explains %s', (text, msg) => {
    const r = parseLogfmt(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(msg);
  });
});

describe('formatPair', () => {
  it('quotes only when needed, and round-trips', () => {
    expect(formatPair('a', 'plain')).toBe('a=plain');
    expect(formatPair('a', 'two words')).toBe('a="two words"');
    expect(formatPair('a', 'say "hi" \\o/')).toBe('a="say \\"hi\\" \\\\o/"');
    expect(formatPair('a', '')).toBe('a=""');
    expect(formatPair('code', '500', true)).toBe('code="500"');
    expect(formatPair('code', '500')).toBe('code=500');
    for (const v of ['x y', 'a"b', 'back\\slash', '=', '500']) {
      const r = parseLogfmt(formatPair('k', v, true));
      expect(r.ok && r.pairs[0] && literalText(r.pairs[0][1])).toBe(v);
    }
  });
});
