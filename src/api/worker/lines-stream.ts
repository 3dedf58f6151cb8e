/**
 * JSON Lines (the OpenTelemetry Collector's file exporter writes one TracesData per line)
 * parsed a line at a time while the text arrives, each line by the native JSON.parse. Before
 * this, such a file was read to its end by the OTLP reader, which then gave up, and read again
 * by the general streaming tokenizer (json-stream.ts), several times slower than JSON.parse.
 *
 * A line that is not one JSON document (pretty-printed JSON, text that is not JSON), no line
 * end within `maxLineChars`, or a text of one line: NotJsonLines, and the caller reads the text
 * another way (the OTLP reader converts one big document while it arrives), which words any
 * error. The first line waits, unparsed, until a second one shows that the text is JSON Lines.
 */

import { arr, isRecord, pick } from '../../lib/json';

export class NotJsonLines extends Error {
  override readonly name = 'NotJsonLines';
}

function bail(why: string): never {
  throw new NotJsonLines(why);
}

/** Longer lines are left to the readers that parse a document while it arrives. */
const MAX_LINE_CHARS = 16 * 1024 * 1024;
const NEWLINE = '\n';

export class JsonLinesReader {
  /** The current line's text so far. */
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly docs: unknown[] = [];
  /** The first non-blank line, parsed once a second one comes. */
  private first: string | undefined;
  private spanCount = 0;

  /** `maxLineChars`: the longest line read here (tests make it small). */
  constructor(private readonly maxLineChars = MAX_LINE_CHARS) {}

  /** Documents (lines) parsed so far. */
  get documents(): number {
    return this.docs.length;
  }

  /** Spans in the OTLP documents parsed so far, for progress ("52,000 spans"). */
  get spans(): number {
    return this.spanCount;
  }

  feed(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      const tail = chunk.slice(start, nl);
      const line = this.pending.length === 0 ? tail : this.pending.join('') + tail;
      this.pending = [];
      this.pendingChars = 0;
      this.line(line);
      start = nl + 1;
    }
    if (start >= chunk.length) return;
    const rest = start === 0 ? chunk : chunk.slice(start);
    this.pending.push(rest);
    this.pendingChars += rest.length;
    if (this.pendingChars > this.maxLineChars) bail('a line longer than the JSON Lines reader takes');
  }

  /** Every line's document, in order (at least two); throws NotJsonLines. */
  end(): unknown[] {
    const last = this.pending.join('');
    this.pending = [];
    this.line(last);
    if (this.docs.length < 2) bail('not several lines');
    return this.docs;
  }

  private line(text: string): void {
    if (text.trim() === '') return; // blank lines, and the end of a text that ends with a newline
    if (this.docs.length === 0) {
      if (this.first === undefined) {
        this.first = text;
        return;
      }
      this.parse(this.first);
      this.first = undefined;
    }
    this.parse(text);
  }

  private parse(text: string): void {
    try {
      this.docs.push(JSON.parse(text));
    } catch {
      bail('a line that is not one JSON document');
    }
    this.spanCount += otlpSpanCount(this.docs[this.docs.length - 1]);
  }
}

/** Spans in one OTLP TracesData (either JSON spelling, and the old instrumentation-library name); 0 for anything else. */
function otlpSpanCount(doc: unknown): number {
  if (!isRecord(doc)) return 0;
  let n = 0;
  for (const rs of arr(pick(doc, 'resourceSpans', 'resource_spans'))) {
    if (!isRecord(rs)) continue;
    const scopes = pick(
      rs,
      'scopeSpans',
      'scope_spans',
      'instrumentationLibrarySpans',
      'instrumentation_library_spans',
    );
    for (const ss of arr(scopes)) if (isRecord(ss)) n += arr(ss.spans).length;
  }
  return n;
}
