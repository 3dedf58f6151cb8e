/**
 * A JSON array of objects (Zipkin's `/api/v2/trace/{id}` answer: one object per span) parsed
 * while its text arrives, a megabyte at a time: each batch ends where an item's first key
 * starts the next one (`},{"traceId":`), and a cut counts only when the text before it parses
 * (a cut inside an item leaves its brackets open). A quote inside a JSON string is escaped, so
 * the pattern cannot match inside one. The last part is parsed at the end with the closing `]`,
 * so `end()` gives exactly what JSON.parse would have given the whole text.
 *
 * Anything else (not an array, items that are not compact objects, text that is not JSON):
 * NotFastArray, and the caller parses the kept text the general way, which words any error.
 */
import { OPEN_BRACKET } from '../../lib/json-chars';
import { parseItems } from './parse-items';

export class NotFastArray extends Error {
  override readonly name = 'NotFastArray';
}

function bail(why: string): never {
  throw new NotFastArray(why);
}

/** Items are parsed in batches of about this many chars. */
const BATCH_CHARS = 1 << 20;
/**
 * No cut that parses within this many batches: not a Zipkin span array (a span is a few KB),
 * e.g. an array of Jaeger traces, whose spans also start with the trace id key; given up
 * early, as each failed cut costs a JSON.parse of the pending text.
 */
const MAX_PENDING_BATCHES = 2;
/** Cuts tried before waiting for more text. */
const MAX_CUT_TRIES = 4;
/** The first key of an item, as compact JSON writes it. */
const FIRST_KEY = /^\{"([A-Za-z_]+)":/;

export class ArrayStreamReader {
  private pending: string[] = [];
  private pendingChars = 0;
  /** Past the array's opening bracket. */
  private started = false;
  /** Between two items: `},{"<the first key of an item>":`, learnt from the first item. */
  private gap: string | undefined;
  private readonly items: unknown[] = [];
  /** The pending text is read once it is this long (a cut that failed waits for another batch). */
  private readAt: number;

  /** `batchChars`: the text parsed at a time (tests make it small). */
  constructor(private readonly batchChars = BATCH_CHARS) {
    this.readAt = batchChars;
  }

  /** Items parsed so far, for progress. */
  get spans(): number {
    return this.items.length;
  }

  feed(chunk: string): void {
    this.pending.push(chunk);
    this.pendingChars += chunk.length;
    if (!this.started) this.start();
    if (this.started && this.pendingChars >= this.readAt) this.read();
  }

  /** The whole array; throws NotFastArray. */
  end(): unknown[] {
    if (!this.started) this.start();
    if (!this.started) bail('not a JSON array');
    let rest: unknown;
    try {
      rest = JSON.parse(`[${this.pending.join('')}`);
    } catch (err) {
      bail(err instanceof Error ? err.message : String(err));
    }
    this.pending = [];
    if (!Array.isArray(rest)) bail('not a JSON array');
    const items = this.items;
    for (const item of rest) items.push(item); // no spread: a batch can hold 100k+ items
    return items;
  }

  /** Past the opening bracket once it is seen; the first item's first key, once it is there. */
  private start(): void {
    const text = this.pending.join('').trimStart();
    if (text === '') return;
    if (text.charCodeAt(0) !== OPEN_BRACKET) bail('not a JSON array');
    this.started = true;
    this.pending = [text.slice(1)];
    this.pendingChars = text.length - 1;
  }

  /** Parses the whole items in the text so far; the rest waits for more. */
  private read(): void {
    const text = this.pending.join('');
    if (this.gap === undefined) {
      const m = FIRST_KEY.exec(text);
      // not compact objects (pretty-printed, or an array of arrays): the general way reads it
      if (m === null) bail('items are not compact objects');
      this.gap = `},{"${m[1]}":`;
    }
    let cut = text.lastIndexOf(this.gap);
    for (let tries = 0; cut > 0 && tries < MAX_CUT_TRIES; tries++) {
      const items = parseItems(text.slice(0, cut + 1));
      if (items !== undefined) {
        for (const item of items) this.items.push(item);
        const rest = text.slice(cut + 2);
        this.pending = [rest];
        this.pendingChars = rest.length;
        this.readAt = this.batchChars;
        return;
      }
      cut = text.lastIndexOf(this.gap, cut - 1);
    }
    if (text.length > MAX_PENDING_BATCHES * this.batchChars) bail('no item boundary');
    this.pending = [text];
    this.readAt = text.length + this.batchChars;
  }
}
