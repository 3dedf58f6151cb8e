/**
 * A trace file read in the worker with File.stream(), by the readers that parse while the bytes
 * arrive, tried from the most specific shape to the general one; each gives up early on a
 * shape it does not take, and the next reads the file again from its start.
 */
import { parseTraceDocuments, TraceFormatError, type ParsedTraces } from '../parse-trace-file';
import { JsonStreamError } from '../../lib/json-stream';
import { JsonTextParser } from '../../lib/json-text';
import { SourceError } from '../http';
import { OtlpConverter } from '../otlp/spans';
import { ArrayStreamReader, NotFastArray } from './array-stream';
import { JaegerStreamReader, NotFastJaeger } from './jaeger-stream';
import { JsonLinesReader, NotJsonLines } from './lines-stream';
import { NotFastOtlp, OtlpStreamReader } from './otlp-stream';
import { StreamPacking } from './pack-trace';
import type { ParsePhase, ProgressListener } from './protocol';

/** Reports the amount read right away, then at most every 250 ms. */
export function amountReporter(
  report: ProgressListener,
  phase: ParsePhase,
  totalBytes?: number,
): (bytes: number, spans: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (bytes, spans) => {
    const now = performance.now();
    if (now - last < 250) return;
    last = now;
    report(phase, { bytes, totalBytes, spans });
  };
}

/**
 * A file read with File.stream() in the worker; a big one is parsed while it is read, never as
 * one string: a 1M-span Jaeger file (~0.9 GB) is longer than the longest string V8 can hold.
 */
export async function parseFileStream(
  file: Blob,
  report: ProgressListener,
  signal: AbortSignal,
  packing = new StreamPacking(),
): Promise<ParsedTraces> {
  report('reading');
  // Jaeger JSON is converted while it is read; any other shape goes to the next reader.
  const jaeger = new JaegerStreamReader(packing.onSpan);
  const progress = amountReporter(report, 'reading', file.size);
  try {
    await readFileText(file, signal, (text, bytes) => {
      progress(bytes, jaeger.spans);
      jaeger.feed(text);
    });
    report('building the model'); // a 1M-span file takes seconds more: not 'reading' any longer
    return { format: 'jaeger-v1', traces: jaeger.end() };
  } catch (err) {
    if (!(err instanceof NotFastJaeger)) throw err;
  }
  // A Zipkin file (one array of spans) is parsed a batch at a time while it is read.
  packing.reset();
  const array = new ArrayStreamReader();
  try {
    await readFileText(file, signal, (text, bytes) => {
      progress(bytes, array.spans);
      array.feed(text);
    });
    const items = array.end();
    report('building the model');
    return parseTraceDocuments([items]);
  } catch (err) {
    if (!(err instanceof NotFastArray)) throw err;
  }
  // JSON Lines, and a small one-line document, a line at a time while it is read.
  const lines = new JsonLinesReader();
  try {
    await readFileText(file, signal, (text, bytes) => {
      progress(bytes, lines.spans);
      lines.feed(text);
    });
    const docs = lines.end();
    report('building the model');
    return parseTraceDocuments(docs);
  } catch (err) {
    if (!(err instanceof NotJsonLines)) throw err;
  }
  // OTLP JSON (and any other single document that fits in a string) is parsed while it is read.
  const otlp = new OtlpStreamReader(new OtlpConverter(packing.onSpan));
  try {
    await readFileText(file, signal, (text, bytes) => {
      progress(bytes, otlp.spans);
      otlp.feed(text);
    });
    return otlp.parsed((doc) => {
      report('building the model');
      return parseTraceDocuments([doc]);
    });
  } catch (err) {
    if (!(err instanceof NotFastOtlp)) throw err;
  }
  const parser = new JsonTextParser();
  try {
    await readFileText(file, signal, (text, bytes) => {
      progress(bytes, 0);
      parser.feed(text);
    });
    if (parser.isEmpty) throw new TraceFormatError('the file is empty');
    const docs = parser.end();
    report('building the model');
    return parseTraceDocuments(parser.documents > 1 ? (docs as unknown[]) : [docs]);
  } catch (err) {
    if (err instanceof JsonStreamError) throw new TraceFormatError(`not JSON: ${err.message}`);
    throw err;
  }
}

/** A file's text, chunk by chunk (without a byte-order mark), to `feed` with the bytes read so far. */
export async function readFileText(
  file: Blob,
  signal: AbortSignal,
  feed: (text: string, bytes: number) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  const reader = file.stream().getReader();
  let first = true;
  let bytes = 0;
  try {
    for (;;) {
      if (signal.aborted) throw new SourceError('cancelled', 'Cancelled.');
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      let text = decoder.decode(value, { stream: true });
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark
      first = false;
      feed(text, bytes);
    }
    feed(decoder.decode(), bytes);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
