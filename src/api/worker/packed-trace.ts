/**
 * A compact, columnar form of a Trace for the worker → page postMessage: the format,
 * shared by pack-trace.ts (in the worker) and unpack-trace.ts (on the page).
 *
 * Why: structured clone of a 100k-span Trace rebuilds every small object and array and
 * copies every string once per occurrence (clone does not keep strings shared), which
 * took ~0.8 s and more than doubled the model's heap on the page. A PackedTrace is one
 * array of unique strings plus typed arrays whose buffers are transferred (zero-copy);
 * `unpackTrace` (unpack-trace.ts) rebuilds the same Trace, with the adapters' object shapes (so V8 gives
 * every span one hidden class), one string per distinct text, resource arrays and scope
 * objects shared as they were, and the shared frozen EMPTY list for every empty list.
 *
 * Layout: string fields are indices into `strings` (-1 = absent). Per-span lists are
 * ranges `xStart[i] .. xStart[i+1]` into a list column. Attribute lists hold indices into
 * an attribute table whose rows are unique (key, type, value) triples: a span attribute
 * that is equal to another one becomes one shared, immutable object on the page. Arrays
 * and maps are written in pre-order into the `cell*` columns and rebuilt with a stack.
 */
import type { AttrType, RefType, SpanKind, StatusCode, TraceFormat } from '../../model/types';

export interface PackedTrace {
  /**
   * Each distinct string once. A plain array rather than one joined string: clone copies
   * each string once either way, and slices of a joined string would keep the whole text
   * alive (and make every slice two-byte if any string is not Latin-1).
   */
  readonly strings: readonly string[];
  readonly traceId: number;
  readonly startUnixUs: number;
  readonly durationUs: number;
  readonly format: TraceFormat;
  readonly warnings: Int32Array;

  // spans, one entry each
  readonly spanId: Int32Array;
  readonly parentSpanId: Int32Array; // -1: no parent
  readonly spanTraceId: Int32Array;
  readonly name: Int32Array;
  readonly service: Int32Array;
  /** KINDS index | STATUS index << 3 | follows-from << 5 */
  readonly flags: Uint8Array;
  readonly spanStartUs: Float64Array;
  readonly spanDurationUs: Float64Array;
  readonly statusMessage: Int32Array; // -1: no message
  readonly resource: Int32Array; // index into resourceStart
  readonly scope: Int32Array; // index into scopeName, -1: no scope
  readonly attrStart: Uint32Array; // n + 1 offsets into attrList
  readonly eventStart: Uint32Array; // n + 1 offsets into event*
  readonly linkStart: Uint32Array; // n + 1 offsets into link*
  readonly warningStart: Uint32Array; // n + 1 offsets into warningList
  readonly warningList: Int32Array;

  /** Span attribute lists, as indices into the attr* table (each owner kind has its own list column, so ranges stay contiguous). */
  readonly attrList: Uint32Array;
  readonly resourceStart: Uint32Array; // resources + 1 offsets into resourceAttrList
  readonly resourceAttrList: Uint32Array;
  readonly scopeName: Int32Array;
  readonly scopeVersion: Int32Array; // -1: no version

  readonly eventTimeUs: Float64Array;
  readonly eventName: Int32Array;
  readonly eventAttrStart: Uint32Array; // events + 1 offsets into eventAttrList
  readonly eventAttrList: Uint32Array;

  readonly linkTraceId: Int32Array;
  readonly linkSpanId: Int32Array;
  readonly linkRefType: Uint8Array; // 0: absent, else REF_TYPES index + 1
  readonly linkAttrStart: Uint32Array; // links + 1 offsets into linkAttrList
  readonly linkAttrList: Uint32Array;

  /** Unique attributes: key, TYPES index (0: absent), value kind, value (number or string index or cell index). */
  readonly attrKey: Int32Array;
  readonly attrType: Uint8Array;
  readonly attrKind: Uint8Array;
  readonly attrValue: Float64Array;

  /** Nested array/map values in pre-order: kind, map entry key (-1 in arrays), value (child count for containers). */
  readonly cellKind: Uint8Array;
  readonly cellKey: Int32Array;
  readonly cellValue: Float64Array;
}

/** Enum tables: a packed byte is the index into these. */
export const KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
export const STATUSES: readonly StatusCode[] = ['unset', 'ok', 'error'];
export const REF_TYPES: readonly RefType[] = ['child-of', 'follows-from'];
export const TYPES: readonly (AttrType | undefined)[] = [
  undefined,
  'string',
  'bool',
  'int',
  'double',
  'bytes',
  'array',
  'map',
];
export const TYPE_INDEX: Readonly<Record<AttrType, number>> = {
  string: 1,
  bool: 2,
  int: 3,
  double: 4,
  bytes: 5,
  array: 6,
  map: 7,
};

// value kinds of the cell columns and the attribute table
export const STR = 0;
export const NUM = 1;
export const TRUE = 2;
export const FALSE = 3;
export const NULL = 4;
export const ARRAY = 5;
export const MAP = 6;

/** Buffers of every typed array in a PackedTrace, for postMessage's transfer list. */
export function transferables(p: PackedTrace): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(p)) {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  }
  return out;
}
