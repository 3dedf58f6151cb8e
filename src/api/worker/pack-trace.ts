/**
 * A compact, columnar form of a Trace for the worker → page postMessage.
 *
 * Why: structured clone of a 100k-span Trace rebuilds every small object and array and
 * copies every string once per occurrence (clone does not keep strings shared), which
 * took ~0.8 s and more than doubled the model's heap on the page. A PackedTrace is one
 * array of unique strings plus typed arrays whose buffers are transferred (zero-copy);
 * `unpackTrace` rebuilds the same Trace, with the adapters' object shapes (so V8 gives
 * every span one hidden class), one string per distinct text, resource arrays and scope
 * objects shared as they were, and the shared frozen EMPTY list for every empty list.
 *
 * Layout: string fields are indices into `strings` (-1 = absent). Per-span lists are
 * ranges `xStart[i] .. xStart[i+1]` into a list column. Attribute lists hold indices into
 * an attribute table whose rows are unique (key, type, value) triples: a span attribute
 * that is equal to another one becomes one shared, immutable object on the page. Arrays
 * and maps are written in pre-order into the `cell*` columns and rebuilt with a stack.
 */
import type { Attribute, AttrType, AttrValue, RefType, Span, SpanEvent, SpanId, SpanKind, SpanLink, StatusCode, Trace, TraceFormat, TraceId } from '../../model/types';
import { toMicros } from '../../model/types';
import { EMPTY, statusOf } from '../adapter-common';

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

const KINDS: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUSES: readonly StatusCode[] = ['unset', 'ok', 'error'];
const REF_TYPES: readonly RefType[] = ['child-of', 'follows-from'];
const TYPES: readonly (AttrType | undefined)[] = [undefined, 'string', 'bool', 'int', 'double', 'bytes', 'array', 'map'];
const TYPE_INDEX: Readonly<Record<AttrType, number>> = { string: 1, bool: 2, int: 3, double: 4, bytes: 5, array: 6, map: 7 };

// value kinds
const STR = 0;
const NUM = 1;
const TRUE = 2;
const FALSE = 3;
const NULL = 4;
const ARRAY = 5;
const MAP = 6;

/** Growable typed column: packing does not know the list sizes up front. */
class Column<A extends Int32Array | Uint32Array | Float64Array | Uint8Array> {
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

const i32 = (n = 0) => new Column(new Int32Array(n), (m) => new Int32Array(m));
const u32 = (n = 0) => new Column(new Uint32Array(n), (m) => new Uint32Array(m));
const f64 = (n = 0) => new Column(new Float64Array(n), (m) => new Float64Array(m));
const u8 = (n = 0) => new Column(new Uint8Array(n), (m) => new Uint8Array(m));

function indexOf<T>(table: readonly T[], v: T, what: string): number {
  const i = table.indexOf(v);
  if (i < 0) throw new Error(`packTrace: unknown ${what} ${JSON.stringify(v)}`);
  return i;
}

export function packTrace(trace: Trace): PackedTrace {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const s = (v: string): number => {
    let i = stringIndex.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      stringIndex.set(v, i);
    }
    return i;
  };
  const optS = (v: string | undefined): number => (v === undefined ? -1 : s(v));
  /** s() that remembers its last answer: consecutive spans mostly repeat trace id, service and name. */
  const sameAsLast = (): ((v: string) => number) => {
    let last: string | undefined;
    let index = -1;
    return (v) => (v === last ? index : ((last = v), (index = s(v))));
  };
  const traceIdIndex = sameAsLast();
  const serviceIndex = sameAsLast();
  const nameIndex = sameAsLast();

  const attrKey = i32();
  const attrType = u8();
  const attrKind = u8();
  const attrValue = f64();
  // Unique primitive attributes: key → per TYPES index → value → row. Map keys tell
  // primitives of different kinds apart ('1' ≠ 1, 'true' ≠ true), so the raw value is the key,
  // and a repeated attribute costs two lookups, not a string-table lookup per field.
  const attrRows = new Map<string, (Map<string | number | boolean | null, number> | undefined)[]>();
  const cellKind = u8();
  const cellKey = i32();
  const cellValue = f64();
  const attrList = u32();
  const eventAttrList = u32();
  const linkAttrList = u32();
  const resourceAttrList = u32();

  const addRow = (key: number, type: number, kind: number, value: number): number => {
    const row = attrKey.length;
    attrKey.push(key);
    attrType.push(type);
    attrKind.push(kind);
    attrValue.push(value);
    return row;
  };
  /** Primitive value → [kind, number]; undefined for arrays and maps. */
  const primitive = (v: AttrValue): [number, number] | undefined => {
    if (typeof v === 'string') return [STR, s(v)];
    if (typeof v === 'number') return [NUM, v];
    if (typeof v === 'boolean') return [v ? TRUE : FALSE, 0];
    if (v === null) return [NULL, 0];
    return undefined; // arrays, maps (and anything the types do not allow)
  };
  /** Pre-order cells of a nested value, with an explicit stack (values come from the wire). */
  const writeCells = (root: AttrValue): number => {
    const first = cellKind.length;
    const stack: [number, AttrValue][] = [[-1, root]];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      const [key, v] = top;
      cellKey.push(key);
      if (Array.isArray(v)) {
        const items: readonly AttrValue[] = v;
        cellKind.push(ARRAY);
        cellValue.push(items.length);
        for (let i = items.length - 1; i >= 0; i--) stack.push([-1, items[i] ?? null]);
      } else if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v);
        cellKind.push(MAP);
        cellValue.push(entries.length);
        for (let i = entries.length - 1; i >= 0; i--) {
          const e = entries[i];
          if (e !== undefined) stack.push([s(e[0]), e[1]]);
        }
      } else {
        const p = primitive(v);
        if (p === undefined) throw new Error(`packTrace: attribute value of type ${typeof v}`);
        cellKind.push(p[0]);
        cellValue.push(p[1]);
      }
    }
    return first;
  };
  const attrRow = (a: Attribute): number => {
    const v = a.value;
    const type = a.type === undefined ? 0 : TYPE_INDEX[a.type];
    if (v !== null && typeof v === 'object') return addRow(s(a.key), type, Array.isArray(v) ? ARRAY : MAP, writeCells(v));
    // -0 would collide with 0 in a Map (SameValueZero): keep it as its own row
    if (v === 0 && 1 / v < 0) return addRow(s(a.key), type, NUM, v);
    let byType = attrRows.get(a.key);
    if (byType === undefined) attrRows.set(a.key, (byType = []));
    let rows = byType[type];
    if (rows === undefined) byType[type] = rows = new Map();
    let row = rows.get(v);
    if (row === undefined) {
      const [kind, value] = primitive(v) ?? [NULL, 0];
      rows.set(v, (row = addRow(s(a.key), type, kind, value)));
    }
    return row;
  };
  const writeList = (list: readonly Attribute[], to: Column<Uint32Array>): void => {
    for (const a of list) to.push(attrRow(a));
  };

  const resourceIndex = new Map<readonly Attribute[], number>();
  const resourceStart = u32();
  const scopeIndex = new Map<NonNullable<Span['scope']>, number>();
  const scopeName = i32();
  const scopeVersion = i32();

  const n = trace.spans.length;
  const spanId = new Int32Array(n);
  const parentSpanId = new Int32Array(n);
  const spanTraceId = new Int32Array(n);
  const name = new Int32Array(n);
  const service = new Int32Array(n);
  const flags = new Uint8Array(n);
  const spanStartUs = new Float64Array(n);
  const spanDurationUs = new Float64Array(n);
  const statusMessage = new Int32Array(n);
  const resource = new Int32Array(n);
  const scope = new Int32Array(n);
  const attrStart = new Uint32Array(n + 1);
  const eventStart = new Uint32Array(n + 1);
  const linkStart = new Uint32Array(n + 1);
  const warningStart = new Uint32Array(n + 1);
  const warningList = i32();
  const eventTimeUs = f64();
  const eventName = i32();
  const eventAttrStart = u32();
  eventAttrStart.push(0);
  const linkTraceId = i32();
  const linkSpanId = i32();
  const linkRefType = u8();
  const linkAttrStart = u32();
  linkAttrStart.push(0);
  // resource lists are written once each, in first-use order
  const resources: (readonly Attribute[])[] = [];

  for (let i = 0; i < n; i++) {
    const sp = trace.spans[i];
    if (sp === undefined) throw new Error(`packTrace: span ${i} is missing`);
    spanId[i] = s(sp.spanId);
    parentSpanId[i] = optS(sp.parentSpanId);
    spanTraceId[i] = traceIdIndex(sp.traceId);
    name[i] = nameIndex(sp.name);
    service[i] = serviceIndex(sp.service);
    flags[i] = indexOf(KINDS, sp.kind, 'span kind') | (indexOf(STATUSES, sp.status.code, 'status code') << 3) | (indexOf(REF_TYPES, sp.refType, 'refType') << 5);
    spanStartUs[i] = sp.startUs;
    spanDurationUs[i] = sp.durationUs;
    statusMessage[i] = optS(sp.status.message);

    let r = resourceIndex.get(sp.resource);
    if (r === undefined) {
      r = resources.length;
      resources.push(sp.resource);
      resourceIndex.set(sp.resource, r);
    }
    resource[i] = r;

    const sc = sp.scope;
    let c = -1;
    if (sc !== undefined) {
      c = scopeIndex.get(sc) ?? -1;
      if (c < 0) {
        c = scopeName.length;
        scopeName.push(s(sc.name));
        scopeVersion.push(optS(sc.version));
        scopeIndex.set(sc, c);
      }
    }
    scope[i] = c;

    writeList(sp.attributes, attrList);
    attrStart[i + 1] = attrList.length;
    for (const e of sp.events) {
      eventTimeUs.push(e.timeUs);
      eventName.push(s(e.name));
      writeList(e.attributes, eventAttrList);
      eventAttrStart.push(eventAttrList.length);
    }
    eventStart[i + 1] = eventName.length;
    for (const l of sp.links) {
      linkTraceId.push(s(l.traceId));
      linkSpanId.push(s(l.spanId));
      linkRefType.push(l.refType === undefined ? 0 : indexOf(REF_TYPES, l.refType, 'link refType') + 1);
      writeList(l.attributes, linkAttrList);
      linkAttrStart.push(linkAttrList.length);
    }
    linkStart[i + 1] = linkSpanId.length;
    for (const w of sp.warnings) warningList.push(s(w));
    warningStart[i + 1] = warningList.length;
  }
  resourceStart.push(0);
  for (const list of resources) {
    writeList(list, resourceAttrList);
    resourceStart.push(resourceAttrList.length);
  }

  return {
    strings,
    traceId: s(trace.traceId),
    startUnixUs: trace.startUnixUs,
    durationUs: trace.durationUs,
    format: trace.format,
    warnings: Int32Array.from(trace.warnings, s),
    spanId,
    parentSpanId,
    spanTraceId,
    name,
    service,
    flags,
    spanStartUs,
    spanDurationUs,
    statusMessage,
    resource,
    scope,
    attrStart,
    eventStart,
    linkStart,
    warningStart,
    warningList: warningList.done(),
    attrList: attrList.done(),
    resourceStart: resourceStart.done(),
    resourceAttrList: resourceAttrList.done(),
    scopeName: scopeName.done(),
    scopeVersion: scopeVersion.done(),
    eventTimeUs: eventTimeUs.done(),
    eventName: eventName.done(),
    eventAttrStart: eventAttrStart.done(),
    eventAttrList: eventAttrList.done(),
    linkTraceId: linkTraceId.done(),
    linkSpanId: linkSpanId.done(),
    linkRefType: linkRefType.done(),
    linkAttrStart: linkAttrStart.done(),
    linkAttrList: linkAttrList.done(),
    attrKey: attrKey.done(),
    attrType: attrType.done(),
    attrKind: attrKind.done(),
    attrValue: attrValue.done(),
    cellKind: cellKind.done(),
    cellKey: cellKey.done(),
    cellValue: cellValue.done(),
  };
}

/** Buffers of every typed array in a PackedTrace, for postMessage's transfer list. */
export function transferables(p: PackedTrace): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of Object.values(p)) {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  }
  return out;
}

interface OpenContainer {
  readonly kind: number;
  readonly key: number; // its key in the enclosing map, -1 in an array or at the top
  remaining: number;
  readonly items: AttrValue[];
  readonly keys: string[];
}

/** Rebuilds the nested value written at `first` by writeCells, with an explicit stack. */
function readCells(p: PackedTrace, first: number): AttrValue {
  const { strings, cellKind, cellKey, cellValue } = p;
  const stack: OpenContainer[] = [];
  for (let i = first; i < cellKind.length; i++) {
    const kind = cellKind[i] ?? NULL;
    let key = cellKey[i] ?? -1;
    const raw = cellValue[i] ?? 0;
    let v: AttrValue | undefined;
    if (kind === ARRAY || kind === MAP) stack.push({ kind, key, remaining: raw, items: [], keys: [] });
    else v = primitiveOf(strings, kind, raw);
    // Attach the finished value to its container; containers that become full finish too.
    for (;;) {
      const top = stack[stack.length - 1];
      if (v !== undefined) {
        if (top === undefined) return v;
        top.items.push(v);
        if (top.kind === MAP) top.keys.push(strings[key] ?? '');
        top.remaining--;
        v = undefined;
      } else if (top !== undefined && top.remaining === 0) {
        stack.pop();
        key = top.key;
        // fromEntries defines own properties (a "__proto__" key stays data), as the OTLP adapter does
        v = top.kind === ARRAY ? top.items : Object.fromEntries(top.keys.map((k, j): [string, AttrValue] => [k, top.items[j] ?? null]));
      } else break;
    }
  }
  throw new Error('unpackTrace: truncated nested attribute value');
}

function primitiveOf(strings: readonly string[], kind: number, raw: number): AttrValue {
  switch (kind) {
    case STR:
      return strings[raw] ?? '';
    case NUM:
      return raw;
    case TRUE:
      return true;
    case FALSE:
      return false;
    default:
      return null;
  }
}

/** items[from .. to) as an exact-size array, or the shared EMPTY list. */
function slice<T>(items: T[], from: number | undefined, to: number | undefined): readonly T[] {
  return from === undefined || to === undefined || from === to ? EMPTY : items.slice(from, to);
}

export function unpackTrace(p: PackedTrace): Trace {
  const { strings } = p;
  const str = (i: number | undefined): string => (i === undefined ? '' : (strings[i] ?? ''));
  const optStr = (i: number | undefined): string | undefined => (i === undefined || i < 0 ? undefined : strings[i]);

  // One object per unique attribute, in the adapters' two shapes.
  const rows = p.attrKey.length;
  const attrs: Attribute[] = new Array<Attribute>(rows);
  for (let r = 0; r < rows; r++) {
    const key = str(p.attrKey[r]);
    const kind = p.attrKind[r] ?? NULL;
    const raw = p.attrValue[r] ?? 0;
    const value = kind === ARRAY || kind === MAP ? readCells(p, raw) : primitiveOf(strings, kind, raw);
    const type = TYPES[p.attrType[r] ?? 0];
    attrs[r] = type === undefined ? { key, value } : { key, value, type };
  }
  // Every list as a slice of one big array: exact-size, packed arrays, built by memcpy.
  const listOf = (column: Uint32Array) => {
    const listed: Attribute[] = Array.from(column, (r) => attrs[r] ?? { key: '', value: null });
    return (from: number | undefined, to: number | undefined): readonly Attribute[] => slice(listed, from, to);
  };
  const list = listOf(p.attrList);

  const resources: (readonly Attribute[])[] = [];
  const resourceList = listOf(p.resourceAttrList);
  for (let r = 0; r + 1 < p.resourceStart.length; r++) resources.push(resourceList(p.resourceStart[r], p.resourceStart[r + 1]));
  const scopes: NonNullable<Span['scope']>[] = [];
  for (let c = 0; c < p.scopeName.length; c++) {
    const name = str(p.scopeName[c]);
    const version = optStr(p.scopeVersion[c]);
    scopes.push(version === undefined ? { name } : { name, version });
  }

  const events: SpanEvent[] = [];
  const eventList = listOf(p.eventAttrList);
  for (let e = 0; e < p.eventName.length; e++) {
    events.push({ timeUs: toMicros(p.eventTimeUs[e] ?? 0), name: str(p.eventName[e]), attributes: eventList(p.eventAttrStart[e], p.eventAttrStart[e + 1]) });
  }
  const links: SpanLink[] = [];
  const linkList = listOf(p.linkAttrList);
  for (let l = 0; l < p.linkSpanId.length; l++) {
    const traceId = str(p.linkTraceId[l]) as TraceId; // packed from a TraceId
    const spanId = str(p.linkSpanId[l]) as SpanId; // packed from a SpanId
    const attributes = linkList(p.linkAttrStart[l], p.linkAttrStart[l + 1]);
    const refType = REF_TYPES[(p.linkRefType[l] ?? 0) - 1];
    links.push(refType === undefined ? { traceId, spanId, attributes } : { traceId, spanId, refType, attributes });
  }
  const warnings = Array.from(p.warningList, str);

  const n = p.spanId.length;
  const spans: Span[] = [];
  for (let i = 0; i < n; i++) {
    const flags = p.flags[i] ?? 0;
    const message = optStr(p.statusMessage[i]);
    const code = STATUSES[(flags >> 3) & 3] ?? 'unset';
    const scope = p.scope[i] ?? -1;
    // Same property order as the adapters' span literals: one hidden class for all spans.
    spans.push({
      spanId: str(p.spanId[i]) as SpanId, // packed from a SpanId
      parentSpanId: optStr(p.parentSpanId[i]) as SpanId | undefined, // packed from a SpanId
      refType: REF_TYPES[(flags >> 5) & 1] ?? 'child-of',
      traceId: str(p.spanTraceId[i]) as TraceId, // packed from a TraceId
      name: str(p.name[i]),
      service: str(p.service[i]),
      kind: KINDS[flags & 7] ?? 'unspecified',
      startUs: toMicros(p.spanStartUs[i] ?? 0),
      durationUs: toMicros(p.spanDurationUs[i] ?? 0),
      status: message === undefined ? statusOf(code) : { code, message },
      attributes: list(p.attrStart[i], p.attrStart[i + 1]),
      resource: resources[p.resource[i] ?? 0] ?? EMPTY,
      scope: scope < 0 ? undefined : scopes[scope],
      events: slice(events, p.eventStart[i], p.eventStart[i + 1]),
      links: slice(links, p.linkStart[i], p.linkStart[i + 1]),
      warnings: slice(warnings, p.warningStart[i], p.warningStart[i + 1]),
    });
  }
  return {
    traceId: str(p.traceId) as TraceId, // packed from a TraceId
    startUnixUs: p.startUnixUs,
    durationUs: toMicros(p.durationUs),
    spans,
    warnings: p.warnings.length === 0 ? EMPTY : Array.from(p.warnings, str),
    format: p.format,
  };
}
