/**
 * Jaeger v1 JSON turned into Traces while its text arrives, so a backend's answer or a file
 * is mostly parsed and converted by the time its last byte is read, and never held whole.
 *
 * Jaeger writes compact JSON: `{"data":[{"traceID":"…","spans":[{"traceID":…},{"traceID":…},…],
 * "processes":{…},…}],…}`. Once that head is read, every megabyte or so the text up to the last
 * `},{"traceID":"` goes to the native JSON.parse as one array of spans (a JS tokenizer is
 * several times slower). That cut is always between two spans: quotes inside JSON strings are
 * escaped, so the pattern cannot be inside a string, and a cut anywhere else leaves brackets
 * open, which JSON.parse refuses. Each span is built by the Jaeger adapter's own convertSpan,
 * with times left absolute and a stand-in process: Jaeger sends `processes` after `spans`, and
 * the earliest start is known only at the end. `end()` parses the head plus the rest (the last
 * spans, processes, errors), shifts times, sets services and resources, and builds the Trace
 * exactly as jaegerV1ToTraces would (jaeger-stream.test.ts checks that).
 *
 * A big file is read by two workers at once (split-file.ts), cut between two spans: the head
 * part's reader ends with `endHead`, given the tail's processes and earliest start; the tail
 * part's reader (`{ tail: true }`) starts at a span and reads the rest of the document.
 *
 * Anything else (pretty-printed text, another format, several traces, a span without
 * processID or startTime, text that is not JSON…) throws NotFastJaeger; the caller then reads
 * the same text the general way, which also words any error.
 */
import { arr, isRecord, numOrDecimal, rec, str, type JsonRecord } from '../../lib/json';
import type { Span, Trace, TraceId } from '../../model/types';
import { toMicros } from '../../model/types';
import { EMPTY, ResourceCache, listOrEmpty, makeTrace, traceIdOf, withInterning } from '../adapter-common';
import { convertSpan, describeError, toProcess, type Process } from '../jaeger/to-model';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class NotFastJaeger extends Error {
  override readonly name = 'NotFastJaeger';
}

function bail(why: string): never {
  throw new NotFastJaeger(why);
}

/** The text before the first span: an envelope holding one trace, or a bare trace. */
const HEAD = /^\s*\{(\s*"data"\s*:\s*\[\s*\{)?\s*"traceID"\s*:\s*"[^"\\]*"\s*,\s*"spans"\s*:\s*\[/;
const MAX_HEAD_CHARS = 4096;
/** Between two spans of Jaeger's compact JSON. */
export const SPAN_GAP = '},{"traceID":"';
/** Spans are parsed in batches of about this many chars. */
const BATCH_CHARS = 1 << 20;
/** No span boundary within this many chars: not the compact shape. */
const MAX_PENDING_CHARS = 64 * 1024 * 1024;
/** Top-level keys that make the general reader take the document for another format. */
const OTHER_FORMAT_KEYS = ['result', 'resourceSpans', 'resource_spans', 'batches', 'trace'];
/** The text a tail part starts with: at a span, inside the spans of a document's one trace. */
const TAIL_HEAD = '{"data":[{"spans":[';
const TAIL_BARE_HEAD = '{"spans":[';
const TAIL_FIRST_ID = /^\{"traceID":"([^"\\]*)"/;
/** Spans get this until `processes` is read. */
const PENDING_PROCESS: Process = { service: '', resource: EMPTY };

export class JaegerStreamReader {
  /** The document's text before its first span, once seen. */
  private head: string | undefined;
  private bare = false;
  private readonly tail: boolean;
  /** The tail part's `processes` and warnings, once end() has read them. */
  private tailDoc: { readonly processes: unknown; readonly warnings: readonly string[] } | undefined;
  private pending: string[] = [];
  private pendingChars = 0;
  private traceId: TraceId | undefined;
  /** Spans as converted, completed by finish(). */
  private readonly wireSpans: Writable<Span>[] = [];
  private readonly pids: string[] = [];
  private minStart = Number.POSITIVE_INFINITY;
  private readonly scopes = new Map<string, { readonly name: string; readonly version?: string }>();

  /**
   * `onSpan`: told of each span as it is converted (its service, resource and times are set by end()).
   * `tail`: the text starts at a span of the trace, not at the document's start (split-file.ts).
   */
  constructor(
    private readonly onSpan?: (span: Span) => void,
    options: { readonly tail?: boolean } = {},
  ) {
    this.tail = options.tail ?? false;
  }

  /** A tail part's `processes` (as JSON) and trace warnings, for the head part; after end(). */
  get tailProcesses(): { readonly processes: unknown; readonly warnings: readonly string[] } {
    return this.tailDoc ?? bail('the tail part has not ended');
  }

  /** Spans read so far, for progress. */
  get spans(): number {
    return this.wireSpans.length;
  }

  /** Throws NotFastJaeger as soon as the text is seen not to be in the compact shape. */
  feed(chunk: string): void {
    this.pending.push(chunk);
    this.pendingChars += chunk.length;
    if (this.head === undefined) this.readHead();
    else if (this.pendingChars >= BATCH_CHARS) this.readBatch();
  }

  /** The traces, as jaegerV1ToTraces would give them; throws NotFastJaeger. */
  end(): Trace[] {
    if (this.head === undefined) bail('no trace head');
    const doc = this.tail
      ? this.tailDocument()
      : this.guard(() => JSON.parse(this.head + this.pending.join('')) as unknown);
    this.pending = [];
    if (!isRecord(doc) || OTHER_FORMAT_KEYS.some((k) => k in doc)) bail('not a Jaeger document');
    if (this.bare && 'data' in doc) bail('a trace with "data"');
    const data = this.bare ? [doc] : doc.data;
    if (!Array.isArray(data) || data.length !== 1) bail('not one trace');
    const trace: unknown = data[0];
    if (
      !isRecord(trace) ||
      !Array.isArray(trace.spans) ||
      (this.tail ? 'traceID' in trace : trace.traceID !== this.head.match(/"traceID"\s*:\s*"([^"]*)"/)?.[1])
    )
      bail('the trace changed its id');
    this.guard(() => withInterning(() => this.convert(trace.spans as unknown[])));
    if (this.wireSpans.length === 0) bail('no spans'); // the general reader words that
    const errors = this.bare ? [] : arr(doc.errors).map(describeError);
    const warnings = [...ownWarnings(trace), ...errors];
    if (this.tail) this.tailDoc = { processes: trace.processes, warnings };
    return [this.guard(() => withInterning(() => this.finish(trace.processes, warnings, this.minStart)))];
  }

  /**
   * The head part of a split file, once its text is read: its spans, with the processes read by
   * the tail part, and times from the earliest start of both parts (`tailEarliestUs`: the
   * tail's). The tail part's warnings go with its spans, so the head has none.
   */
  endHead(processes: unknown, tailEarliestUs: number): Trace {
    if (this.head === undefined || this.tail) bail('not a head part');
    const spans = this.guard(() => JSON.parse(`[${this.pending.join('')}]`) as unknown[]);
    this.pending = [];
    this.guard(() => withInterning(() => this.convert(spans)));
    if (this.wireSpans.length === 0) bail('no spans');
    const earliest = Math.min(this.minStart, tailEarliestUs);
    return this.guard(() => withInterning(() => this.finish(processes, [], earliest)));
  }

  /** A tail part's rest of the document, in Jaeger's envelope or (failing that) a bare trace. */
  private tailDocument(): unknown {
    const rest = this.pending.join('');
    try {
      return JSON.parse(TAIL_HEAD + rest) as unknown;
    } catch {
      this.bare = true;
      return this.guard(() => JSON.parse(TAIL_BARE_HEAD + rest) as unknown);
    }
  }

  /** Any failure (a bad id, text that is not JSON) is left for the general reader to word. */
  private guard<T>(run: () => T): T {
    try {
      return run();
    } catch (err) {
      if (err instanceof NotFastJaeger) throw err;
      bail(err instanceof Error ? err.message : String(err));
    }
  }

  private readHead(): void {
    const text = this.pending.join('');
    if (this.tail) {
      const first = TAIL_FIRST_ID.exec(text);
      if (first === null) {
        if (text.length > MAX_HEAD_CHARS) bail('the tail part does not start at a span');
        this.pending = [text];
        return;
      }
      this.head = TAIL_HEAD;
      this.traceId = traceIdOf(first[1] ?? '') ?? bail('no valid traceID');
      this.pendingChars = text.length;
      this.pending = [text];
      return;
    }
    const m = HEAD.exec(text);
    if (m === null) {
      if (text.length > MAX_HEAD_CHARS) bail('not compact Jaeger JSON');
      this.pending = [text];
      return;
    }
    this.head = m[0];
    this.bare = m[1] === undefined;
    const raw = /"traceID"\s*:\s*"([^"]*)"/.exec(m[0])?.[1];
    this.traceId = (raw === undefined ? undefined : traceIdOf(raw)) ?? bail('no valid traceID');
    const rest = text.slice(m[0].length);
    this.pending = [rest];
    this.pendingChars = rest.length;
  }

  /** Parses the whole spans in the text so far; the rest waits for more. */
  private readBatch(): void {
    const text = this.pending.join('');
    const cut = text.lastIndexOf(SPAN_GAP);
    if (cut < 0) {
      if (text.length > MAX_PENDING_CHARS) bail('no span boundary');
      this.pending = [text];
      return;
    }
    const spans = this.guard(() => JSON.parse(`[${text.slice(0, cut + 1)}]`) as unknown[]);
    this.guard(() => withInterning(() => this.convert(spans)));
    const rest = text.slice(cut + 2);
    this.pending = [rest];
    this.pendingChars = rest.length;
  }

  private convert(spans: readonly unknown[]): void {
    const traceId = this.traceId ?? bail('no trace id');
    for (const s of spans) {
      if (!isRecord(s)) bail('a span that is not an object');
      const start = numOrDecimal(s.startTime);
      const pid = str(s.processID);
      if (start === undefined) bail('a span without startTime');
      // An embedded `process` counts only when processID names no process: finish() gives up then.
      if (pid === undefined) bail('a span without a processID');
      if (start < this.minStart) this.minStart = start;
      const i = this.wireSpans.length;
      const span = convertSpan(s, i, traceId, 0, PENDING_PROCESS, pid, this.scopes);
      this.wireSpans.push(span);
      this.onSpan?.(span);
      this.pids.push(pid);
    }
  }

  private finish(processesJson: unknown, warnings: readonly string[], earliest: number): Trace {
    const traceId = this.traceId ?? bail('no trace id');
    const resources = new ResourceCache();
    const processes = new Map<string, Process>();
    const wire = rec(processesJson);
    if (wire !== undefined) for (const [id, p] of Object.entries(wire)) processes.set(id, toProcess(p, resources));
    const minStart = Number.isFinite(earliest) ? earliest : 0;
    // In place: a copy of each span would double the model's memory for a moment (1M spans).
    const spans = this.wireSpans;
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i];
      if (s === undefined) continue;
      const process = processes.get(this.pids[i] ?? '') ?? bail('a span whose process is missing');
      s.service = process.service;
      s.resource = process.resource;
      s.startUs = toMicros(s.startUs - minStart);
      if (s.events.length > 0) s.events = s.events.map((e) => ({ ...e, timeUs: toMicros(e.timeUs - minStart) }));
    }
    return makeTrace(traceId, minStart, spans, listOrEmpty(warnings), 'jaeger-v1');
  }
}

function ownWarnings(trace: JsonRecord): string[] {
  return arr(trace.warnings).flatMap((w) => (typeof w === 'string' ? [w] : []));
}
