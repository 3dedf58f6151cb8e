import { describe, expect, it } from 'vitest';
import { StringIndex } from './string-index';

describe('StringIndex', () => {
  it('finds every string of the table and appends new ones once, as a Map would', () => {
    // ids that differ only in the middle (outside the hashed chars), long values, empty and unicode strings
    const long = (i: number) => `${'a'.repeat(20)}${i}${'b'.repeat(20)}`;
    const table = ['', 'ü🚀', ...Array.from({ length: 3000 }, (_, i) => i.toString(16).padStart(16, '0')), long(1)];
    const index = new StringIndex(table, 10);
    const map = new Map(table.map((s, i) => [s, i]));
    const more = ['', 'ü🚀', long(1), long(2), long(3), long(2), '00000000000000ff', 'new', 'new'];
    for (let i = 0; i < 5000; i++) more.push((i * 7).toString(16).padStart(16, '0'));
    for (const s of more) {
      let want = map.get(s);
      if (want === undefined) map.set(s, (want = map.size));
      expect(index.add(s), JSON.stringify(s)).toBe(want);
    }
    expect(table).toEqual([...map.keys()]);
    expect(table.length).toBeGreaterThan(3004); // it grew past its first size
  });
});
