/**
 * Tempo's protobuf trace-by-id answers (`Accept: application/protobuf`) → the same OTLP-shaped
 * object the JSON path parses, so both go through one mapping (tempoToTraces → otlpToTraces).
 * Hand-written for the fields the model reads, on @bufbuild/protobuf's BinaryReader; no
 * generated code and no .proto files in the bundle. Field numbers (tempo pkg/tempopb/tempo.proto,
 * which vendors opentelemetry-proto's trace/v1, common/v1 and resource/v1 unchanged):
 *   /api/traces    → Trace { ResourceSpans resourceSpans = 1 (repeated) }
 *   /api/v2/traces → TraceByIDResponse { Trace trace = 1; metrics = 2; PartialStatus status = 3; string message = 4 }
 *   ResourceSpans { Resource resource = 1; ScopeSpans scope_spans = 2 (repeated) }; Resource { attributes = 1 }
 *   ScopeSpans { InstrumentationScope scope = 1; Span spans = 2 (repeated) }; InstrumentationScope { name = 1; version = 2 }
 *   Span { bytes trace_id = 1; span_id = 2; parent_span_id = 4; name = 5; kind = 6; fixed64 start = 7, end = 8;
 *          attributes = 9; events = 11; links = 13; Status status = 15 }
 *   Event { fixed64 time = 1; name = 2; attributes = 3 }; Link { trace_id = 1; span_id = 2; attributes = 4 }
 *   Status { message = 2; code = 3 }; KeyValue { key = 1; AnyValue value = 2 }
 *   AnyValue { string = 1; bool = 2; int64 = 3; double = 4; ArrayValue = 5; KeyValueList = 6; bytes = 7 }
 *   ArrayValue { AnyValue values = 1 }; KeyValueList { KeyValue values = 1 }
 * What comes out is what the JSON path would have read: ids lower hex, times in ns (bigint,
 * which nanosToBigInt takes as is), enums as numbers, int64 values as numbers when exact and
 * decimal strings beyond ±2^53, bytes values base64. Unknown fields are skipped. A body that
 * ends inside a field, or a length that runs past its message, throws ProtoDecodeError.
 */
import { base64Encode, BinaryReader, type WireType } from '@bufbuild/protobuf/wire';
import {
  atEnd,
  beginBody,
  endBody,
  fieldEnd,
  fits,
  hexId,
  I64,
  int64,
  LEN,
  nanos,
  ProtoDecodeError,
  str,
  tag,
  VARINT,
} from './proto-wire';

export { ProtoDecodeError };

/** Which message the URL answers with: /api/traces sends a Trace, /api/v2/traces a TraceByIDResponse. */
export type TempoProtoMessage = 'trace' | 'trace-by-id-response';

type AnyValue = Readonly<Record<string, unknown>>;
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface Span {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: bigint;
  endTimeUnixNano?: bigint;
  attributes?: KeyValue[];
  events?: { timeUnixNano?: bigint; name?: string; attributes?: KeyValue[] }[];
  links?: { traceId?: string; spanId?: string; attributes?: KeyValue[] }[];
  status?: { code?: number; message?: string };
}
interface ScopeSpans {
  scope?: { name?: string; version?: string };
  spans: Span[];
}
interface ResourceSpans {
  resource?: { attributes: KeyValue[] };
  scopeSpans: ScopeSpans[];
}
export interface DecodedTrace {
  readonly resourceSpans: ResourceSpans[];
}
export interface DecodedTraceByIdResponse {
  /** `{}` when the response has no trace: Tempo v2's answer for an unknown id. */
  readonly trace: DecodedTrace | Record<string, never>;
  readonly status?: string;
  readonly message?: string;
}

/** Nesting of arrays and kvlists read before the rest is skipped (the model shows 16 levels). */
const MAX_VALUE_DEPTH = 32;
const PARTIAL_STATUS = ['COMPLETE', 'PARTIAL'] as const;

/** The body of a trace-by-id answer → its OTLP-shaped object. Throws ProtoDecodeError when malformed. */
export function decodeTempoProto(
  body: Uint8Array,
  message: TempoProtoMessage,
): DecodedTrace | DecodedTraceByIdResponse {
  try {
    const r = new BinaryReader(body);
    beginBody(body);
    return message === 'trace' ? readTrace(r, r.len) : readTraceByIdResponse(r, r.len);
  } catch (err) {
    if (err instanceof ProtoDecodeError) throw err;
    // The reader's own errors: "premature EOF", "illegal tag", a DataView read past the end.
    throw new ProtoDecodeError(err instanceof Error ? err.message : String(err));
  } finally {
    endBody();
  }
}

function readTraceByIdResponse(r: BinaryReader, end: number): DecodedTraceByIdResponse {
  let trace: DecodedTrace | undefined;
  let status: string | undefined;
  let message: string | undefined;
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) {
      trace = readTrace(r, fieldEnd(r, end), trace);
      continue;
    }
    if (no === 3 && wt === VARINT) {
      const n = r.uint32();
      status = n === 0 ? undefined : (PARTIAL_STATUS[n] ?? `status ${n}`);
      continue;
    }
    if (no === 4 && wt === LEN) {
      message = str(r);
      continue;
    }
    r.skip(wt, no);
  }
  atEnd(r, end);
  return {
    trace: trace === undefined || trace.resourceSpans.length === 0 ? {} : trace,
    ...(status === undefined ? {} : { status }),
    ...(message === undefined ? {} : { message }),
  };
}

/** A message field given twice is merged (protobuf's rule): `into` is the first part. */
function readTrace(r: BinaryReader, end: number, into?: DecodedTrace): DecodedTrace {
  const resourceSpans = into?.resourceSpans ?? [];
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) resourceSpans.push(readResourceSpans(r, fieldEnd(r, end)));
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return { resourceSpans };
}

function readResourceSpans(r: BinaryReader, end: number): ResourceSpans {
  const out: ResourceSpans = { scopeSpans: [] };
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) {
      const attributes = out.resource?.attributes ?? [];
      readAttributesOnly(r, fieldEnd(r, end), 1, attributes);
      out.resource = { attributes };
    } else if (no === 2 && wt === LEN) out.scopeSpans.push(readScopeSpans(r, fieldEnd(r, end)));
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return out;
}

/** A message whose only field read is a KeyValue list with the number `field` (Resource). */
function readAttributesOnly(r: BinaryReader, end: number, field: number, out: KeyValue[]): void {
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === field && wt === LEN) out.push(readKeyValue(r, fieldEnd(r, end), 0));
    else r.skip(wt, no);
  }
  atEnd(r, end);
}

function readScopeSpans(r: BinaryReader, end: number): ScopeSpans {
  const out: ScopeSpans = { spans: [] };
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) out.scope = readScope(r, fieldEnd(r, end));
    else if (no === 2 && wt === LEN) out.spans.push(readSpan(r, fieldEnd(r, end)));
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return out;
}

function readScope(r: BinaryReader, end: number): { name?: string; version?: string } {
  const out: { name?: string; version?: string } = {};
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) out.name = str(r);
    else if (no === 2 && wt === LEN) out.version = str(r);
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return out;
}

function readSpan(r: BinaryReader, end: number): Span {
  const s: Span = {};
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    switch (no) {
      case 1:
        if (wt === LEN) s.traceId = hexId(r, end);
        else r.skip(wt, no);
        break;
      case 2:
        if (wt === LEN) s.spanId = hexId(r, end);
        else r.skip(wt, no);
        break;
      case 4:
        if (wt === LEN) s.parentSpanId = hexId(r, end);
        else r.skip(wt, no);
        break;
      case 5:
        if (wt === LEN) s.name = str(r);
        else r.skip(wt, no);
        break;
      case 6:
        if (wt === VARINT) s.kind = r.int32();
        else r.skip(wt, no);
        break;
      case 7:
        if (wt === I64) s.startTimeUnixNano = nanos(r, end);
        else r.skip(wt, no);
        break;
      case 8:
        if (wt === I64) s.endTimeUnixNano = nanos(r, end);
        else r.skip(wt, no);
        break;
      case 9:
        if (wt === LEN) (s.attributes ??= []).push(readKeyValue(r, fieldEnd(r, end), 0));
        else r.skip(wt, no);
        break;
      case 11:
        if (wt === LEN) (s.events ??= []).push(readEvent(r, fieldEnd(r, end)));
        else r.skip(wt, no);
        break;
      case 13:
        if (wt === LEN) (s.links ??= []).push(readLink(r, fieldEnd(r, end)));
        else r.skip(wt, no);
        break;
      case 15:
        if (wt === LEN) s.status = readStatus(r, fieldEnd(r, end));
        else r.skip(wt, no);
        break;
      default:
        r.skip(wt, no);
    }
  }
  atEnd(r, end);
  return s;
}

function readEvent(r: BinaryReader, end: number): NonNullable<Span['events']>[number] {
  const e: NonNullable<Span['events']>[number] = {};
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === I64) e.timeUnixNano = nanos(r, end);
    else if (no === 2 && wt === LEN) e.name = str(r);
    else if (no === 3 && wt === LEN) (e.attributes ??= []).push(readKeyValue(r, fieldEnd(r, end), 0));
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return e;
}

function readLink(r: BinaryReader, end: number): NonNullable<Span['links']>[number] {
  const l: NonNullable<Span['links']>[number] = {};
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) l.traceId = hexId(r, end);
    else if (no === 2 && wt === LEN) l.spanId = hexId(r, end);
    else if (no === 4 && wt === LEN) (l.attributes ??= []).push(readKeyValue(r, fieldEnd(r, end), 0));
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return l;
}

function readStatus(r: BinaryReader, end: number): { code?: number; message?: string } {
  const out: { code?: number; message?: string } = {};
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 2 && wt === LEN) out.message = str(r);
    else if (no === 3 && wt === VARINT) out.code = r.int32();
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return out;
}

function readKeyValue(r: BinaryReader, end: number, depth: number): KeyValue {
  const kv: KeyValue = { key: '' };
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) kv.key = str(r);
    else if (no === 2 && wt === LEN) kv.value = readAnyValue(r, fieldEnd(r, end), depth);
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return kv;
}

/**
 * One AnyValue. Arrays and kvlists nest: the recursion is bounded by MAX_VALUE_DEPTH (a value
 * nested deeper is skipped and left empty), never by the input.
 */
function readAnyValue(r: BinaryReader, end: number, depth: number): AnyValue {
  let v: AnyValue = {};
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) v = { stringValue: str(r) };
    else if (no === 2 && wt === VARINT) v = { boolValue: r.bool() };
    else if (no === 3 && wt === VARINT) v = { intValue: int64(r) };
    else if (no === 4 && wt === I64) {
      fits(r, 8, end);
      v = { doubleValue: r.double() };
    } else if (no === 7 && wt === LEN) v = { bytesValue: base64Encode(r.bytes()) };
    else if ((no === 5 || no === 6) && wt === LEN) {
      const inner = fieldEnd(r, end);
      if (depth >= MAX_VALUE_DEPTH) {
        r.pos = inner;
        v = {};
      } else v = no === 5 ? { arrayValue: { values: readValues(r, inner, depth + 1) } } : readKvlist(r, inner, depth);
    } else r.skip(wt, no);
  }
  atEnd(r, end);
  return v;
}

function readValues(r: BinaryReader, end: number, depth: number): AnyValue[] {
  const values: AnyValue[] = [];
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) values.push(readAnyValue(r, fieldEnd(r, end), depth));
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return values;
}

function readKvlist(r: BinaryReader, end: number, depth: number): AnyValue {
  const values: KeyValue[] = [];
  while (r.pos < end) {
    const t = tag(r);
    const no = t >>> 3;
    const wt = (t & 7) as WireType;
    if (no === 1 && wt === LEN) values.push(readKeyValue(r, fieldEnd(r, end), depth + 1));
    else r.skip(wt, no);
  }
  atEnd(r, end);
  return { kvlistValue: { values } };
}
