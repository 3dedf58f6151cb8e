/**
 * Test encoder: an OTLP/JSON-shaped trace (hex or base64 ids, enum numbers or names, ns times
 * as strings) → the protobuf Tempo sends for `Accept: application/protobuf`, written with
 * @bufbuild/protobuf's BinaryWriter, field by field from the .proto field numbers (see
 * proto-decode.ts). Used by the decoder's round-trip tests, the worker tests and the bench;
 * the Tempo-compatible server has its own hand-written encoder (e2e/tempo-server/proto-encode.mjs).
 */
import { base64Decode, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

const LEN = WireType.LengthDelimited;
const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const CODES = ['UNSET', 'OK', 'ERROR'];

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(rec) : []);

function idBytes(id: unknown, size: number): Uint8Array {
  if (typeof id !== 'string' || id === '') return new Uint8Array(0);
  if (/^[0-9a-f]+$/i.test(id) && id.length === size * 2) {
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) out[i] = parseInt(id.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
  return base64Decode(id);
}

function enumNumber(v: unknown, names: readonly string[], prefix: string): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  const i = names.indexOf(v.replace(prefix, ''));
  return i < 0 ? 0 : i;
}

function message(w: BinaryWriter, field: number, write: () => void): void {
  w.tag(field, LEN).fork();
  write();
  w.join();
}

export function writeAnyValue(w: BinaryWriter, v: Json): void {
  if ('stringValue' in v) w.tag(1, LEN).string(String(v.stringValue));
  else if ('boolValue' in v) w.tag(2, WireType.Varint).bool(v.boolValue === true);
  else if ('intValue' in v) w.tag(3, WireType.Varint).int64(String(v.intValue));
  else if ('doubleValue' in v) w.tag(4, WireType.Bit64).double(Number(v.doubleValue));
  else if ('bytesValue' in v) w.tag(7, LEN).bytes(base64Decode(String(v.bytesValue)));
  else if ('arrayValue' in v)
    message(w, 5, () => {
      for (const x of list(rec(v.arrayValue).values)) message(w, 1, () => writeAnyValue(w, x));
    });
  else if ('kvlistValue' in v)
    message(w, 6, () => {
      for (const kv of list(rec(v.kvlistValue).values)) message(w, 1, () => writeKeyValue(w, kv));
    });
}

function writeKeyValue(w: BinaryWriter, kv: Json): void {
  w.tag(1, LEN).string(String(kv.key));
  if (kv.value !== undefined) message(w, 2, () => writeAnyValue(w, rec(kv.value)));
}

function writeAttributes(w: BinaryWriter, field: number, attrs: unknown): void {
  for (const kv of list(attrs)) message(w, field, () => writeKeyValue(w, kv));
}

const nanos = (v: unknown) => (typeof v === 'string' || typeof v === 'bigint' || typeof v === 'number' ? v : 0);

function writeSpan(w: BinaryWriter, s: Json): void {
  w.tag(1, LEN).bytes(idBytes(s.traceId, 16));
  w.tag(2, LEN).bytes(idBytes(s.spanId, 8));
  if (s.parentSpanId) w.tag(4, LEN).bytes(idBytes(s.parentSpanId, 8));
  if (s.name !== undefined) w.tag(5, LEN).string(String(s.name));
  const kind = enumNumber(s.kind, KINDS, 'SPAN_KIND_');
  if (kind !== 0) w.tag(6, WireType.Varint).int32(kind);
  if (s.startTimeUnixNano !== undefined) w.tag(7, WireType.Bit64).fixed64(nanos(s.startTimeUnixNano));
  if (s.endTimeUnixNano !== undefined) w.tag(8, WireType.Bit64).fixed64(nanos(s.endTimeUnixNano));
  writeAttributes(w, 9, s.attributes);
  for (const e of list(s.events))
    message(w, 11, () => {
      if (e.timeUnixNano !== undefined) w.tag(1, WireType.Bit64).fixed64(nanos(e.timeUnixNano));
      if (e.name !== undefined) w.tag(2, LEN).string(String(e.name));
      writeAttributes(w, 3, e.attributes);
    });
  for (const l of list(s.links))
    message(w, 13, () => {
      w.tag(1, LEN).bytes(idBytes(l.traceId, 16));
      w.tag(2, LEN).bytes(idBytes(l.spanId, 8));
      writeAttributes(w, 4, l.attributes);
    });
  if (s.status !== undefined) {
    const st = rec(s.status);
    message(w, 15, () => {
      if (st.message !== undefined) w.tag(2, LEN).string(String(st.message));
      const code = enumNumber(st.code, CODES, 'STATUS_CODE_');
      if (code !== 0) w.tag(3, WireType.Varint).int32(code);
    });
  }
}

function writeTrace(w: BinaryWriter, doc: Json): void {
  for (const rs of list(doc.resourceSpans ?? doc.batches))
    message(w, 1, () => {
      if (rs.resource !== undefined) message(w, 1, () => writeAttributes(w, 1, rec(rs.resource).attributes));
      for (const ss of list(rs.scopeSpans))
        message(w, 2, () => {
          if (ss.scope !== undefined)
            message(w, 1, () => {
              const scope = rec(ss.scope);
              if (scope.name !== undefined) w.tag(1, LEN).string(String(scope.name));
              if (scope.version !== undefined) w.tag(2, LEN).string(String(scope.version));
            });
          for (const s of list(ss.spans)) message(w, 2, () => writeSpan(w, s));
        });
    });
}

/** tempopb.Trace: the body of /api/traces/{id} (the JSON's `batches` or `resourceSpans`). */
export function encodeTempoTrace(doc: unknown): Uint8Array {
  const w = new BinaryWriter();
  writeTrace(w, rec(doc));
  return w.finish();
}

/** tempopb.TraceByIDResponse: the body of /api/v2/traces/{id}; `status` 1 is PARTIAL. */
export function encodeTraceByIdResponse(r: { trace?: unknown; status?: number; message?: string }): Uint8Array {
  const w = new BinaryWriter();
  if (r.trace !== undefined) message(w, 1, () => writeTrace(w, rec(r.trace)));
  message(w, 2, () => w.tag(1, WireType.Varint).uint64(1210)); // metrics.inspectedBytes, skipped by the decoder
  if (r.status !== undefined) w.tag(3, WireType.Varint).int32(r.status);
  if (r.message !== undefined) w.tag(4, LEN).string(r.message);
  return w.finish();
}
