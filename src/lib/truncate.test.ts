import { describe, expect, it } from 'vitest';
import {
  clipLabel,
  clipText,
  DETAIL_CHARS,
  expandedLength,
  EXPAND_STEP_CHARS,
  LABEL_CHARS,
  moreCharacters,
} from './truncate';

describe('clipText / clipLabel', () => {
  it('leaves short text alone', () => {
    expect(clipText('GET /x', 10)).toEqual({ shown: 'GET /x', hiddenChars: 0 });
    expect(clipLabel('GET /x')).toBe('GET /x');
    expect(clipLabel('x'.repeat(LABEL_CHARS))).toBe('x'.repeat(LABEL_CHARS));
  });

  it('keeps the start of a long text and counts what is left out', () => {
    const five = 'a'.repeat(5 * 1024 * 1024);
    const c = clipText(five, DETAIL_CHARS);
    expect(c.shown.length).toBe(DETAIL_CHARS);
    expect(c.hiddenChars).toBe(five.length - DETAIL_CHARS);
    const label = clipLabel(five);
    expect(label).toBe(`${'a'.repeat(LABEL_CHARS)}… (5,242,580 more characters)`);
    expect(moreCharacters(1)).toBe('… (1 more character)');
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(10)}`; // the emoji is chars 9–10
    const c = clipText(text, 10);
    expect(c.shown).toBe('a'.repeat(9));
    expect(c.hiddenChars).toBe(text.length - 9);
  });

  it('expands in bounded steps up to the whole text', () => {
    const total = 300 * 1024 * 1024;
    expect(expandedLength(DETAIL_CHARS, total)).toBe(DETAIL_CHARS + EXPAND_STEP_CHARS);
    expect(expandedLength(total - 10, total)).toBe(total);
  });
});
