/** Rebuilds a Trace from a PackedTrace (packed-trace.ts) on the page; see there for the layout. */
import type { AttrValue, Attribute, Span, SpanEvent, SpanId, SpanLink, Trace, TraceId } from '../../model/types';
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

/** items[from .. to) as an exact-size array, or the shared EMPTY list. */
function slice<T>(items: T[], from: number | undefined, to: number | undefined): readonly T[] {
  return from === undefined || to === undefined || from === to ? EMPTY : items.slice(from, to);
}

/** Work between two chances to stop (the loops below check this mask against their index). */
const STEP_MASK = 4095;

/** The whole Trace at once (tests, small traces). */
export function unpackTrace(p: PackedTrace): Trace {
  const steps = unpackSteps(p);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The Trace built in slices of about `sliceMs`, yielding to the page between them: unpacking
 * 1M spans at once was one 6 s task, during which the page could not even paint its progress.
 */
export async function unpackTraceInSlices(p: PackedTrace, sliceMs = 40): Promise<Trace> {
  const steps = unpackSteps(p);
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTask();
      sliceStart = performance.now();
    }
  }
}

/** A new task (not a microtask), so the page can paint and handle input in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** unpackTrace's work, pausing (yield) every few thousand rows or spans. */
function* unpackSteps(p: PackedTrace): Generator<void, Trace> {
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
    if ((r & STEP_MASK) === 0) yield;
  }
  // Every list as a slice of one big array: exact-size, packed arrays, built by memcpy.
  function* listOf(column: Uint32Array) {
    const listed: Attribute[] = []; // pushed, not preallocated: a packed array, and so are its slices
    for (let j = 0; j < column.length; j++) {
      listed.push(attrs[column[j] ?? 0] ?? { key: '', value: null });
      if ((j & STEP_MASK) === 0) yield;
    }
    return (from: number | undefined, to: number | undefined): readonly Attribute[] => slice(listed, from, to);
  }
  const list = yield* listOf(p.attrList);

  const resources: (readonly Attribute[])[] = [];
  const resourceList = yield* listOf(p.resourceAttrList);
  for (let r = 0; r + 1 < p.resourceStart.length; r++)
    resources.push(resourceList(p.resourceStart[r], p.resourceStart[r + 1]));
  const scopes: NonNullable<Span['scope']>[] = [];
  for (let c = 0; c < p.scopeName.length; c++) {
    const name = str(p.scopeName[c]);
    const version = optStr(p.scopeVersion[c]);
    scopes.push(version === undefined ? { name } : { name, version });
  }

  const events: SpanEvent[] = [];
  const eventList = yield* listOf(p.eventAttrList);
  for (let e = 0; e < p.eventName.length; e++) {
    if ((e & STEP_MASK) === 0) yield;
    events.push({
      timeUs: toMicros(p.eventTimeUs[e] ?? 0),
      name: str(p.eventName[e]),
      attributes: eventList(p.eventAttrStart[e], p.eventAttrStart[e + 1]),
    });
  }
  const links: SpanLink[] = [];
  const linkList = yield* listOf(p.linkAttrList);
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
    if ((i & STEP_MASK) === 0) yield;
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
