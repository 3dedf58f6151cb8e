/**
 * OTLP spans → model spans, one at a time, so a document can be converted while its text
 * arrives (worker/otlp-stream.ts) as well as whole (to-model.ts).
 *
 * Times: ns as bigint, minus the trace's earliest span start, then µs (fractional µs are
 * kept so sub-µs spans are not 0). That start is known only once every span is in, so a span
 * keeps its times in ns since the first start seen in its trace (exact integers within
 * 2^53 ns, 104 days) and finish() shifts them: the same numbers as subtracting the earliest
 * start up front. Spans of several traces in one document (Jaeger v3 search merges them) are
 * grouped by trace id, in order of first appearance.
 */
import { arr, isRecord, num, pick, rec, str, type JsonRecord } from '../../lib/json';
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
  intern,
  listOrEmpty,
  makeTrace,
  spanIdOf,
  statusOf,
  traceIdOf,
} from '../adapter-common';
import { findStringAttr, otlpAttributes } from './any-value';

const UNKNOWN_SERVICE = 'unknown service';
const JAEGER_WARNINGS = '@jaeger@warnings';
const KIND_BY_NUMBER: readonly SpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_BY_NUMBER: readonly StatusCode[] = ['unset', 'ok', 'error'];

type Scope = Span['scope'];
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** What every span of one resourceSpans entry and one of its scopes shares. */
export interface SpanContext {
  readonly service: string;
  readonly resource: readonly Attribute[];
  readonly scope: Scope;
  /** Positions in the document, for error messages. */
  readonly r: number;
  readonly k: number;
}

/** A span read from the wire whose start is missing: built when the trace's start is known. */
interface Late {
  readonly at: number;
  readonly wire: JsonRecord;
  readonly context: SpanContext;
  readonly i: number;
  readonly endNs: bigint | undefined;
}

interface TraceDraft {
  readonly spans: (Writable<Span> | null)[];
  /** The first span start seen: times are in ns since it until finish(). */
  originNs: bigint | undefined;
  minNs: bigint | undefined;
  readonly late: Late[];
}

export function otlpFail(format: TraceFormat, message: string): never {
  throw new TraceAdapterError(format, `OTLP/JSON: ${message}`);
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

/** A resourceSpans entry's scopeSpans list, under any of its protojson names. */
export function scopeSpansOf(rs: JsonRecord): unknown {
  return pick(rs, 'scopeSpans', 'scope_spans', 'instrumentationLibrarySpans', 'instrumentation_library_spans');
}

export class OtlpConverter {
  private readonly resources = new ResourceCache();
  private readonly byTrace = new Map<TraceId, TraceDraft>();
  /** Spans added while the text arrived, and how many of them the document's walk has met. */
  streamed = 0;
  claimed = 0;

  /** `onSpan`: told of each span as it is built (start times are final only after finish()). */
  constructor(private readonly onSpan?: (span: Span) => void) {}

  /** The context shared by the spans of `rs`'s scope `ss`. */
  context(rs: JsonRecord, ss: JsonRecord, r: number, k: number): SpanContext {
    const resourceWire = rec(rs.resource);
    const attrs = resourceWire === undefined ? undefined : resourceWire.attributes;
    return {
      service: findStringAttr(attrs, 'service.name') || UNKNOWN_SERVICE,
      resource: this.resources.intern(otlpAttributes(attrs)),
      scope: readScope(pick(ss, 'scope', 'instrumentationLibrary', 'instrumentation_library')),
      r,
      k,
    };
  }

  add(s: unknown, c: SpanContext, i: number, format: TraceFormat): void {
    if (!isRecord(s)) otlpFail(format, `${where(c.r, c.k, i)} is not an object`);
    const rawTrace = str(pick(s, 'traceId', 'trace_id'));
    const traceId = rawTrace === undefined ? undefined : traceIdOf(rawTrace);
    if (traceId === undefined)
      otlpFail(format, `${where(c.r, c.k, i)} has an invalid traceId ${JSON.stringify(rawTrace ?? null)}`);
    const startNs = positive(nanosToBigInt(pick(s, 'startTimeUnixNano', 'start_time_unix_nano')));
    const endNs = positive(nanosToBigInt(pick(s, 'endTimeUnixNano', 'end_time_unix_nano')));
    let t = this.byTrace.get(traceId);
    if (t === undefined) {
      t = { spans: [], originNs: undefined, minNs: undefined, late: [] };
      this.byTrace.set(traceId, t);
    }
    if (startNs === undefined) {
      t.late.push({ at: t.spans.length, wire: s, context: c, i, endNs });
      t.spans.push(null);
      return;
    }
    t.originNs ??= startNs;
    if (t.minNs === undefined || startNs < t.minNs) t.minNs = startNs;
    const span = buildSpan(s, c, i, traceId, startNs, endNs, t.originNs, false, format);
    t.spans.push(span);
    this.onSpan?.(span);
  }

  finish(format: TraceFormat): Trace[] {
    const traces: Trace[] = [];
    for (const [traceId, t] of this.byTrace) {
      const base = t.minNs ?? 0n;
      const origin = t.originNs ?? base;
      for (const d of t.late)
        t.spans[d.at] = buildSpan(d.wire, d.context, d.i, traceId, base, d.endNs, origin, true, format);
      const shift = Number(base - origin);
      const spans: Span[] = [];
      for (const s of t.spans) {
        if (s === null) continue; // every late span was built above
        s.startUs = toMicros((s.startUs - shift) / 1000);
        for (const e of s.events) (e as Writable<SpanEvent>).timeUs = toMicros((e.timeUs - shift) / 1000);
        spans.push(s);
      }
      traces.push(makeTrace(traceId, Number(base / 1000n), spans, EMPTY, format));
    }
    this.byTrace.clear();
    return traces;
  }
}

/** The span with its start (and its events' times) in ns since `originNs`; see finish(). */
function buildSpan(
  s: JsonRecord,
  c: SpanContext,
  i: number,
  traceId: TraceId,
  startNs: bigint,
  endNs: bigint | undefined,
  originNs: bigint,
  startMissing: boolean,
  format: TraceFormat,
): Writable<Span> {
  const rawId = str(pick(s, 'spanId', 'span_id'));
  const spanId = rawId === undefined ? undefined : spanIdOf(rawId);
  if (spanId === undefined)
    otlpFail(format, `${where(c.r, c.k, i)} has an invalid spanId ${JSON.stringify(rawId ?? null)}`);
  const warnings: string[] = [];
  const rawParent = str(pick(s, 'parentSpanId', 'parent_span_id'));
  const parentSpanId = rawParent === undefined || rawParent === '' ? undefined : spanIdOf(rawParent);
  if (rawParent !== undefined && rawParent !== '' && parentSpanId === undefined && !/^0+$/.test(rawParent)) {
    warnings.push(`invalid parentSpanId ${JSON.stringify(rawParent)}; shown as a root`);
  }

  if (startMissing) warnings.push('missing startTimeUnixNano; placed at the trace start');
  let durationUs = 0;
  if (endNs === undefined) warnings.push('missing endTimeUnixNano; duration shown as 0');
  else if (endNs < startNs) warnings.push('endTimeUnixNano is before startTimeUnixNano; duration shown as 0');
  else durationUs = Number(endNs - startNs) / 1000;

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
      timeUs: toMicros(Number(t - originNs)),
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
    traceId,
    name: intern(str(s.name) ?? ''),
    service: c.service,
    kind: readEnum(s.kind, 'SPAN_KIND_', KIND_BY_NUMBER),
    startUs: toMicros(Number(startNs - originNs)),
    durationUs: toMicros(durationUs),
    status: statusOf(
      status === undefined ? 'unset' : readEnum(status.code, 'STATUS_CODE_', STATUS_BY_NUMBER),
      status === undefined ? undefined : str(status.message),
    ),
    attributes: listOrEmpty(attributes),
    resource: c.resource,
    scope: c.scope,
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
