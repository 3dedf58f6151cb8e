/**
 * The format-detecting entry point for trace files and pasted JSON: recognise the shape,
 * hand it to the right adapter, and explain clearly when the input is not a trace
 * (including the Jaeger / Tempo / Zipkin responses that are not traces).
 */
import { describeJson, isRecord, type JsonRecord } from '../lib/json';
import type { Trace, TraceFormat } from '../model/types';
import { jaegerV1ToTraces } from './jaeger/to-model';
import { otlpToTraces } from './otlp/to-model';
import { tempoToTraces } from './tempo/to-model';
import { zipkinToTraces } from './zipkin/to-model';
import { TraceNotFoundError } from './adapter-common';

export interface ParsedTraces {
  readonly format: TraceFormat;
  readonly traces: Trace[];
}

export const ACCEPTED_FORMATS = 'Jaeger JSON, Jaeger API v3, OTLP/JSON, Tempo, Zipkin v2';

/** The input is not a trace in any accepted format; `reason` says why it did not fit. */
export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
  constructor(readonly reason: string) {
    super(`Not a trace file: ${reason}. Accepted formats: ${ACCEPTED_FORMATS}.`);
  }
}

/** Text of a file or a paste → traces. Throws TraceFormatError for non-JSON or unknown shapes. */
export function parseTraceText(text: string): ParsedTraces {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new TraceFormatError('the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const lines = jsonLines(body);
    if (lines !== undefined) return parseTraceJson(lines);
    throw new TraceFormatError(`not JSON: ${describeSyntaxError(e, body)}`);
  }
  return parseTraceJson(json);
}

/**
 * OTLP file exporters write JSON Lines (one TracesData per line): merge their resourceSpans.
 * Undefined when the text is not that.
 */
function jsonLines(text: string): JsonRecord | undefined {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return undefined;
  const docs: unknown[] = [];
  for (const line of lines) {
    try {
      docs.push(JSON.parse(line));
    } catch {
      return undefined; // not JSON Lines either; the caller reports the original error
    }
  }
  return mergeJsonLines(docs);
}

/** Several OTLP documents (JSON Lines) as one, or undefined when one of them is not OTLP. */
function mergeJsonLines(docs: readonly unknown[]): JsonRecord | undefined {
  const resourceSpans: unknown[] = [];
  for (const v of docs) {
    if (!isRecord(v) || !Array.isArray(v.resourceSpans)) return undefined;
    for (const r of v.resourceSpans) resourceSpans.push(r); // no spread: a line can hold 100k+ entries
  }
  return { resourceSpans };
}

/**
 * The documents a streamed text held (json-stream.ts) → traces: one document by its shape,
 * several as OTLP JSON Lines.
 */
export function parseTraceDocuments(docs: readonly unknown[]): ParsedTraces {
  if (docs.length === 1) return parseTraceJson(docs[0]);
  const merged = mergeJsonLines(docs);
  if (merged === undefined)
    throw new TraceFormatError(`${docs.length} JSON documents one after another, which are not OTLP JSON Lines`);
  return parseTraceJson(merged);
}

/** "Unexpected token } … at line 3 column 5", computed from V8's character position. */
function describeSyntaxError(e: unknown, text: string): string {
  const raw = e instanceof Error ? e.message : String(e);
  const m = /^(.*?)(?:,)? in JSON at position (\d+)/s.exec(raw) ?? /^(.*?) at position (\d+)/s.exec(raw);
  if (m === null || m[1] === undefined || m[2] === undefined) return raw;
  const pos = Number(m[2]);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${m[1].replace(/\s*\(line \d+ column \d+\)\s*$/, '')} at line ${line} column ${pos - lineStart + 1}`;
}

/** Parsed JSON → traces, by shape. Throws TraceFormatError when no format fits. */
export function parseTraceJson(json: unknown): ParsedTraces {
  const { format, convert } = detect(json);
  const traces = convert();
  if (traces.length === 0) throw new TraceFormatError(`this ${formatLabel(format)} document contains no spans`);
  return { format, traces };
}

export function formatLabel(format: TraceFormat): string {
  switch (format) {
    case 'jaeger-v1':
      return 'Jaeger JSON';
    case 'jaeger-v3':
      return 'Jaeger API v3';
    case 'otlp':
      return 'OTLP/JSON';
    case 'tempo-v1':
      return 'Tempo /api/traces';
    case 'tempo-v2':
      return 'Tempo /api/v2/traces';
    case 'zipkin':
      return 'Zipkin v2';
    case 'demo':
      return 'demo';
  }
}

interface Detected {
  readonly format: TraceFormat;
  readonly convert: () => Trace[];
}

function detect(json: unknown): Detected {
  if (Array.isArray(json)) return detectArray(json);
  if (!isRecord(json)) throw new TraceFormatError(`the JSON is ${describeJson(json)}, not an object or array`);
  const o = json;
  if ('result' in o) return { format: 'jaeger-v3', convert: () => otlpToTraces(o, 'jaeger-v3') };
  if ('resourceSpans' in o || 'resource_spans' in o) return { format: 'otlp', convert: () => otlpToTraces(o, 'otlp') };
  if ('batches' in o) return { format: 'tempo-v1', convert: () => tempoToTraces(o) };
  if ('trace' in o && (o.trace === null || isRecord(o.trace)))
    return { format: 'tempo-v2', convert: () => tempoToTraces(o) };
  if ('spans' in o && Array.isArray(o.spans)) return { format: 'jaeger-v1', convert: () => jaegerV1ToTraces(o) };
  if ('data' in o) return detectJaegerEnvelope(o);
  throw new TraceFormatError(explainObject(o));
}

function detectJaegerEnvelope(o: JsonRecord): Detected {
  const data = o.data;
  if (Array.isArray(data) && data.length > 0) {
    const first: unknown = data[0];
    if (typeof first === 'string')
      throw new TraceFormatError(
        '"data" is a list of names — this looks like a Jaeger services or operations list, not a trace',
      );
    if (isRecord(first) && 'parent' in first && 'child' in first)
      throw new TraceFormatError(
        '"data" holds parent/child call counts — this looks like a Jaeger dependencies response, not a trace',
      );
    if (isRecord(first) && 'spanKind' in first)
      throw new TraceFormatError(
        '"data" holds operation names — this looks like a Jaeger operations list, not a trace',
      );
    if (!isRecord(first) || !Array.isArray(first.spans))
      throw new TraceFormatError(`"data" holds ${describeJson(first)} without "spans" — not a Jaeger trace`);
  }
  if (!Array.isArray(data) && Array.isArray(o.errors) && o.errors.length > 0) {
    throw new TraceFormatError(`this is a Jaeger error response (${errorText(o.errors[0])}), not a trace`);
  }
  return { format: 'jaeger-v1', convert: () => jaegerV1ToTraces(o) };
}

function errorText(e: unknown): string {
  if (!isRecord(e)) return String(e);
  const code = typeof e.code === 'number' ? `${e.code} ` : '';
  return `${code}${typeof e.msg === 'string' ? e.msg : 'error'}`;
}

function detectArray(a: readonly unknown[]): Detected {
  if (a.length === 0) throw new TraceFormatError('the JSON is an empty array');
  const first: unknown = a[0];
  if (Array.isArray(first) || (isRecord(first) && 'traceId' in first && 'id' in first)) {
    return { format: 'zipkin', convert: () => zipkinToTraces(a) };
  }
  if (typeof first === 'string')
    throw new TraceFormatError(
      'the JSON is an array of strings — this looks like a list of service or span names (Zipkin /api/v2/services), not a trace',
    );
  if (isRecord(first) && 'parent' in first && 'child' in first)
    throw new TraceFormatError(
      'the JSON is a list of parent/child call counts — this looks like a dependencies response, not a trace',
    );
  const keys = isRecord(first) ? `objects with keys ${keyList(first)}` : describeJson(first);
  throw new TraceFormatError(`the JSON is an array of ${keys}, not Zipkin spans (which need "traceId" and "id")`);
}

function keyList(o: JsonRecord): string {
  const keys = Object.keys(o);
  if (keys.length === 0) return '(none)';
  return keys.length > 8 ? `${keys.slice(0, 8).join(', ')}, …` : keys.join(', ');
}

/** Why an object matched no trace format, naming the non-trace responses we know. */
function explainObject(o: JsonRecord): string {
  const keys = `top-level keys ${keyList(o)}`;
  const error = o.error;
  if (isRecord(error)) {
    const code = typeof error.httpCode === 'number' ? `${error.httpCode}: ` : '';
    const msg = typeof error.message === 'string' ? error.message : 'unknown error';
    return `${keys} — this is a Jaeger API v3 error response (${code}${msg}), not a trace`;
  }
  if (Array.isArray(o.services)) return `${keys} — this looks like a Jaeger services list, not a trace`;
  if (Array.isArray(o.operations)) return `${keys} — this looks like a Jaeger operations list, not a trace`;
  if (Array.isArray(o.summaries))
    return `${keys} — this looks like Jaeger API v3 trace summaries (search results without spans), not a trace`;
  if (Array.isArray(o.traces))
    return `${keys} — this looks like Tempo search results (trace summaries without spans), not a trace`;
  if ('tagNames' in o || 'scopes' in o || 'tagValues' in o)
    return `${keys} — this looks like a Tempo tag list, not a trace`;
  if (Object.keys(o).length === 0) return 'the JSON is an empty object';
  return `${keys} match no known trace shape`;
}

/** What a backend's trace-by-id endpoint answers: the client knows it, so nothing is guessed. */
export type WireFormat = 'jaeger-v3' | 'jaeger-v1' | 'tempo' | 'zipkin';

/**
 * A backend answer of a known format → traces, straight to that format's adapter. Adapters
 * throw TraceNotFoundError for an answer without the trace and TraceAdapterError for a
 * wrong shape; an empty result is a not-found.
 */
export function parseKnownFormat(format: WireFormat, json: unknown): ParsedTraces {
  let traces: Trace[];
  switch (format) {
    case 'jaeger-v3':
      traces = otlpToTraces(json, 'jaeger-v3');
      break;
    case 'jaeger-v1':
      traces = jaegerV1ToTraces(json);
      break;
    case 'tempo':
      traces = tempoToTraces(json);
      break;
    case 'zipkin':
      traces = zipkinToTraces(json);
      break;
  }
  const first = traces[0];
  if (first === undefined)
    throw new TraceNotFoundError(format === 'tempo' ? 'tempo-v2' : format, 'the answer holds no spans');
  return { format: first.format, traces };
}
