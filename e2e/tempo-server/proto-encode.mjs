// Protobuf encoding of the Tempo-compatible server's trace-by-id answers, for requests whose
// Accept header names application/protobuf (as tempo pkg/api/http.go MarshalingFormatFromAcceptHeader
// decides). Test code, no dependencies: a hand-written proto3 writer, independent of the
// library the app decodes with, so a round trip checks both.
//
// It encodes the server's own jsonpb output (base64 ids, enum names, 64-bit ints as strings), so
// the protobuf and the JSON answers carry the same data. Field numbers from tempo
// pkg/tempopb/tempo.proto (Trace, TraceByIDResponse, TraceByIDMetrics) and the OTLP messages it
// vendors (opentelemetry-proto trace/v1, common/v1, resource/v1). Fields go out in field-number
// order; proto3 zero values are left out, except inside AnyValue's oneof; a present message is
// written even when empty (Go writes a non-nil pointer that way).

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

/** OTLP span kind and status code enum names, by number (shared with server.mjs). */
export const KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
export const STATUS_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];
const PARTIAL_STATUS = ['COMPLETE', 'PARTIAL'];

/** Unsigned LEB128 of a 64-bit value; negative int64 as its two's complement (10 bytes). */
function varint(value) {
  let v = BigInt.asUintN(64, BigInt(value));
  const out = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

const tag = (field, wireType) => varint((field << 3) | wireType);

/** A message: the list of its encoded fields. */
const msg = (parts) => Buffer.concat(parts.filter((p) => p !== undefined));

const lenField = (field, payload) => Buffer.concat([tag(field, LEN), varint(payload.length), payload]);
const messageField = (field, parts) => lenField(field, msg(parts));
const stringField = (field, s) => (s ? lenField(field, Buffer.from(String(s), 'utf8')) : undefined);
const bytesField = (field, b64) => (b64 ? lenField(field, Buffer.from(b64, 'base64')) : undefined);
const varintField = (field, n) => (n ? Buffer.concat([tag(field, VARINT), varint(n)]) : undefined);

function fixed64Field(field, decimal) {
  if (!decimal || decimal === '0') return undefined;
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(decimal));
  return Buffer.concat([tag(field, I64), b]);
}

function fixed32Field(field, n) {
  if (!n) return undefined;
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return Buffer.concat([tag(field, I32), b]);
}

const enumOf = (name, names) => Math.max(0, names.indexOf(name));

/** AnyValue's oneof: the chosen member is written even when it holds its zero value. */
function anyValue(v) {
  if ('stringValue' in v) return lenField(1, Buffer.from(v.stringValue, 'utf8'));
  if ('boolValue' in v) return Buffer.concat([tag(2, VARINT), varint(v.boolValue ? 1 : 0)]);
  if ('intValue' in v) return Buffer.concat([tag(3, VARINT), varint(v.intValue)]);
  if ('doubleValue' in v) {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(Number(v.doubleValue));
    return Buffer.concat([tag(4, I64), b]);
  }
  if ('arrayValue' in v)
    return messageField(
      5,
      (v.arrayValue.values ?? []).map((x) => messageField(1, [anyValue(x)])),
    );
  if ('kvlistValue' in v)
    return messageField(
      6,
      (v.kvlistValue.values ?? []).map((kv) => messageField(1, keyValue(kv))),
    );
  if ('bytesValue' in v) return lenField(7, Buffer.from(v.bytesValue, 'base64'));
  return Buffer.alloc(0);
}

const keyValue = (kv) => [stringField(1, kv.key), messageField(2, [anyValue(kv.value ?? {})])];
const attributes = (field, list) => (list ?? []).map((kv) => messageField(field, keyValue(kv)));

function span(s) {
  return msg([
    bytesField(1, s.traceId),
    bytesField(2, s.spanId),
    stringField(3, s.traceState),
    bytesField(4, s.parentSpanId),
    stringField(5, s.name),
    varintField(6, enumOf(s.kind, KIND_NAMES)),
    fixed64Field(7, s.startTimeUnixNano),
    fixed64Field(8, s.endTimeUnixNano),
    ...attributes(9, s.attributes),
    varintField(10, s.droppedAttributesCount),
    ...(s.events ?? []).map((e) =>
      messageField(11, [
        fixed64Field(1, e.timeUnixNano),
        stringField(2, e.name),
        ...attributes(3, e.attributes),
        varintField(4, e.droppedAttributesCount),
      ]),
    ),
    varintField(12, s.droppedEventsCount),
    ...(s.links ?? []).map((l) =>
      messageField(13, [
        bytesField(1, l.traceId),
        bytesField(2, l.spanId),
        stringField(3, l.traceState),
        ...attributes(4, l.attributes),
        varintField(5, l.droppedAttributesCount),
        fixed32Field(6, l.flags),
      ]),
    ),
    varintField(14, s.droppedLinksCount),
    s.status
      ? messageField(15, [stringField(2, s.status.message), varintField(3, enumOf(s.status.code, STATUS_NAMES))])
      : undefined,
    fixed32Field(16, s.flags),
  ]);
}

function resourceSpans(rs) {
  return msg([
    rs.resource
      ? messageField(1, [...attributes(1, rs.resource.attributes), varintField(2, rs.resource.droppedAttributesCount)])
      : undefined,
    ...(rs.scopeSpans ?? []).map((ss) =>
      messageField(2, [
        ss.scope
          ? messageField(1, [
              stringField(1, ss.scope.name),
              stringField(2, ss.scope.version),
              ...attributes(3, ss.scope.attributes),
              varintField(4, ss.scope.droppedAttributesCount),
            ])
          : undefined,
        ...ss.spans.map((s) => lenField(2, span(s))),
        stringField(3, ss.schemaUrl),
      ]),
    ),
    stringField(3, rs.schemaUrl),
  ]);
}

const trace = (list) => msg((list ?? []).map((rs) => lenField(1, resourceSpans(rs))));

/** tempopb.Trace: what /api/traces/{id} answers (its JSON's `batches`). */
export function encodeTrace(resourceSpansList) {
  return trace(resourceSpansList);
}

/**
 * tempopb.TraceByIDResponse: what /api/v2/traces/{id} answers, from its JSON form
 * `{trace: {resourceSpans}, metrics: {inspectedBytes}, status, message}`.
 */
export function encodeTraceByIdResponse(json) {
  return msg([
    json.trace ? lenField(1, trace(json.trace.resourceSpans)) : undefined,
    json.metrics ? messageField(2, [varintField(1, json.metrics.inspectedBytes)]) : undefined,
    varintField(3, enumOf(json.status, PARTIAL_STATUS)),
    stringField(4, json.message),
  ]);
}
