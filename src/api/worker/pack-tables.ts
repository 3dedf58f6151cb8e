/**
 * The worker's side of packing (pack-trace.ts): growable typed columns, the string table
 * (each distinct string once) and the attribute table (each distinct primitive attribute once,
 * nested values as pre-order cells). See packed-trace.ts for the layout.
 */
import type { AttrValue, Attribute } from '../../model/types';
import { ARRAY, FALSE, MAP, NULL, NUM, STR, TRUE, TYPE_INDEX } from './packed-trace';

/** Growable typed column: packing does not know the list sizes up front. */
export class Column<A extends Int32Array | Uint32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    private data: A,
    private readonly make: (n: number) => A,
  ) {}

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  /** An exact-size copy, so the transferred buffer carries no slack. */
  done(): A {
    return this.data.slice(0, this.length) as A; // slice() keeps the typed-array class; TS widens it
  }
}

export const i32 = (n = 0) => new Column(new Int32Array(n), (m) => new Int32Array(m));
export const u32 = (n = 0) => new Column(new Uint32Array(n), (m) => new Uint32Array(m));
export const f64 = (n = 0) => new Column(new Float64Array(n), (m) => new Float64Array(m));
export const u8 = (n = 0) => new Column(new Uint8Array(n), (m) => new Uint8Array(m));

/** The string and attribute tables of one packed trace. */
export class PackTables {
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  readonly attrKey = i32();
  readonly attrType = u8();
  readonly attrKind = u8();
  readonly attrValue = f64();
  // Unique primitive attributes: key → per TYPES index → value → row. Map keys tell
  // primitives of different kinds apart ('1' ≠ 1, 'true' ≠ true), so the raw value is the key,
  // and a repeated attribute costs two lookups, not a string-table lookup per field.
  private readonly attrRows = new Map<string, (Map<string | number | boolean | null, number> | undefined)[]>();
  readonly cellKind = u8();
  readonly cellKey = i32();
  readonly cellValue = f64();

  /** The index of a string in the table, added when new. */
  s(v: string): number {
    let i = this.stringIndex.get(v);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(v);
      this.stringIndex.set(v, i);
    }
    return i;
  }

  optS(v: string | undefined): number {
    return v === undefined ? -1 : this.s(v);
  }

  /** s() that remembers its last answer: consecutive spans mostly repeat trace id, service and name. */
  sameAsLast(): (v: string) => number {
    let last: string | undefined;
    let index = -1;
    return (v) => (v === last ? index : ((last = v), (index = this.s(v))));
  }

  /** Each attribute's row, appended to `to`. */
  writeList(list: readonly Attribute[], to: Column<Uint32Array>): void {
    for (const a of list) to.push(this.attrRow(a));
  }

  private attrRow(a: Attribute): number {
    const v = a.value;
    const type = a.type === undefined ? 0 : TYPE_INDEX[a.type];
    if (v !== null && typeof v === 'object')
      return this.addRow(this.s(a.key), type, Array.isArray(v) ? ARRAY : MAP, this.writeCells(v));
    // -0 would collide with 0 in a Map (SameValueZero): keep it as its own row
    if (v === 0 && 1 / v < 0) return this.addRow(this.s(a.key), type, NUM, v);
    let byType = this.attrRows.get(a.key);
    if (byType === undefined) this.attrRows.set(a.key, (byType = []));
    let rows = byType[type];
    if (rows === undefined) byType[type] = rows = new Map();
    let row = rows.get(v);
    if (row === undefined) {
      const [kind, value] = this.primitive(v) ?? [NULL, 0];
      rows.set(v, (row = this.addRow(this.s(a.key), type, kind, value)));
    }
    return row;
  }

  private addRow(key: number, type: number, kind: number, value: number): number {
    const row = this.attrKey.length;
    this.attrKey.push(key);
    this.attrType.push(type);
    this.attrKind.push(kind);
    this.attrValue.push(value);
    return row;
  }

  /** Primitive value → [kind, number]; undefined for arrays and maps. */
  private primitive(v: AttrValue): [number, number] | undefined {
    if (typeof v === 'string') return [STR, this.s(v)];
    if (typeof v === 'number') return [NUM, v];
    if (typeof v === 'boolean') return [v ? TRUE : FALSE, 0];
    if (v === null) return [NULL, 0];
    return undefined; // arrays, maps (and anything the types do not allow)
  }

  /** Pre-order cells of a nested value, with an explicit stack (values come from the wire). */
  private writeCells(root: AttrValue): number {
    const first = this.cellKind.length;
    const stack: [number, AttrValue][] = [[-1, root]];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      const [key, v] = top;
      this.cellKey.push(key);
      if (Array.isArray(v)) {
        const items: readonly AttrValue[] = v;
        this.cellKind.push(ARRAY);
        this.cellValue.push(items.length);
        for (let i = items.length - 1; i >= 0; i--) stack.push([-1, items[i] ?? null]);
      } else if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v);
        this.cellKind.push(MAP);
        this.cellValue.push(entries.length);
        for (let i = entries.length - 1; i >= 0; i--) {
          const e = entries[i];
          if (e !== undefined) stack.push([this.s(e[0]), e[1]]);
        }
      } else {
        const p = this.primitive(v);
        if (p === undefined) throw new Error(`packTrace: attribute value of type ${typeof v}`);
        this.cellKind.push(p[0]);
        this.cellValue.push(p[1]);
      }
    }
    return first;
  }
}
