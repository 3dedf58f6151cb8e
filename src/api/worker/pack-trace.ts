/** Packs a Trace into the columnar PackedTrace (packed-trace.ts) in the worker. */
import type { AttrValue, Attribute, Span, Trace } from '../../model/types';
import {
  ARRAY,
  FALSE,
  KINDS,
  MAP,
  NULL,
  NUM,
  REF_TYPES,
  STATUSES,
  STR,
  TRUE,
  TYPE_INDEX,
  type PackedTrace,
} from './packed-trace';

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

/** The whole trace at once. */
export function packTrace(trace: Trace): PackedTrace {
  const packer = tracePacker();
  for (const sp of trace.spans) packer.add(sp);
  return packer.finish(trace) ?? fail('packTrace: the spans changed while they were packed');
}

function fail(message: string): never {
  throw new Error(message);
}

/** Packs spans as they are added (while a trace arrives), and the trace once it is complete. */
export interface TracePacker {
  add(span: Span): void;
  /**
   * The packed trace, whose spans must be the ones added, in order (undefined when they are
   * not). Start times, event times, services and resources are read here, from the finished
   * spans: streamed adapters set them only once the whole trace is in.
   */
  finish(trace: Trace): PackedTrace | undefined;
}

export function tracePacker(): TracePacker {
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
    if (v !== null && typeof v === 'object')
      return addRow(s(a.key), type, Array.isArray(v) ? ARRAY : MAP, writeCells(v));
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

  const resourceStart = u32();
  const scopeIndex = new Map<NonNullable<Span['scope']>, number>();
  const scopeName = i32();
  const scopeVersion = i32();

  const added: Span[] = [];
  const spanId = i32();
  const parentSpanId = i32();
  const spanTraceId = i32();
  const name = i32();
  const flags = u8();
  const spanDurationUs = f64();
  const statusMessage = i32();
  const scope = i32();
  const attrStart = u32();
  const eventStart = u32();
  const linkStart = u32();
  const warningStart = u32();
  for (const start of [attrStart, eventStart, linkStart, warningStart]) start.push(0);
  const warningList = i32();
  const eventName = i32();
  const eventAttrStart = u32();
  eventAttrStart.push(0);
  const linkTraceId = i32();
  const linkSpanId = i32();
  const linkRefType = u8();
  const linkAttrStart = u32();
  linkAttrStart.push(0);

  const add = (sp: Span): void => {
    added.push(sp);
    spanId.push(s(sp.spanId));
    parentSpanId.push(optS(sp.parentSpanId));
    spanTraceId.push(traceIdIndex(sp.traceId));
    name.push(nameIndex(sp.name));
    flags.push(
      indexOf(KINDS, sp.kind, 'span kind') |
        (indexOf(STATUSES, sp.status.code, 'status code') << 3) |
        (indexOf(REF_TYPES, sp.refType, 'refType') << 5),
    );
    spanDurationUs.push(sp.durationUs);
    statusMessage.push(optS(sp.status.message));

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
    scope.push(c);

    writeList(sp.attributes, attrList);
    attrStart.push(attrList.length);
    for (const e of sp.events) {
      eventName.push(s(e.name));
      writeList(e.attributes, eventAttrList);
      eventAttrStart.push(eventAttrList.length);
    }
    eventStart.push(eventName.length);
    for (const l of sp.links) {
      linkTraceId.push(s(l.traceId));
      linkSpanId.push(s(l.spanId));
      linkRefType.push(l.refType === undefined ? 0 : indexOf(REF_TYPES, l.refType, 'link refType') + 1);
      writeList(l.attributes, linkAttrList);
      linkAttrStart.push(linkAttrList.length);
    }
    linkStart.push(linkSpanId.length);
    for (const w of sp.warnings) warningList.push(s(w));
    warningStart.push(warningList.length);
  };

  let finished = false;
  const finish = (trace: Trace): PackedTrace | undefined => {
    if (finished) throw new Error('tracePacker: finish() called twice');
    const n = trace.spans.length;
    if (n !== added.length) return undefined;
    const service = new Int32Array(n);
    const resource = new Int32Array(n);
    const spanStartUs = new Float64Array(n);
    const eventTimeUs = new Float64Array(eventName.length);
    // resource lists are written once each, in first-use order
    const resources: (readonly Attribute[])[] = [];
    const resourceIndex = new Map<readonly Attribute[], number>();
    let e = 0;
    for (let i = 0; i < n; i++) {
      const sp = trace.spans[i];
      if (sp === undefined || sp !== added[i]) return undefined;
      service[i] = serviceIndex(sp.service);
      spanStartUs[i] = sp.startUs;
      let r = resourceIndex.get(sp.resource);
      if (r === undefined) {
        r = resources.length;
        resources.push(sp.resource);
        resourceIndex.set(sp.resource, r);
      }
      resource[i] = r;
      for (const ev of sp.events) eventTimeUs[e++] = ev.timeUs;
    }
    if (e !== eventTimeUs.length) return undefined;
    finished = true;
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
      spanId: spanId.done(),
      parentSpanId: parentSpanId.done(),
      spanTraceId: spanTraceId.done(),
      name: name.done(),
      service,
      flags: flags.done(),
      spanStartUs,
      spanDurationUs: spanDurationUs.done(),
      statusMessage: statusMessage.done(),
      resource,
      scope: scope.done(),
      attrStart: attrStart.done(),
      eventStart: eventStart.done(),
      linkStart: linkStart.done(),
      warningStart: warningStart.done(),
      warningList: warningList.done(),
      attrList: attrList.done(),
      resourceStart: resourceStart.done(),
      resourceAttrList: resourceAttrList.done(),
      scopeName: scopeName.done(),
      scopeVersion: scopeVersion.done(),
      eventTimeUs,
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
  };
  return { add, finish };
}

/** Packers for the traces of one load, fed span by span (onSpan) while its text arrives. */
export class StreamPacking {
  private readonly packers = new Map<string, TracePacker>();

  readonly onSpan = (span: Span): void => {
    let p = this.packers.get(span.traceId);
    if (p === undefined) this.packers.set(span.traceId, (p = tracePacker()));
    p.add(span);
  };

  /** Forgets what was packed: the text is read again another way. */
  reset(): void {
    this.packers.clear();
  }

  /** The trace packed from what was fed, or packed now when that was not exactly its spans. */
  pack(trace: Trace): PackedTrace {
    const packer = this.packers.get(trace.traceId);
    this.packers.delete(trace.traceId);
    return packer?.finish(trace) ?? packTrace(trace);
  }
}
