/**
 * OTLP/JSON (and its protojson variants, see wire-types.ts) → Trace model. Also the body
 * of Jaeger API v3 (`{result}` / `{error}`) and Tempo trace-by-id responses.
 *
 * Times: ns as bigint, minus the trace's earliest span start, then µs (fractional µs are
 * kept so sub-µs spans are not 0). Spans of several traces in one document (Jaeger v3
 * search merges them) are grouped by trace id, in order of first appearance.
 */
import { arr, isRecord, num, numOrDecimal, pick, rec, str, type JsonRecord } from '../../lib/json';
import { nanosToBigInt } from '../../model/ids';
import type {
  Attribute,
  Span,
  SpanEvent,
  SpanKind,
  SpanLink,
  StatusCode,
  Trace,
  TraceFormat,
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
  traceIdOf,
  withInterning,
} from '../adapter-common';
import { findStringAttr, otlpAttributes } from './any-value';

const UNKNOWN_SERVICE = 'unknown service';
const JAEGER_WARNINGS = '@jaeger@warnings';
const KIND_BY_NUMBER: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_BY_NUMBER: readonly StatusCode[] = ['unset', 'ok', 'error'];

type Scope = Span['scope'];

/** A span read from the wire, before trace-relative times are known. */
interface Draft {
  readonly wire: JsonRecord;
  /** Position in the document, for error messages (the text is built only on failure). */
  readonly r: number;
  readonly k: number;
  readonly i: number;
  readonly traceId: TraceId;
  readonly startNs: bigint | undefined;
  readonly endNs: bigint | undefined;
  readonly service: string;
  readonly resource: readonly Attribute[];
  readonly scope: Scope;
}

function fail(format: TraceFormat, message: string): never {
  throw new TraceAdapterError(format, `OTLP/JSON: ${message}`);
}

/** OTLP TracesData (or a wrapper around it) → one Trace per trace id. */
export function otlpToTraces(json: unknown, format: TraceFormat): Trace[] {
  return withInterning(() => convertOtlp(json, format));
}

function convertOtlp(json: unknown, format: TraceFormat): Trace[] {
  if (!isRecord(json)) fail(format, 'expected an object with "resourceSpans"');
  const error = rec(json.error);
  if (error !== undefined && json.result === undefined) {
    const code = numOrDecimal(pick(error, 'httpCode', 'http_code'));
    const message = `Jaeger API v3 error${code === undefined ? '' : ` ${code}`}: ${str(error.message) ?? 'unknown error'}`;
    if (code === 404) throw new TraceNotFoundError(format, message);
    throw new TraceSourceError(format, message, code);
  }
  const root = isRecord(json.result) ? json.result : json;
  const list = pick(root, 'resourceSpans', 'resource_spans', 'batches');
  if (list === undefined) return []; // proto3 JSON omits empty lists: `{}` is "no spans"
  if (!Array.isArray(list)) fail(format, `"resourceSpans" is ${typeof list}, expected an array`);

  const resources = new ResourceCache();
  const byTrace = new Map<TraceId, Draft[]>();
  list.forEach((rs, r) => {
    if (!isRecord(rs)) fail(format, `resourceSpans[${r}] is not an object`);
    const resourceWire = rec(rs.resource);
    const resourceAttrs = resourceWire === undefined ? undefined : resourceWire.attributes;
    const resource = resources.intern(otlpAttributes(resourceAttrs));
    const service = findStringAttr(resourceAttrs, 'service.name') || UNKNOWN_SERVICE;
    const scopeList = pick(
      rs,
      'scopeSpans',
      'scope_spans',
      'instrumentationLibrarySpans',
      'instrumentation_library_spans',
    );
    arr(scopeList).forEach((ss, k) => {
      if (!isRecord(ss)) fail(format, `resourceSpans[${r}].scopeSpans[${k}] is not an object`);
      const scope = readScope(pick(ss, 'scope', 'instrumentationLibrary', 'instrumentation_library'));
      arr(ss.spans).forEach((s, i) => {
        if (!isRecord(s)) fail(format, `${where(r, k, i)} is not an object`);
        const rawTrace = str(pick(s, 'traceId', 'trace_id'));
        const traceId = rawTrace === undefined ? undefined : traceIdOf(rawTrace);
        if (traceId === undefined)
          fail(format, `${where(r, k, i)} has an invalid traceId ${JSON.stringify(rawTrace ?? null)}`);
        const startNs = positive(nanosToBigInt(pick(s, 'startTimeUnixNano', 'start_time_unix_nano')));
        const endNs = positive(nanosToBigInt(pick(s, 'endTimeUnixNano', 'end_time_unix_nano')));
        const draft: Draft = { wire: s, r, k, i, traceId, startNs, endNs, service, resource, scope };
        const group = byTrace.get(traceId);
        if (group === undefined) byTrace.set(traceId, [draft]);
        else group.push(draft);
      });
    });
  });

  const traces: Trace[] = [];
  for (const [traceId, drafts] of byTrace) traces.push(buildTrace(traceId, drafts, format));
  return traces;
}

/** A span's path in the document; built only for error messages (100k spans, one string each, cost GC time). */
function where(r: number, k: number, i: number): string {
  return `resourceSpans[${r}].scopeSpans[${k}].spans[${i}]`;
}

/** Zero is proto3's "not set" for timestamps. */
function positive(v: bigint | undefined): bigint | undefined {
  return v === undefined || v <= 0n ? undefined : v;
}

function readScope(v: unknown): Scope {
  const r = rec(v);
  const name = r === undefined ? undefined : str(r.name);
  if (r === undefined || name === undefined || name === '') return undefined;
  const version = str(r.version);
  return version === undefined || version === '' ? { name } : { name, version };
}

function buildTrace(traceId: TraceId, drafts: readonly Draft[], format: TraceFormat): Trace {
  let minNs: bigint | undefined;
  for (const d of drafts) if (d.startNs !== undefined && (minNs === undefined || d.startNs < minNs)) minNs = d.startNs;
  const base = minNs ?? 0n;
  const spans = drafts.map((d) => buildSpan(d, base, format));
  return makeTrace(traceId, Number(base / 1000n), spans, EMPTY, format);
}

/** ns since `base` → µs; the bigint difference is small enough to convert exactly. */
function relUs(ns: bigint, base: bigint): number {
  return Number(ns - base) / 1000;
}

function buildSpan(d: Draft, base: bigint, format: TraceFormat): Span {
  const s = d.wire;
  const rawId = str(pick(s, 'spanId', 'span_id'));
  const spanId = rawId === undefined ? undefined : spanIdOf(rawId);
  if (spanId === undefined)
    fail(format, `${where(d.r, d.k, d.i)} has an invalid spanId ${JSON.stringify(rawId ?? null)}`);
  const warnings: string[] = [];
  const rawParent = str(pick(s, 'parentSpanId', 'parent_span_id'));
  const parentSpanId = rawParent === undefined || rawParent === '' ? undefined : spanIdOf(rawParent);
  if (rawParent !== undefined && rawParent !== '' && parentSpanId === undefined && !/^0+$/.test(rawParent)) {
    warnings.push(`invalid parentSpanId ${JSON.stringify(rawParent)}; shown as a root`);
  }

  const startNs = d.startNs ?? base;
  if (d.startNs === undefined) warnings.push('missing startTimeUnixNano; placed at the trace start');
  let durationUs = 0;
  if (d.endNs === undefined) warnings.push('missing endTimeUnixNano; duration shown as 0');
  else if (d.endNs < startNs) warnings.push('endTimeUnixNano is before startTimeUnixNano; duration shown as 0');
  else durationUs = Number(d.endNs - startNs) / 1000;

  // Jaeger's `@jaeger@warnings` attribute is metadata about the span, not span data.
  let attributes = otlpAttributes(s.attributes);
  const jw = attributes.find((a) => a.key === JAEGER_WARNINGS);
  if (jw !== undefined) {
    attributes = attributes.filter((a) => a !== jw);
    const values = Array.isArray(jw.value) ? jw.value : [jw.value];
    for (const w of values) if (typeof w === 'string') warnings.push(w);
  }

  const events: SpanEvent[] = [];
  for (const e of arr(s.events)) {
    if (!isRecord(e)) continue;
    const t = positive(nanosToBigInt(pick(e, 'timeUnixNano', 'time_unix_nano'))) ?? startNs;
    events.push({
      timeUs: toMicros(relUs(t, base)),
      name: intern(str(e.name) ?? ''),
      attributes: listOrEmpty(otlpAttributes(e.attributes)),
    });
  }
  const links: SpanLink[] = [];
  for (const l of arr(s.links)) {
    if (!isRecord(l)) continue;
    const lt = str(pick(l, 'traceId', 'trace_id'));
    const ls = str(pick(l, 'spanId', 'span_id'));
    const linkTrace = lt === undefined ? undefined : traceIdOf(lt);
    const linkSpan = ls === undefined ? undefined : spanIdOf(ls);
    if (linkTrace === undefined || linkSpan === undefined)
      warnings.push(`ignored a link with invalid ids (${String(lt)}/${String(ls)})`);
    else links.push({ traceId: linkTrace, spanId: linkSpan, attributes: listOrEmpty(otlpAttributes(l.attributes)) });
  }
  const status = rec(s.status);

  return {
    spanId,
    parentSpanId,
    refType: 'child-of',
    traceId: d.traceId,
    name: intern(str(s.name) ?? ''),
    service: d.service,
    kind: readEnum(s.kind, 'SPAN_KIND_', KIND_BY_NUMBER),
    startUs: toMicros(relUs(startNs, base)),
    durationUs: toMicros(durationUs),
    status: statusOf(
      status === undefined ? 'unset' : readEnum(status.code, 'STATUS_CODE_', STATUS_BY_NUMBER),
      status === undefined ? undefined : str(status.message),
    ),
    attributes: listOrEmpty(attributes),
    resource: d.resource,
    scope: d.scope,
    events: listOrEmpty(events),
    links: listOrEmpty(links),
    warnings: listOrEmpty(warnings),
  };
}

/** An enum given as its number or its proto name (`SPAN_KIND_SERVER`); unknown → the zero value. */
function readEnum<T extends string>(v: unknown, prefix: string, byNumber: readonly T[]): T {
  const zero = byNumber[0];
  if (zero === undefined) throw new Error('enum table is empty');
  const n = num(v);
  if (n !== undefined) return byNumber[n] ?? zero;
  const name = str(v);
  if (name === undefined) return zero;
  const short = (name.startsWith(prefix) ? name.slice(prefix.length) : name).toLowerCase();
  return byNumber.find((k) => k === short) ?? zero;
}
