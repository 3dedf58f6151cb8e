/**
 * JSON parsed while its text arrives, in chunks, never as one string: a 1M-span trace
 * (about 0.9 GB of JSON) is longer than the longest string V8 can hold.
 *
 * The outer containers (the document, `data`, `spans`, `resourceSpans`…) are walked here,
 * one token at a time; any object or array that closes within SMALL_VALUE_CHARS of its start
 * (a span, a process, a resource) is handed whole to the native JSON.parse, which is many
 * times faster than a tokenizer written in JS. So the JS loop only finds where small values
 * end (tracking strings and nesting) and reads the big ones' punctuation.
 *
 * Several top-level values in a row (JSON Lines) are allowed: `end()` then returns them
 * all, in an array, with `documents` > 1.
 */

/** A value longer than this (in UTF-16 units) is walked token by token instead. */
const SMALL_VALUE_CHARS = 1 << 20;

export class JsonStreamError extends Error {
  override readonly name = 'JsonStreamError';
  constructor(
    readonly reason: string,
    /** Offset in the whole text (UTF-16 units) where the problem was seen. */
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
  }
}

type State = 'value' | 'value-or-end' | 'key-or-end' | 'key' | 'colon' | 'comma-or-end';

interface Frame {
  readonly array: boolean;
  readonly value: unknown[] | Record<string, unknown>;
  key: string; // the key whose value is awaited (objects)
}

/**
 * Where the search for a value's end stopped, to go on from there when more text comes: a
 * container that may be small enough to parse whole, or a string.
 */
interface Scan {
  readonly string: boolean;
  index: number; // the next char to look at (in buf, or past its end while text waits in `parts`)
  depth: number;
  inString: boolean;
  escaped: boolean;
}

/**
 * Advances `s` over text[from, to); the index of the char that ends the value (the closing
 * bracket or quote, not consumed), or -1 when it is not there.
 */
function advance(text: string, from: number, to: number, s: Scan): number {
  let { depth, inString, escaped } = s;
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) {
        if (s.string) {
          s.escaped = false;
          return p;
        }
        inString = false;
      }
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && depth-- === 1) {
      s.depth = 1;
      s.inString = false;
      s.escaped = false;
      return p;
    }
  }
  s.depth = depth;
  s.inString = inString;
  s.escaped = escaped;
  return -1;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** Characters that end a number or literal. */
const isDelimiter = (c: number) => isSpace(c) || c === 44 || c === 93 || c === 125;

export class JsonStreamParser {
  private buf = '';
  private pos = 0; // next char of buf to read
  private base = 0; // offset of buf[0] in the whole text
  private stack: Frame[] = [];
  private state: State = 'value';
  private scan: Scan | undefined;
  /** Text that came while a long value was open, kept apart until its end is found (no quadratic copying). */
  private parts: string[] = [];
  private partsLength = 0;
  private readonly docs: unknown[] = [];
  /** Values handed to JSON.parse whole (for a trace: about one per span). */
  smallValues = 0;

  /** `smallValueChars`: containers up to this long go to JSON.parse whole (tests make it tiny). */
  constructor(private readonly smallValueChars = SMALL_VALUE_CHARS) {}

  /** Offset in the whole text up to which everything has been read. */
  get position(): number {
    return this.base + this.pos;
  }

  /** Nothing but white space read so far. */
  get isEmpty(): boolean {
    return this.docs.length === 0 && this.stack.length === 0 && this.scan === undefined && this.pos >= this.buf.length;
  }

  get documents(): number {
    return this.docs.length;
  }

  feed(chunk: string): void {
    if (chunk.length === 0) return;
    // Keep only what is not yet read: a chunk's worth, or the start of a value still open.
    if (this.pos > 0) {
      this.buf = this.buf.slice(this.pos);
      this.base += this.pos;
      if (this.scan) this.scan.index -= this.pos;
      this.pos = 0;
    }
    const s = this.scan;
    if (s === undefined) {
      this.buf += chunk;
      this.pump(false);
      return;
    }
    // A value is open: look for its end in the new text alone, and join the text once found.
    const offset = this.buf.length + this.partsLength;
    const room = s.string ? chunk.length : Math.min(chunk.length, Math.max(0, this.smallValueChars - offset));
    const end = advance(chunk, 0, room, s);
    this.parts.push(chunk);
    this.partsLength += chunk.length;
    if (end < 0 && room === chunk.length && (s.string || offset + chunk.length < this.smallValueChars)) return;
    this.joinParts();
    s.index = end >= 0 ? offset + end : offset + room;
    this.pump(false);
  }

  private joinParts(): void {
    if (this.parts.length === 0) return;
    this.buf += this.parts.join('');
    this.parts = [];
    this.partsLength = 0;
  }

  /** The value (or, for several documents, all of them); throws JsonStreamError when the text is not JSON. */
  end(): unknown {
    if (this.scan !== undefined && this.parts.length > 0) {
      this.joinParts();
      this.scan.index = this.buf.length; // all of it was searched already
    }
    this.pump(true);
    this.skipSpace();
    if (this.stack.length > 0 || this.scan !== undefined || this.docs.length === 0)
      throw new JsonStreamError('Unexpected end of JSON input', this.base + this.buf.length);
    if (this.pos < this.buf.length) this.fail(`Unexpected token ${this.buf[this.pos]}`);
    return this.docs.length === 1 ? this.docs[0] : this.docs;
  }

  private fail(reason: string, at = this.pos): never {
    throw new JsonStreamError(reason, this.base + at);
  }

  private skipSpace(): void {
    const { buf } = this;
    let p = this.pos;
    while (p < buf.length && isSpace(buf.charCodeAt(p))) p++;
    this.pos = p;
  }

  /** Reads as far as the text allows; `final` when no more text will come. */
  private pump(final: boolean): void {
    const { buf } = this;
    for (;;) {
      if (this.scan === undefined) this.skipSpace();
      if (this.pos >= buf.length) return;
      const c = buf.charCodeAt(this.pos);
      switch (this.state) {
        case 'value-or-end':
          if (c === 93) this.close(true);
          else if (!this.readValue(c, final)) return;
          break;
        case 'value':
          if (!this.readValue(c, final)) return;
          break;
        case 'key-or-end':
        case 'key':
          if (c === 125 && this.state === 'key-or-end') this.close(false);
          else if (c === 34) {
            const end = this.stringEnd(this.pos);
            if (end < 0) return;
            const frame = this.stack[this.stack.length - 1];
            if (frame) frame.key = this.parseSlice(this.pos, end + 1) as string;
            this.pos = end + 1;
            this.state = 'colon';
          } else this.fail(`Unexpected token ${buf[this.pos]}, expected a key`);
          break;
        case 'colon':
          if (c !== 58) this.fail(`Unexpected token ${buf[this.pos]}, expected ':'`);
          this.pos++;
          this.state = 'value';
          break;
        case 'comma-or-end': {
          const frame = this.stack[this.stack.length - 1];
          if (frame === undefined) {
            this.state = 'value'; // another document (JSON Lines)
          } else if (c === 44) {
            this.pos++;
            this.state = frame.array ? 'value' : 'key';
          } else if (c === (frame.array ? 93 : 125)) this.close(frame.array);
          else this.fail(`Unexpected token ${buf[this.pos]}, expected ',' or '${frame.array ? ']' : '}'}'`);
          break;
        }
      }
    }
  }

  /** One value at pos; false when more text is needed first. */
  private readValue(c: number, final: boolean): boolean {
    const { buf } = this;
    if (c === 123 || c === 91) {
      const end = this.smallValueEnd();
      if (end === undefined) return false; // wait for more text
      if (end >= 0) {
        this.attach(this.parseSlice(this.pos, end + 1));
        this.smallValues++;
        this.pos = end + 1;
        return true;
      }
      // Too long to parse whole: open it here.
      const array = c === 91;
      this.stack.push({ array, value: array ? [] : {}, key: '' });
      this.pos++;
      this.state = array ? 'value-or-end' : 'key-or-end';
      return true;
    }
    if (c === 34) {
      const end = this.stringEnd(this.pos);
      if (end < 0) return false;
      this.attach(this.parseSlice(this.pos, end + 1));
      this.pos = end + 1;
      return true;
    }
    if (isDelimiter(c)) this.fail(`Unexpected token ${buf[this.pos]}`);
    let p = this.pos;
    while (p < buf.length && !isDelimiter(buf.charCodeAt(p))) p++;
    if (p === buf.length && !final) return false;
    this.attach(this.parseSlice(this.pos, p));
    this.pos = p;
    return true;
  }

  private attach(value: unknown): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) this.docs.push(value);
    else if (frame.array) (frame.value as unknown[]).push(value);
    // defineProperty keeps a "__proto__" key as data, as JSON.parse does
    else Object.defineProperty(frame.value, frame.key, { value, enumerable: true, writable: true, configurable: true });
    this.state = 'comma-or-end';
  }

  private close(array: boolean): void {
    const frame = this.stack.pop();
    if (frame === undefined || frame.array !== array) this.fail(`Unexpected token ${array ? ']' : '}'}`);
    this.pos++;
    this.attach(frame.value);
  }

  /** JSON.parse of buf[from, to), with errors placed in the whole text. */
  private parseSlice(from: number, to: number): unknown {
    try {
      return JSON.parse(this.buf.slice(from, to));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const m = /position (\d+)/.exec(msg);
      const reason = msg.replace(/,? in JSON at position \d+.*$/s, '').replace(/ at position \d+.*$/s, '');
      this.fail(reason, from + (m?.[1] === undefined ? 0 : Number(m[1])));
    }
  }

  /** Index of the quote closing the string opened at `from`, or -1 when it is not in the text yet. */
  private stringEnd(from: number): number {
    const s = this.scan ?? { string: true, index: from + 1, depth: 0, inString: true, escaped: false };
    const end = advance(this.buf, s.index, this.buf.length, s);
    if (end >= 0) {
      this.scan = undefined;
      return end;
    }
    s.index = this.buf.length;
    this.scan = s;
    return -1;
  }

  /**
   * Index of the bracket closing the container opened at pos; undefined when the text ends
   * first (the search goes on from there later); -1 when it is too long to parse whole.
   */
  private smallValueEnd(): number | undefined {
    const s = this.scan ?? { string: false, index: this.pos, depth: 0, inString: false, escaped: false };
    const limit = Math.min(this.buf.length, this.pos + this.smallValueChars);
    const end = advance(this.buf, s.index, limit, s);
    if (end >= 0) {
      this.scan = undefined;
      return end;
    }
    if (limit - this.pos >= this.smallValueChars) {
      this.scan = undefined;
      return -1;
    }
    s.index = limit;
    this.scan = s;
    return undefined;
  }
}
