/**
 * Jaeger query API v1 JSON → Trace model (see wire-types.ts and WIRE-FORMATS §1).
 * Accepts the `{data, errors, …}` envelope (many traces) and a bare trace object.
 * Times: the wire's absolute µs minus the earliest span start; `startUnixUs` keeps it.
 */
import { arr, isRecord, numOrDecimal, rec, str, type JsonRecord } from '../../lib/json';
import type {
  Attribute,
  AttrType,
  RefType,
  Span,
  SpanEvent,
  SpanId,
  SpanKind,
  SpanLink,
  StatusCode,
  Trace,
  TraceId,
} from '../../model/types';
import { toMicros } from '../../model/types';
import {
  EMPTY,
  ResourceCache,
  TraceAdapterError,
  TraceNotFoundError,
  TraceSourceError,
  intern,
  listOrEmpty,
  makeTrace,
  spanIdOf,
  statusOf,
  stringAttr,
  traceIdOf,
  withInterning,
} from '../adapter-common';

const UNKNOWN_SERVICE = 'unknown service';
// A Map, not an object: a wire value such as "constructor" must not find Object.prototype's.
const KINDS: ReadonlyMap<string, SpanKind> = new Map([
  ['server', 'server'],
  ['client', 'client'],
  ['producer', 'producer'],
  ['consumer', 'consumer'],
  ['internal', 'internal'],
]);

function fail(message: string): never {
  throw new TraceAdapterError('jaeger-v1', `Jaeger JSON: ${message}`);
}

/** Jaeger v1 JSON (envelope or bare trace) → one Trace per wire trace. */
export function jaegerV1ToTraces(json: unknown): Trace[] {
  return withInterning(() => convertJaeger(json));
}

function convertJaeger(json: unknown): Trace[] {
  if (!isRecord(json)) fail('expected an object with "data" or a trace with "spans"');
  if (!('data' in json) && 'spans' in json) return [convertTrace(json, EMPTY)];
  if (!('data' in json)) fail('expected a "data" array or a trace object with "spans"');
  const errors = arr(json.errors).map(describeError);
  const data = json.data;
  if (!Array.isArray(data) || data.length === 0) {
    if (errors.length > 0) {
      const notFound = errors.every((e) => /not found/i.test(e));
      const message = `Jaeger reported: ${errors.join('; ')}`;
      if (notFound) throw new TraceNotFoundError('jaeger-v1', message);
      throw new TraceSourceError('jaeger-v1', message);
    }
    if (Array.isArray(data)) return [];
    fail(`"data" is ${data === null ? 'null' : typeof data}, expected an array of traces`);
  }
  return data.map((t, i) => {
    if (!isRecord(t) || !Array.isArray(t.spans)) fail(`data[${i}] is not a trace object with "spans"`);
    return convertTrace(t, errors);
  });
}

export function describeError(e: unknown): string {
  if (!isRecord(e)) return String(e);
  const code = numOrDecimal(e.code);
  const msg = str(e.msg) ?? 'error';
  const id = str(e.traceID);
  return `${code === undefined ? '' : `${code} `}${msg}${id === undefined ? '' : ` (trace ${id})`}`;
}

export interface Process {
  readonly service: string;
  readonly resource: readonly Attribute[];
}

/** Converts Jaeger key/value tags; the int64/binary distinctions survive as `type`. */
export function jaegerTags(list: unknown): Attribute[] {
  const out: Attribute[] = [];
  for (const kv of arr(list)) {
    if (!isRecord(kv)) continue;
    const key = str(kv.key);
    if (key === undefined) continue;
    const attr = jaegerTag(key, str(kv.type), kv.value);
    if (attr !== undefined) out.push(attr);
  }
  return out;
}

function jaegerTag(key: string, type: string | undefined, value: unknown): Attribute | undefined {
  const typed = (v: string | number | boolean, t: AttrType): Attribute => ({ key: intern(key), value: v, type: t });
  switch (type) {
    case 'bool':
      if (typeof value === 'boolean') return typed(value, 'bool');
      if (value === 'true' || value === 'false') return typed(value === 'true', 'bool');
      break;
    case 'int64':
      // Beyond ±2^53 Jaeger sends a decimal string: keep it exact as a string.
      if (typeof value === 'number' || typeof value === 'string') return typed(value, 'int');
      break;
    case 'float64':
      if (typeof value === 'number') return typed(value, 'double');
      if (typeof value === 'string' && value !== '' && !Number.isNaN(Number(value)))
        return typed(Number(value), 'double');
      break;
    case 'binary':
      if (typeof value === 'string') return typed(value, 'bytes');
      break;
    default:
      break;
  }
  if (typeof value === 'string') return stringAttr(key, value);
  if (typeof value === 'boolean') return typed(value, 'bool');
  if (typeof value === 'number') return typed(value, Number.isInteger(value) ? 'int' : 'double');
  return value === null || value === undefined ? { key, value: null } : stringAttr(key, JSON.stringify(value));
}

function convertTrace(t: JsonRecord, envelopeWarnings: readonly string[]): Trace {
  const wireSpans = arr(t.spans);
  const firstSpan = rec(wireSpans[0]);
  const rawTraceId = str(t.traceID) ?? (firstSpan === undefined ? undefined : str(firstSpan.traceID));
  const traceId = rawTraceId === undefined ? undefined : traceIdOf(rawTraceId);
  if (traceId === undefined) fail(`invalid or missing traceID ${JSON.stringify(rawTraceId ?? null)}`);

  const resources = new ResourceCache();
  const processes = new Map<string, Process>();
  const wireProcesses = rec(t.processes);
  if (wireProcesses !== undefined) {
    for (const [id, p] of Object.entries(wireProcesses)) processes.set(id, toProcess(p, resources));
  }
  const embedded = new Map<string, Process>(); // embedded `process` objects, deduplicated by content

  let minStart = Number.POSITIVE_INFINITY;
  for (const s of wireSpans) {
    const start = isRecord(s) ? numOrDecimal(s.startTime) : undefined;
    if (start !== undefined && start < minStart) minStart = start;
  }
  if (!Number.isFinite(minStart)) minStart = 0;

  const scopes = new Map<string, { readonly name: string; readonly version?: string }>();
  const spans: Span[] = wireSpans.map((s, i) => {
    if (!isRecord(s)) fail(`spans[${i}] is not an object`);
    let process: Process | undefined;
    const pid = str(s.processID);
    if (pid !== undefined) process = processes.get(pid);
    if (process === undefined && isRecord(s.process)) {
      const key = JSON.stringify(s.process);
      process = embedded.get(key);
      if (process === undefined) embedded.set(key, (process = toProcess(s.process, resources)));
    }
    return convertSpan(s, i, traceId, minStart, process, pid, scopes);
  });

  const warnings = [...arr(t.warnings).flatMap((w) => (typeof w === 'string' ? [w] : [])), ...envelopeWarnings];
  return makeTrace(traceId, minStart, spans, listOrEmpty(warnings), 'jaeger-v1');
}

export function toProcess(p: unknown, resources: ResourceCache): Process {
  const r = rec(p);
  if (r === undefined) return { service: UNKNOWN_SERVICE, resource: EMPTY };
  const service = str(r.serviceName);
  return {
    service: service === undefined || service === '' ? UNKNOWN_SERVICE : service,
    resource: resources.intern(jaegerTags(r.tags)),
  };
}

/**
 * One wire span → Span. `attributes`: its tags already converted (the worker's streaming
 * reader converts each distinct tag once and shares it); by default converted here.
 */
export function convertSpan(
  s: JsonRecord,
  i: number,
  traceId: TraceId,
  minStart: number,
  process: Process | undefined,
  pid: string | undefined,
  scopes: Map<string, { readonly name: string; readonly version?: string }>,
  attributes: readonly Attribute[] = jaegerTags(s.tags),
): Span {
  const rawId = str(s.spanID);
  const spanId = rawId === undefined ? undefined : spanIdOf(rawId);
  if (spanId === undefined) fail(`spans[${i}] has an invalid spanID ${JSON.stringify(s.spanID ?? null)}`);
  const warnings: string[] = [];
  for (const w of arr(s.warnings)) if (typeof w === 'string') warnings.push(w);
  const ownTraceRaw = str(s.traceID);
  const ownTrace = (ownTraceRaw === undefined ? undefined : traceIdOf(ownTraceRaw)) ?? traceId;

  let start = numOrDecimal(s.startTime);
  if (start === undefined) {
    warnings.push('missing startTime; placed at the trace start');
    start = minStart;
  }
  let duration = numOrDecimal(s.duration);
  if (duration === undefined || duration < 0) {
    warnings.push(
      duration === undefined ? 'missing duration; shown as 0' : `negative duration ${duration}µs; shown as 0`,
    );
    duration = 0;
  }
  if (process === undefined) warnings.push(pid === undefined ? 'span has no process' : `process ${pid} not found`);

  // Parent: first in-trace CHILD_OF, else first in-trace FOLLOWS_FROM; everything else is a link.
  const refs: { traceId: TraceId; spanId: SpanId; refType: RefType }[] = [];
  for (const r of arr(s.references)) {
    if (!isRecord(r)) continue;
    const rt = str(r.traceID);
    const rs = str(r.spanID);
    const rTrace = rt === undefined ? ownTrace : traceIdOf(rt);
    const rSpan = rs === undefined ? undefined : spanIdOf(rs);
    if (rTrace === undefined || rSpan === undefined) {
      warnings.push(`ignored a reference with invalid ids (${String(rt)}/${String(rs)})`);
      continue;
    }
    refs.push({
      traceId: rTrace,
      spanId: rSpan,
      refType: str(r.refType) === 'FOLLOWS_FROM' ? 'follows-from' : 'child-of',
    });
  }
  let parentIdx = refs.findIndex((r) => r.traceId === ownTrace && r.refType === 'child-of');
  if (parentIdx < 0) parentIdx = refs.findIndex((r) => r.traceId === ownTrace);
  const parentRef = refs[parentIdx];
  let parentSpanId = parentRef?.spanId;
  const refType: RefType = parentRef?.refType ?? 'child-of';
  const legacyParent = str(s.parentSpanID);
  if (parentSpanId === undefined && legacyParent !== undefined) parentSpanId = spanIdOf(legacyParent);
  const links: SpanLink[] = [];
  refs.forEach((r, j) => {
    if (j !== parentIdx) links.push({ traceId: r.traceId, spanId: r.spanId, refType: r.refType, attributes: EMPTY });
  });

  let kind: SpanKind = 'unspecified';
  let code: StatusCode = 'unset';
  let message: string | undefined;
  let scopeName: string | undefined;
  let scopeVersion: string | undefined;
  for (const a of attributes) {
    if (a.key === 'span.kind' && typeof a.value === 'string') kind = KINDS.get(a.value.toLowerCase()) ?? kind;
    else if (a.key === 'otel.status_code' && typeof a.value === 'string') {
      if (a.value.toUpperCase() === 'ERROR') code = 'error';
      else if (a.value.toUpperCase() === 'OK' && code !== 'error') code = 'ok';
    } else if (a.key === 'error' && (a.value === true || a.value === 'true')) code = 'error';
    else if (a.key === 'otel.status_description' && typeof a.value === 'string') message = a.value;
    else if (a.key === 'otel.scope.name' && typeof a.value === 'string') scopeName = a.value;
    else if (a.key === 'otel.scope.version' && typeof a.value === 'string') scopeVersion = a.value;
  }
  let scope: { readonly name: string; readonly version?: string } | undefined;
  if (scopeName !== undefined) {
    const key = `${scopeName}\u0000${scopeVersion ?? ''}`;
    scope = scopes.get(key);
    if (scope === undefined)
      scopes.set(
        key,
        (scope = scopeVersion === undefined ? { name: scopeName } : { name: scopeName, version: scopeVersion }),
      );
  }

  const events: SpanEvent[] = [];
  for (const log of arr(s.logs)) {
    if (!isRecord(log)) continue;
    const ts = numOrDecimal(log.timestamp) ?? start;
    const fields = jaegerTags(log.fields);
    const ev = fields.find((f) => f.key === 'event' && typeof f.value === 'string');
    events.push({
      timeUs: toMicros(ts - minStart),
      name: ev !== undefined && typeof ev.value === 'string' ? intern(ev.value) : 'log',
      attributes: listOrEmpty(ev === undefined ? fields : fields.filter((f) => f !== ev)),
    });
  }

  // Optional fields are always set (maybe undefined) so every span has one object shape.
  return {
    spanId,
    parentSpanId,
    refType,
    traceId: ownTrace,
    name: intern(str(s.operationName) ?? ''),
    service: process?.service ?? UNKNOWN_SERVICE,
    kind,
    startUs: toMicros(start - minStart),
    durationUs: toMicros(duration),
    status: statusOf(code, message),
    attributes: listOrEmpty(attributes),
    resource: process?.resource ?? EMPTY,
    scope,
    events: listOrEmpty(events),
    links: listOrEmpty(links),
    warnings: listOrEmpty(warnings),
  };
}
