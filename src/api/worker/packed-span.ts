/**
 * The spans of an unpacked trace (unpack-trace.ts): each span's fields are set when it is
 * built; its attribute and event lists are decoded from the packed columns (packed-trace.ts)
 * when first read, and kept.
 */
import type {
  AttrValue,
  Attribute,
  Micros,
  RefType,
  Span,
  SpanEvent,
  SpanId,
  SpanKind,
  SpanLink,
  TraceId,
} from '../../model/types';
import { plainSpan } from '../../model/plain-span';
import { toMicros } from '../../model/types';
import { EMPTY, statusOf } from '../adapter-common';
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
  TYPES,
  type PackedTrace,
} from './packed-trace';

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
        v =
          top.kind === ARRAY
            ? top.items
            : Object.fromEntries(top.keys.map((k, j): [string, AttrValue] => [k, top.items[j] ?? null]));
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

/**
 * What the spans of one packed trace share: the columns, the lists that are few (resources,
 * scopes, links, warnings, built at once) and the decoded attribute rows (built when first
 * read, then shared, as the adapters share equal attributes).
 *
 * Why lazy: a span's attribute and event lists are most of a trace's heap (about 70 of 80 MB
 * at 200k spans), and the page reads them only for the spans it shows, finds in or groups by.
 */
/**
 * An unpacked trace's columns, for a scan over every span that should not decode every span's
 * lists (find): per span, `p.name` and `p.service` are indices into `p.strings`, its attributes
 * are rows `p.attrList[p.attrStart[i] .. p.attrStart[i + 1])`, and `p.resource` its resource.
 */
export interface PackedColumns {
  readonly p: PackedTrace;
  /** Attribute row r, decoded once and shared by every span that has it. */
  attribute(r: number): Attribute;
  /** Resource attribute lists, by resource index. */
  readonly resources: readonly (readonly Attribute[])[];
}

export class PackedDetails implements PackedColumns {
  readonly p: PackedTrace;
  readonly resources: (readonly Attribute[])[] = [];
  readonly scopes: NonNullable<Span['scope']>[] = [];
  readonly links: SpanLink[] = [];
  readonly warnings: readonly string[];
  #rows: (Attribute | undefined)[] | undefined;

  constructor(p: PackedTrace) {
    this.p = p;
    for (let r = 0; r + 1 < p.resourceStart.length; r++)
      this.resources.push(this.list(p.resourceAttrList, p.resourceStart[r], p.resourceStart[r + 1]));
    for (let c = 0; c < p.scopeName.length; c++) {
      const name = this.str(p.scopeName[c]);
      const version = this.optStr(p.scopeVersion[c]);
      this.scopes.push(version === undefined ? { name } : { name, version });
    }
    for (let l = 0; l < p.linkSpanId.length; l++) {
      const traceId = this.str(p.linkTraceId[l]) as TraceId; // packed from a TraceId
      const spanId = this.str(p.linkSpanId[l]) as SpanId; // packed from a SpanId
      const attributes = this.list(p.linkAttrList, p.linkAttrStart[l], p.linkAttrStart[l + 1]);
      const refType = REF_TYPES[(p.linkRefType[l] ?? 0) - 1];
      this.links.push(
        refType === undefined ? { traceId, spanId, attributes } : { traceId, spanId, refType, attributes },
      );
    }
    this.warnings = Array.from(p.warningList, (w) => this.str(w));
  }

  str(i: number | undefined): string {
    return i === undefined ? '' : (this.p.strings[i] ?? '');
  }

  optStr(i: number | undefined): string | undefined {
    return i === undefined || i < 0 ? undefined : this.p.strings[i];
  }

  /** Row r of the attribute table, decoded once. */
  attribute(r: number): Attribute {
    const p = this.p;
    // Filled by push, so the cache is a packed array however large the table is.
    let rows = this.#rows;
    if (rows === undefined) {
      rows = [];
      for (let k = 0; k < p.attrKey.length; k++) rows.push(undefined);
      this.#rows = rows;
    }
    const cached = rows[r];
    if (cached !== undefined) return cached;
    const key = this.str(p.attrKey[r]);
    const kind = p.attrKind[r] ?? NULL;
    const raw = p.attrValue[r] ?? 0;
    const value = kind === ARRAY || kind === MAP ? readCells(p, raw) : primitiveOf(p.strings, kind, raw);
    const type = TYPES[p.attrType[r] ?? 0];
    const attribute: Attribute = type === undefined ? { key, value } : { key, value, type };
    rows[r] = attribute;
    return attribute;
  }

  /** The attributes listed in column[from .. to), or the shared EMPTY list. */
  list(column: Uint32Array, from = 0, to = 0): readonly Attribute[] {
    if (from >= to) return EMPTY;
    const out: Attribute[] = [];
    for (let j = from; j < to; j++) out.push(this.attribute(column[j] ?? 0));
    return out;
  }

  events(i: number): readonly SpanEvent[] {
    const p = this.p;
    const from = p.eventStart[i] ?? 0;
    const to = p.eventStart[i + 1] ?? 0;
    if (from >= to) return EMPTY;
    const out: SpanEvent[] = [];
    for (let e = from; e < to; e++) {
      out.push({
        timeUs: toMicros(p.eventTimeUs[e] ?? 0),
        name: this.str(p.eventName[e]),
        attributes: this.list(p.eventAttrList, p.eventAttrStart[e], p.eventAttrStart[e + 1]),
      });
    }
    return out;
  }

  /** attributeKeys over the columns: span keys in span order, each resource's keys once. */
  attributeKeys(limit: number): string[] {
    const { attrStart, attrList, attrKey, resource, resourceStart, resourceAttrList, strings } = this.p;
    const keys = new Set<number>();
    const seenResources = new Set<number>();
    const add = (column: Uint32Array, from = 0, to = 0) => {
      for (let j = from; j < to && keys.size < limit; j++) keys.add(attrKey[column[j] ?? 0] ?? -1);
    };
    for (let i = 0; i + 1 < attrStart.length && keys.size < limit; i++) {
      add(attrList, attrStart[i], attrStart[i + 1]);
      const r = resource[i] ?? 0;
      if (!seenResources.has(r)) {
        seenResources.add(r);
        add(resourceAttrList, resourceStart[r], resourceStart[r + 1]);
      }
    }
    return Array.from(keys, (k) => strings[k] ?? '').sort();
  }

  slice<T>(items: readonly T[], from = 0, to = 0): readonly T[] {
    return from >= to ? EMPTY : items.slice(from, to);
  }
}

/** A span of a packed trace: its fields at once, its attribute and event lists when first read. */
export class PackedSpan implements Span {
  readonly spanId: SpanId;
  readonly parentSpanId: SpanId | undefined;
  readonly refType: RefType;
  readonly traceId: TraceId;
  readonly name: string;
  readonly service: string;
  readonly kind: SpanKind;
  readonly startUs: Micros;
  readonly durationUs: Micros;
  readonly status: Span['status'];
  readonly resource: readonly Attribute[];
  readonly scope: Span['scope'];
  readonly links: readonly SpanLink[];
  readonly warnings: readonly string[];
  readonly #details: PackedDetails;
  readonly #index: number;
  #attributes: readonly Attribute[] | undefined;
  #events: readonly SpanEvent[] | undefined;

  constructor(details: PackedDetails, i: number) {
    const p = details.p;
    const flags = p.flags[i] ?? 0;
    const message = details.optStr(p.statusMessage[i]);
    const code = STATUSES[(flags >> 3) & 3] ?? 'unset';
    const scope = p.scope[i] ?? -1;
    this.spanId = details.str(p.spanId[i]) as SpanId; // packed from a SpanId
    this.parentSpanId = details.optStr(p.parentSpanId[i]) as SpanId | undefined; // packed from a SpanId
    this.refType = REF_TYPES[(flags >> 5) & 1] ?? 'child-of';
    this.traceId = details.str(p.spanTraceId[i]) as TraceId; // packed from a TraceId
    this.name = details.str(p.name[i]);
    this.service = details.str(p.service[i]);
    this.kind = KINDS[flags & 7] ?? 'unspecified';
    this.startUs = toMicros(p.spanStartUs[i] ?? 0);
    this.durationUs = toMicros(p.spanDurationUs[i] ?? 0);
    this.status = message === undefined ? statusOf(code) : { code, message };
    this.resource = details.resources[p.resource[i] ?? 0] ?? EMPTY;
    this.scope = scope < 0 ? undefined : details.scopes[scope];
    this.links = details.slice(details.links, p.linkStart[i], p.linkStart[i + 1]);
    this.warnings = details.slice(details.warnings, p.warningStart[i], p.warningStart[i + 1]);
    this.#details = details;
    this.#index = i;
  }

  get attributes(): readonly Attribute[] {
    const p = this.#details.p;
    this.#attributes ??= this.#details.list(p.attrList, p.attrStart[this.#index], p.attrStart[this.#index + 1]);
    return this.#attributes;
  }

  get events(): readonly SpanEvent[] {
    this.#events ??= this.#details.events(this.#index);
    return this.#events;
  }

  /** The span as a plain object, in the adapters' key order (JSON text, test comparisons). */
  toJSON(): Span {
    return plainSpan(this);
  }
}
