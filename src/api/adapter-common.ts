/**
 * Pieces shared by the wire adapters: typed errors, the shared empty list, attribute
 * conversion for Jaeger-style key/value tags, and trace assembly once spans are built.
 *
 * Memory invariant: a 100k-span trace must stay small, so every empty list in the model is
 * the one frozen EMPTY array, string attributes omit `type`, and resource attribute arrays
 * are shared by every span of the same process/resource.
 */
import type { Attribute, Micros, Span, SpanId, Trace, TraceFormat, TraceId } from '../model/types';
import { toMicros } from '../model/types';
import { normalizeSpanId, normalizeTraceId } from '../model/ids';

export const EMPTY: readonly never[] = Object.freeze([]);

/**
 * An exact-size copy of a list built with push (V8 over-allocates growing arrays, ~17 slots
 * for a 2-item list), or the shared frozen empty array when it has no items.
 */
export function listOrEmpty<T>(items: readonly T[]): readonly T[] {
  return items.length === 0 ? EMPTY : items.slice();
}

/*
 * Interning during one adapter call: attribute keys, short values, names and ids repeat
 * across spans, and JSON.parse gives each occurrence its own string. The tables are
 * module-level but cleared when the call ends (withInterning), so nothing is retained.
 */
const strings = new Map<string, string>();
const spanIds = new Map<string, SpanId>();
const traceIds = new Map<string, TraceId>();
const MAX_INTERNED_LENGTH = 64; // long values (payloads, SQL) are rarely repeated

export function intern(s: string): string {
  if (s.length > MAX_INTERNED_LENGTH) return s;
  const found = strings.get(s);
  if (found !== undefined) return found;
  strings.set(s, s);
  return s;
}

export function internSpanId(id: SpanId): SpanId {
  const found = spanIds.get(id);
  if (found !== undefined) return found;
  spanIds.set(id, id);
  return id;
}

export function internTraceId(id: TraceId): TraceId {
  const found = traceIds.get(id);
  if (found !== undefined) return found;
  traceIds.set(id, id);
  return id;
}

export function withInterning<T>(convert: () => T): T {
  try {
    return convert();
  } finally {
    strings.clear();
    spanIds.clear();
    traceIds.clear();
  }
}

/** The wire data does not have the shape the adapter expects. */
export class TraceAdapterError extends Error {
  override readonly name = 'TraceAdapterError';
  constructor(
    readonly format: TraceFormat,
    message: string,
  ) {
    super(message);
  }
}

/** The backend answered, but without the trace (Tempo `trace: {}`, Jaeger 404 envelope). */
export class TraceNotFoundError extends Error {
  override readonly name = 'TraceNotFoundError';
  constructor(
    readonly format: TraceFormat,
    message: string,
  ) {
    super(message);
  }
}

/** The backend reported an error in its response body (Jaeger `errors`, v3 `error`). */
export class TraceSourceError extends Error {
  override readonly name = 'TraceSourceError';
  constructor(
    readonly format: TraceFormat,
    message: string,
    readonly httpCode?: number,
  ) {
    super(message);
  }
}

/** A string attribute: `type` omitted to keep big traces small. */
export function stringAttr(key: string, value: string): Attribute {
  return { key: intern(key), value: intern(value) };
}

/**
 * Shares identical resource attribute arrays: many resourceSpans / processes of one
 * service (same attributes) end up pointing at one array.
 */
export class ResourceCache {
  private readonly byKey = new Map<string, readonly Attribute[]>();

  intern(attrs: readonly Attribute[]): readonly Attribute[] {
    if (attrs.length === 0) return EMPTY;
    const key = JSON.stringify(attrs);
    const found = this.byKey.get(key);
    if (found !== undefined) return found;
    this.byKey.set(key, attrs);
    return attrs;
  }
}

/** Trace end in µs relative to its start: the latest span end. */
export function latestEndUs(spans: readonly Span[]): Micros {
  let end = 0;
  for (const s of spans) {
    const e = s.startUs + s.durationUs;
    if (e > end) end = e;
  }
  return toMicros(end);
}

export function makeTrace(
  traceId: TraceId,
  startUnixUs: number,
  spans: readonly Span[],
  warnings: readonly string[],
  format: TraceFormat,
): Trace {
  return { traceId, startUnixUs, durationUs: latestEndUs(spans), spans, warnings, format };
}

/** Groups items by key, keeping the order in which keys first appear. */
export function groupInOrder<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [item]);
    else g.push(item);
  }
  return groups;
}

type Status = Span['status'];
const SHARED_STATUS: Readonly<Record<Status['code'], Status>> = {
  unset: Object.freeze({ code: 'unset' }),
  ok: Object.freeze({ code: 'ok' }),
  error: Object.freeze({ code: 'error' }),
};

/** A span status; message-less statuses are shared objects (one per code, not per span). */
export function statusOf(code: Status['code'], message?: string): Status {
  return message === undefined || message === '' ? SHARED_STATUS[code] : { code, message };
}

/** normalizeSpanId, sharing one string per distinct id within the adapter call. */
export function spanIdOf(raw: string): SpanId | undefined {
  const id = normalizeSpanId(raw);
  return id === undefined ? undefined : internSpanId(id);
}

/** normalizeTraceId, sharing one string per distinct id within the adapter call. */
export function traceIdOf(raw: string): TraceId | undefined {
  const id = normalizeTraceId(raw);
  return id === undefined ? undefined : internTraceId(id);
}
