/**
 * JSON text that arrives in chunks, parsed the fastest way its size allows. Up to
 * `wholeTextChars` the chunks are kept and handed to the native JSON.parse once, at the end:
 * for a trace that fits in one string that is about twice as fast as parsing while reading (a
 * 100,000-span Jaeger answer, 85 MB, is 2.3 s against 4.2 s). Past it the text goes through the
 * streaming parser (json-stream.ts) as it comes, so a file too long for one V8 string (a
 * 1M-span Jaeger file is ~0.9 GB) still opens. Same surface and errors as JsonStreamParser.
 */
import { JsonStreamParser } from './json-stream';

/** Below V8's longest string (~512M UTF-16 units) with room to spare. */
const WHOLE_TEXT_CHARS = 128 * 1024 * 1024;

export class JsonTextParser {
  private chunks: string[] = [];
  private length = 0;
  private stream: JsonStreamParser | undefined;
  private docs = 0;

  /** `wholeTextChars`: the size up to which the text is parsed whole (tests make it tiny). */
  constructor(
    private readonly wholeTextChars = WHOLE_TEXT_CHARS,
    private readonly smallValueChars?: number,
  ) {}

  /** Whether the text is being parsed as it arrives (it outgrew `wholeTextChars`). */
  get streaming(): boolean {
    return this.stream !== undefined;
  }

  /** Nothing but white space so far (for a streamed text: read so far). */
  get isEmpty(): boolean {
    return this.stream ? this.stream.isEmpty : this.chunks.every((c) => c.trim() === '');
  }

  /** How many JSON documents the text held (JSON Lines: one per line); valid after end(). */
  get documents(): number {
    return this.stream ? this.stream.documents : this.docs;
  }

  /** Throws JsonStreamError as soon as a streamed text is seen not to be JSON. */
  feed(chunk: string): void {
    if (this.stream) {
      this.stream.feed(chunk);
      return;
    }
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length <= this.wholeTextChars) return;
    this.stream = new JsonStreamParser(this.smallValueChars);
    const kept = this.chunks;
    this.chunks = [];
    for (const c of kept) this.stream.feed(c);
  }

  /** The value (several documents: all of them); throws JsonStreamError when the text is not JSON. */
  end(): unknown {
    if (this.stream) return this.stream.end();
    const text = this.chunks.join('');
    this.chunks = [];
    try {
      const value: unknown = JSON.parse(text);
      this.docs = 1;
      return value;
    } catch {
      // Not one document: JSON Lines, or not JSON at all. The streaming parser tells which,
      // and where the text goes wrong.
      const stream = new JsonStreamParser(this.smallValueChars);
      this.stream = stream;
      stream.feed(text);
      return stream.end();
    }
  }
}
