/**
 * A string table's index: each string's position, for joining a second table into it. A JS Map
 * took ~1 s to take 600k new span ids on top of 600k (its growth rehashes every entry, and each
 * entry is an object the GC walks); this is open addressing over one Int32Array, with a hash of
 * at most 32 chars of each string (ids differ in their last chars, long values in their first).
 */
const EMPTY_SLOT = -1;

function hashOf(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  const n = s.length;
  const head = n <= 32 ? n : 16;
  for (let i = 0; i < head; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  for (let i = Math.max(head, n - 16); i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class StringIndex {
  private slots: Int32Array;
  private mask: number;

  /** Indexes `strings` (distinct, as a packed table's are); add() appends to that same array. */
  constructor(
    private readonly strings: string[],
    expected = 0,
  ) {
    let size = 16;
    while (size < (strings.length + expected) * 2) size *= 2;
    this.slots = new Int32Array(size).fill(EMPTY_SLOT);
    this.mask = size - 1;
    for (let i = 0; i < strings.length; i++) this.place(hashOf(strings[i] ?? ''), i);
  }

  /** The index of `v`, appended to the table when new. */
  add(v: string): number {
    let slot = hashOf(v) & this.mask;
    for (;;) {
      const at = this.slots[slot] ?? EMPTY_SLOT;
      if (at === EMPTY_SLOT) break;
      if (this.strings[at] === v) return at;
      slot = (slot + 1) & this.mask;
    }
    const index = this.strings.push(v) - 1;
    this.slots[slot] = index;
    if (this.strings.length * 2 > this.slots.length) this.grow();
    return index;
  }

  private place(hash: number, index: number): void {
    let slot = hash & this.mask;
    while ((this.slots[slot] ?? EMPTY_SLOT) !== EMPTY_SLOT) slot = (slot + 1) & this.mask;
    this.slots[slot] = index;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY_SLOT);
    this.mask = this.slots.length - 1;
    for (let i = 0; i < this.strings.length; i++) this.place(hashOf(this.strings[i] ?? ''), i);
  }
}
