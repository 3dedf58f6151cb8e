/**
 * Backend answers read the fast way while they arrive: Jaeger JSON (jaeger-stream.ts) and
 * OTLP-shaped JSON (otlp-stream.ts), each span packed for the page as it is built; Zipkin's
 * span array parsed a batch at a time (array-stream.ts) and converted at the end. Any other
 * shape, or one a fast reader gives up on, is read again the general way from the kept text.
 */
import { JsonTextParser } from '../../lib/json-text';
import { OtlpConverter } from '../otlp/spans';
import type { ParsedTraces, WireFormat } from '../parse-trace-file';
import { ArrayStreamReader, NotFastArray } from './array-stream';
import { JaegerStreamReader, NotFastJaeger } from './jaeger-stream';
import { NotFastOtlp, OtlpStreamReader } from './otlp-stream';
import type { StreamPacking } from './pack-trace';

/** A reader that converts or parses text while it arrives, and gives up on shapes it does not know. */
interface FastReader {
  readonly spans: number;
  feed(text: string): void;
  /** The traces; `parse` reads the document where the reader only parsed it. */
  end(parse: (json: unknown) => ParsedTraces): ParsedTraces;
}

const fastJaeger = (packing: StreamPacking): FastReader => {
  const r = new JaegerStreamReader(packing.onSpan);
  return {
    feed: (t) => r.feed(t),
    end: () => ({ format: 'jaeger-v1', traces: r.end() }),
    get spans() {
      return r.spans;
    },
  };
};
const fastOtlp = (packing: StreamPacking): FastReader => {
  const r = new OtlpStreamReader(new OtlpConverter(packing.onSpan));
  return {
    feed: (t) => r.feed(t),
    end: (parse) => r.parsed(parse),
    get spans() {
      return r.spans;
    },
  };
};
const fastZipkin = (): FastReader => {
  const r = new ArrayStreamReader();
  return {
    feed: (t) => r.feed(t),
    end: (parse) => parse(r.end()),
    get spans() {
      return r.spans;
    },
  };
};
const notFast = (err: unknown) =>
  err instanceof NotFastJaeger || err instanceof NotFastOtlp || err instanceof NotFastArray;

/**
 * Text read the fast way while it arrives (jaeger-stream.ts, otlp-stream.ts, array-stream.ts), with the text
 * kept so that a shape the fast reader gives up on is read again the general way (JsonTextParser).
 */
export class FastOrGeneral {
  private kept: string[] = [];
  private readonly general = new JsonTextParser();

  constructor(private fast: FastReader | undefined) {}

  /** Spans read so far (the fast reader's count; 0 on the general way). */
  get spans(): number {
    return this.fast?.spans ?? 0;
  }

  feed(text: string): void {
    if (this.fast === undefined) {
      this.general.feed(text);
      return;
    }
    this.kept.push(text);
    try {
      this.fast.feed(text);
    } catch (err) {
      this.giveUp(err);
    }
  }

  /** The traces; `parse` reads the document (`notJson` words a text that is not JSON). */
  end(parse: (json: unknown) => ParsedTraces, notJson: (err: unknown) => unknown): ParsedTraces {
    if (this.fast !== undefined) {
      try {
        return this.fast.end(parse);
      } catch (err) {
        this.giveUp(err);
      }
    }
    let json: unknown;
    try {
      json = this.general.end();
    } catch (err) {
      throw notJson(err);
    }
    return parse(json);
  }

  private giveUp(err: unknown): void {
    if (!notFast(err)) throw err;
    this.fast = undefined;
    const kept = this.kept;
    this.kept = [];
    for (const text of kept) this.general.feed(text);
  }
}

/** The fast reader for a backend's answer in `format`, if there is one. */
export function fastReaderFor(format: WireFormat, packing: StreamPacking): FastReader | undefined {
  switch (format) {
    case 'jaeger-v1':
      return fastJaeger(packing);
    case 'jaeger-v3':
    case 'tempo':
      return fastOtlp(packing);
    case 'zipkin':
      return fastZipkin();
  }
}
