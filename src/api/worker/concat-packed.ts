/**
 * Two packed parts of one trace made one PackedTrace (packed-trace.ts), as if its spans had been
 * packed by one packer: `a`'s spans, then `b`'s. Used when two workers read a big file's two
 * halves (split-file.ts). Each part has its own string table: `b`'s strings are looked up in
 * `a`'s, so one text keeps one index (span ids must, for parents across the cut). `b`'s
 * attribute rows, cells, resources and scopes are appended, their indices moved past `a`'s.
 * Both parts' times count from the same start.
 */
import type { PackedTrace } from './packed-trace';
import { ARRAY, MAP, STR } from './packed-trace';
import { StringIndex } from './string-index';

type Typed = Int32Array | Uint32Array | Float64Array | Uint8Array;

/** `a` then `b`, each value of `b` passed through `map` (identity when absent). */
function join<T extends Typed>(a: T, b: T, make: (n: number) => T, map?: (v: number) => number): T {
  const out = make(a.length + b.length);
  out.set(a);
  if (map === undefined) out.set(b, a.length);
  else for (let i = 0; i < b.length; i++) out[a.length + i] = map(b[i] ?? 0);
  return out;
}

const i32 = (n: number) => new Int32Array(n);
const u32 = (n: number) => new Uint32Array(n);
const f64 = (n: number) => new Float64Array(n);
const u8 = (n: number) => new Uint8Array(n);

/** Offsets `b` (n + 1 entries, from 0) after `a`'s (n + 1 entries): one n + 1 column. */
function joinStarts(a: Uint32Array, b: Uint32Array): Uint32Array {
  const base = a[a.length - 1] ?? 0;
  const out = new Uint32Array(a.length + b.length - 1);
  out.set(a);
  for (let i = 1; i < b.length; i++) out[a.length + i - 1] = base + (b[i] ?? 0);
  return out;
}

export function concatPacked(a: PackedTrace, b: PackedTrace): PackedTrace {
  const strings = a.strings.slice();
  const index = new StringIndex(strings, b.strings.length);
  const remap = new Int32Array(b.strings.length);
  for (let i = 0; i < b.strings.length; i++) remap[i] = index.add(b.strings[i] ?? '');
  const str = (v: number) => (v < 0 ? v : (remap[v] ?? -1));
  const plus = (n: number) => (v: number) => v + n;
  const rows = a.attrKey.length;
  const cells = a.cellKind.length;
  // An attribute row's or a cell's value: a string index (STR), a cell index (arrays, maps), else as is.
  const attrValue = join(a.attrValue, b.attrValue, f64);
  for (let i = 0; i < b.attrValue.length; i++) {
    const kind = b.attrKind[i];
    const v = b.attrValue[i] ?? 0;
    if (kind === STR) attrValue[rows + i] = str(v);
    else if (kind === ARRAY || kind === MAP) attrValue[rows + i] = v + cells;
  }
  const cellValue = join(a.cellValue, b.cellValue, f64);
  for (let i = 0; i < b.cellValue.length; i++)
    if (b.cellKind[i] === STR) cellValue[cells + i] = str(b.cellValue[i] ?? 0);
  const row = plus(rows);
  return {
    strings,
    traceId: a.traceId,
    startUnixUs: a.startUnixUs,
    durationUs: Math.max(a.durationUs, b.durationUs),
    format: a.format,
    warnings: join(a.warnings, b.warnings, i32, str),
    spanId: join(a.spanId, b.spanId, i32, str),
    parentSpanId: join(a.parentSpanId, b.parentSpanId, i32, str),
    spanTraceId: join(a.spanTraceId, b.spanTraceId, i32, str),
    name: join(a.name, b.name, i32, str),
    service: join(a.service, b.service, i32, str),
    flags: join(a.flags, b.flags, u8),
    spanStartUs: join(a.spanStartUs, b.spanStartUs, f64),
    spanDurationUs: join(a.spanDurationUs, b.spanDurationUs, f64),
    statusMessage: join(a.statusMessage, b.statusMessage, i32, str),
    resource: join(a.resource, b.resource, i32, plus(a.resourceStart.length - 1)),
    scope: join(a.scope, b.scope, i32, (v) => (v < 0 ? v : v + a.scopeName.length)),
    attrStart: joinStarts(a.attrStart, b.attrStart),
    eventStart: joinStarts(a.eventStart, b.eventStart),
    linkStart: joinStarts(a.linkStart, b.linkStart),
    warningStart: joinStarts(a.warningStart, b.warningStart),
    warningList: join(a.warningList, b.warningList, i32, str),
    attrList: join(a.attrList, b.attrList, u32, row),
    resourceStart: joinStarts(a.resourceStart, b.resourceStart),
    resourceAttrList: join(a.resourceAttrList, b.resourceAttrList, u32, row),
    scopeName: join(a.scopeName, b.scopeName, i32, str),
    scopeVersion: join(a.scopeVersion, b.scopeVersion, i32, str),
    eventTimeUs: join(a.eventTimeUs, b.eventTimeUs, f64),
    eventName: join(a.eventName, b.eventName, i32, str),
    eventAttrStart: joinStarts(a.eventAttrStart, b.eventAttrStart),
    eventAttrList: join(a.eventAttrList, b.eventAttrList, u32, row),
    linkTraceId: join(a.linkTraceId, b.linkTraceId, i32, str),
    linkSpanId: join(a.linkSpanId, b.linkSpanId, i32, str),
    linkRefType: join(a.linkRefType, b.linkRefType, u8),
    linkAttrStart: joinStarts(a.linkAttrStart, b.linkAttrStart),
    linkAttrList: join(a.linkAttrList, b.linkAttrList, u32, row),
    attrKey: join(a.attrKey, b.attrKey, i32, str),
    attrType: join(a.attrType, b.attrType, u8),
    attrKind: join(a.attrKind, b.attrKind, u8),
    attrValue,
    cellKind: join(a.cellKind, b.cellKind, u8),
    cellKey: join(a.cellKey, b.cellKey, i32, str),
    cellValue,
  };
}
