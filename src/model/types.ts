/**
 * The one trace model every adapter produces and every view reads.
 *
 * Coordinate space: all span times are microseconds relative to the trace start
 * (`Trace.startUnixUs`, the earliest span start). Spans live in one flat array and are
 * referred to by their index in it: span ids may repeat (kept as separate spans, with a
 * warning), so an id is not an identity.
 */

export type TraceId = string & { readonly __brand: 'TraceId' }; // 32 lower-case hex
export type SpanId = string & { readonly __brand: 'SpanId' }; // 16 lower-case hex
export type Micros = number & { readonly __brand: 'Micros' }; // offset from trace start, or a duration

export const toMicros = (n: number): Micros => n as Micros; // the only cast

export type SpanKind = 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type StatusCode = 'unset' | 'ok' | 'error';
/** How a span relates to its parent: synchronous child, or follows-from (asynchronous). */
export type RefType = 'child-of' | 'follows-from';

/** Attribute values as the wire gave them; int64 beyond 2^53 stays a decimal string. */
export type AttrValue = string | number | boolean | null | readonly AttrValue[] | { readonly [key: string]: AttrValue };
export type AttrType = 'string' | 'bool' | 'int' | 'double' | 'bytes' | 'array' | 'map';

export interface Attribute {
  readonly key: string;
  readonly value: AttrValue;
  /** Omitted for plain strings to keep 100k-span traces small. `bytes` values are base64 text. */
  readonly type?: AttrType;
}

export interface SpanEvent {
  readonly timeUs: Micros; // relative to trace start
  readonly name: string;
  readonly attributes: readonly Attribute[];
}

export interface SpanLink {
  readonly traceId: TraceId;
  readonly spanId: SpanId;
  readonly refType?: RefType; // Jaeger references beyond the parent keep their type
  readonly attributes: readonly Attribute[];
}

export interface Span {
  readonly spanId: SpanId;
  /** The parent as the wire named it (may be missing from the trace, or in another trace). */
  readonly parentSpanId?: SpanId;
  readonly refType: RefType;
  readonly traceId: TraceId;
  readonly name: string;
  readonly service: string;
  readonly kind: SpanKind;
  readonly startUs: Micros;
  readonly durationUs: Micros;
  readonly status: { readonly code: StatusCode; readonly message?: string };
  readonly attributes: readonly Attribute[];
  /** Resource / process attributes; one array shared by every span of the same resource. */
  readonly resource: readonly Attribute[];
  readonly scope?: { readonly name: string; readonly version?: string };
  readonly events: readonly SpanEvent[];
  readonly links: readonly SpanLink[];
  /** Problems the adapter found in this span's wire data (e.g. missing timestamp, backend warnings). */
  readonly warnings: readonly string[];
}

export type TraceFormat = 'jaeger-v1' | 'jaeger-v3' | 'otlp' | 'tempo-v1' | 'tempo-v2' | 'zipkin' | 'demo';

export interface Trace {
  readonly traceId: TraceId;
  /** Absolute start of the trace (earliest span start), µs since the Unix epoch. */
  readonly startUnixUs: number;
  /** Latest span end minus earliest span start. */
  readonly durationUs: Micros;
  readonly spans: readonly Span[];
  /** Trace-level problems reported by the source (backend warnings, partial trace, …). */
  readonly warnings: readonly string[];
  readonly format: TraceFormat;
}
