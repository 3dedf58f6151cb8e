/**
 * OTLP-shaped JSON (Jaeger API v3, Tempo, OTLP files) parsed while its text arrives, so that
 * by the last byte almost all of it is parsed: the text of a 100k-span answer (~57 MB) took the
 * native JSON.parse about half a second once it had all arrived.
 *
 * Every `"spans":[` array is cut out of the text and its spans go to JSON.parse in batches of
 * about a megabyte, each batch ending where the array's first key starts the next span
 * (`},{"traceId":`). Links begin with the same key, so a cut is taken only when the text before
 * it parses: a cut inside a span leaves its brackets open, which JSON.parse refuses. A quote
 * inside a JSON string is escaped, so neither pattern can match inside one. Where an array ends
 * is found by counting brackets over what is left of it after the last cut (about one span).
 * The rest of the document (resources, scopes, envelopes: a few KB) is kept as text with the
 * arrays emptied, parsed at the end, and the arrays are put back in document order, so `end()`
 * gives exactly the value JSON.parse would have given the whole text.
 *
 * Pretty-printed text, text that is not JSON, a document too long for one string: NotFastOtlp,
 * and the caller parses the text the general way, which also words any error.
 */
import { isRecord, type JsonRecord } from '../../lib/json';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from '../../lib/json-chars';
import { withInterning } from '../adapter-common';
import { OtlpConverter, scopeSpansOf, type SpanContext } from '../otlp/spans';
import { ConvertedSpans } from '../otlp/to-model';
import { parseItems } from './parse-items';

export class NotFastOtlp extends Error {
  override readonly name = 'NotFastOtlp';
}

function bail(why: string): never {
  throw new NotFastOtlp(why);
}

const SPANS_KEY = '"spans":[';
/** Spans are parsed in batches of about this many chars. */
const BATCH_CHARS = 1 << 20;
/** Text outside the span arrays beyond this is not an OTLP answer: the general way is as fast. */
const MAX_ENVELOPE_CHARS = 64 * 1024 * 1024;
/** No cut within this many chars of one array: not the compact shape. */
const MAX_PENDING_CHARS = 64 * 1024 * 1024;
/** Enough text to hold a span's first key. */
const MAX_HEAD_CHARS = 1024;
/** The first key of a span, as compact JSON writes it. */
const FIRST_KEY = /^\{"([A-Za-z_]+)":/;

/** Stands for a span array in the envelope's text; no document has this string. */
const PLACEHOLDER = '\u0000pathlight:spans';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);
/** Cuts tried before waiting for more text (a cut between two links does not parse). */
const MAX_CUT_TRIES = 4;

/** Past this much envelope text (one resource per span?), arrays are kept as parsed and converted at the end. */
const MAX_CONVERTING_ENVELOPE_CHARS = 4 * 1024 * 1024;

interface Open {
  readonly array: boolean;
  /** Its offset in the envelope's text. */
  readonly start: number;
  /** Containers opened directly in it (for an array: its items so far). */
  items: number;
}

/**
 * Where the array whose items start at `text[0]` ends: the index of its closing `]`, or -1
 * when the text ends first. Strings are skipped, brackets counted.
 */
export function arrayEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // to the closing quote: one not preceded by an odd number of backslashes
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i < 0) return -1;
        let b = 0;
        while (text.charCodeAt(i - 1 - b) === BACKSLASH) b++;
        if (b % 2 === 0) break;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return c === CLOSE_BRACKET ? i : bail('a span array closed with }');
      depth--;
    }
  }
  return -1;
}

export class OtlpStreamReader {
  /** The document's text outside its span arrays, each left holding a placeholder. */
  private envelope = '';
  /** Containers open at the end of the envelope's text, up to `scanned`. */
  private readonly open: Open[] = [];
  private scanned = 0;
  private inString = false;
  private escaped = false;
  private pending: string[] = [];
  private pendingChars = 0;
  /** Inside a span array (its items start at the pending text), or between them. */
  private inArray = false;
  /** Each span array's spans (or, converted as they came, their count), in document order. */
  private readonly arrays: (unknown[] | ConvertedSpans)[] = [];
  /** The context the current array's spans are converted in; undefined: kept as parsed. */
  private context: SpanContext | undefined;
  private converting: boolean;
  /** Spans of the current array converted so far. */
  private converted = 0;
  /** Between two spans: `},{"<the first key of a span>":`, learnt from the first span. */
  private gap: string | undefined;
  private count = 0;

  /**
   * With a `converter`, spans are converted into it as they are parsed (and not kept) for as
   * long as each array's resource and scope can be read from the text before it; the arrays
   * then come back from end() as ConvertedSpans, which otlpToTraces knows.
   */
  constructor(
    private readonly converter?: OtlpConverter,
    private readonly batchChars = BATCH_CHARS,
  ) {
    this.converting = converter !== undefined;
  }

  /** Spans parsed so far, for progress. */
  get spans(): number {
    return this.count;
  }

  feed(chunk: string): void {
    this.pending.push(chunk);
    this.pendingChars += chunk.length;
    if (this.pendingChars >= this.batchChars) this.read(false);
  }

  /** The whole document's value; throws NotFastOtlp. */
  end(): unknown {
    this.read(true);
    if (this.inArray) bail('the text ends inside a span array');
    this.keepEnvelope(this.pending.join(''));
    this.pending = [];
    let doc: unknown;
    try {
      doc = JSON.parse(this.envelope);
    } catch (err) {
      bail(err instanceof Error ? err.message : String(err));
    }
    this.envelope = '';
    if (this.putBack(doc) !== this.arrays.length) bail('the span arrays are not where they were read');
    return doc;
  }

  /** end(), then `parse` of the document; throws NotFastOtlp when a converted array was not met by it. */
  parsed<T>(parse: (doc: unknown) => T): T {
    const out = parse(this.end());
    const c = this.converter;
    if (c !== undefined && c.claimed !== c.streamed) bail('converted spans the document walk did not meet');
    return out;
  }

  private keepEnvelope(text: string): void {
    this.envelope += text;
    if (this.envelope.length > MAX_ENVELOPE_CHARS) bail('mostly text outside span arrays');
    if (this.envelope.length > MAX_CONVERTING_ENVELOPE_CHARS) this.converting = false;
  }

  /** The containers open at the end of the envelope's text (strings skipped). */
  private scanEnvelope(): readonly Open[] {
    const text = this.envelope;
    const open = this.open;
    for (let i = this.scanned; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        const top = open[open.length - 1];
        if (top?.array === true) top.items++;
        open.push({ array: c === OPEN_BRACKET, start: i, items: 0 });
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) open.pop();
    }
    this.scanned = text.length;
    return open;
  }

  /**
   * The resource and scope of the span array just opened, read from the envelope: the last
   * five open containers are the resources list, a resource, its scopes list, a scope and the
   * array. Undefined when the text is not shaped so.
   */
  private contextHere(converter: OtlpConverter): SpanContext | undefined {
    const open = this.scanEnvelope();
    const [list, resource, scopes, scope, spans] = open.slice(-5);
    if (list === undefined || resource === undefined || scopes === undefined || scope === undefined) return undefined;
    if (!list.array || resource.array || !scopes.array || scope.array || spans?.array !== true) return undefined;
    let rs: unknown;
    try {
      rs = JSON.parse(`${this.envelope.slice(resource.start)}]}]}`);
    } catch {
      return undefined;
    }
    if (!isRecord(rs)) return undefined;
    const ssList = scopeSpansOf(rs);
    if (!Array.isArray(ssList) || ssList.length !== scopes.items) return undefined;
    const ss: unknown = ssList[ssList.length - 1];
    if (!isRecord(ss) || !Array.isArray(ss.spans) || ss.spans[0] !== PLACEHOLDER) return undefined;
    return converter.context(rs, ss as JsonRecord, list.items - 1, scopes.items - 1);
  }

  private read(final: boolean): void {
    let text = this.pending.join('');
    for (;;) {
      if (!this.inArray) {
        const at = text.indexOf(SPANS_KEY);
        if (at < 0) {
          // keep the tail: the key may be cut in two
          const keep = final ? 0 : Math.min(text.length, SPANS_KEY.length - 1);
          this.keepEnvelope(text.slice(0, text.length - keep));
          text = text.slice(text.length - keep);
          break;
        }
        const before = text.charCodeAt(at - 1);
        if (at > 0 && before !== COMMA && before !== OPEN_BRACE) bail('a "spans" key that is not compact JSON');
        this.keepEnvelope(text.slice(0, at + SPANS_KEY.length) + PLACEHOLDER_JSON);
        text = text.slice(at + SPANS_KEY.length);
        this.inArray = true;
        this.arrays.push([]);
        this.converted = 0;
        // Once an array is kept as parsed, so are all after it: the walk meets converted ones first.
        if (this.converting && this.converter !== undefined) this.context = this.contextHere(this.converter);
        if (this.context === undefined) this.converting = false;
      }
      const { rest, ended } = this.readArray(text, final);
      text = rest;
      if (!ended) break;
      this.inArray = false;
    }
    this.pending = text === '' ? [] : [text];
    this.pendingChars = text.length;
  }

  /**
   * Parses the spans at the start of `text`, which is inside a span array. Gives back the text
   * after the array (from its `]`), or, when the array goes on past `text`, what is left of it.
   */
  private readArray(text: string, final: boolean): { rest: string; ended: boolean } {
    if (this.gap === undefined) {
      const m = FIRST_KEY.exec(text);
      if (m !== null) this.gap = `},{"${m[1]}":`;
      else if (text.length > MAX_HEAD_CHARS && text.charCodeAt(0) !== CLOSE_BRACKET)
        bail('spans that are not compact JSON');
    }
    // The array ends before the next one starts.
    const next = text.indexOf(SPANS_KEY);
    let from = 0;
    if (this.gap !== undefined && (next >= 0 || final || text.length >= this.batchChars)) {
      // The last cut before `next` whose text parses: one inside a span's links does not.
      let cut = text.lastIndexOf(this.gap, next >= 0 ? next : text.length);
      for (let tries = 0; cut > 0 && tries < MAX_CUT_TRIES; tries++) {
        const items = parseItems(text.slice(0, cut + 1));
        if (items !== undefined) {
          this.add(items);
          from = cut + 2;
          break;
        }
        cut = text.lastIndexOf(this.gap, cut - 1);
      }
    }
    const left = from === 0 ? text : text.slice(from);
    const end = arrayEnd(left);
    if (end < 0 || (next >= 0 && from + end > next)) {
      if (next >= 0 || final) bail('a span array that does not end');
      if (left.length > MAX_PENDING_CHARS) bail('no span boundary');
      return { rest: left, ended: false };
    }
    this.add(parseItems(left.slice(0, end)) ?? bail('a span array that is not JSON'));
    const { converter, context } = this;
    if (converter !== undefined && context !== undefined) {
      converter.streamed += this.converted;
      this.arrays[this.arrays.length - 1] = new ConvertedSpans(converter, this.converted);
      this.context = undefined;
    }
    return { rest: left.slice(end), ended: true };
  }

  /** Spans of the current array: converted, or kept as parsed. */
  private add(items: readonly unknown[]): void {
    const spans = this.arrays[this.arrays.length - 1];
    if (!Array.isArray(spans)) bail('no span array');
    const { converter, context } = this;
    if (converter !== undefined && context !== undefined) {
      // Any span the converter refuses: the general way words why.
      let i = this.converted;
      try {
        withInterning(() => {
          for (const s of items) converter.add(s, context, i++, 'otlp');
        });
      } catch (err) {
        bail(err instanceof Error ? err.message : String(err));
      }
      this.converted = i;
    } else for (const s of items) spans.push(s);
    this.count += items.length;
  }

  /**
   * Puts each span array back into the parsed envelope, in document order (JSON.parse keeps
   * the order of keys and items). Returns how many it put back.
   */
  private putBack(doc: unknown): number {
    let n = 0;
    const stack: unknown[] = [doc];
    while (stack.length > 0) {
      const v = stack.pop();
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      } else if (typeof v === 'object' && v !== null) {
        const o = v as Record<string, unknown>;
        if (Array.isArray(o.spans) && o.spans.length === 1 && o.spans[0] === PLACEHOLDER) {
          const spans = this.arrays[n++];
          if (spans === undefined) return -1;
          o.spans = spans;
        }
        const keys = Object.keys(o);
        for (let i = keys.length - 1; i >= 0; i--) {
          const k = keys[i];
          if (k !== undefined && k !== 'spans') stack.push(o[k]);
        }
      }
    }
    return n;
  }
}
