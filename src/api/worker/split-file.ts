/**
 * A big Jaeger file read by two workers at once, one per half (the machine's second core does
 * the other half: reading, JSON.parse, conversion and packing are most of a 1M-span file's
 * load). The page cuts the file between two spans (split-client.ts). The tail worker reads from
 * the cut to the end with a tail-mode JaegerStreamReader, packs its spans and sends them, with
 * the document's `processes`, warnings and its earliest start, over a MessagePort. The head
 * worker reads up to the cut, ends its reader with those processes and the earliest start of
 * both, appends the tail's packed spans to its own (concat-packed.ts), and analyses the whole
 * trace: its own spans plus the tail's, rebuilt from the tail's packed columns.
 *
 * Either part may find the file is not in the compact shape (or fail): the head part then
 * answers undefined, tells the tail to stop, and the caller reads the whole file the usual way.
 */
import type { Span, Trace } from '../../model/types';
import { listOrEmpty, makeTrace } from '../adapter-common';
import { SourceError } from '../http';
import { concatPacked } from './concat-packed';
import { dropPackedDetail } from './drop-detail';
import { JaegerStreamReader } from './jaeger-stream';
import { StreamPacking } from './pack-trace';
import { transferables, type PackedTrace } from './packed-trace';
import type { ProgressListener } from './protocol';
import { amountReporter, readFileText } from './read-file';
import { unpackTrace } from './unpack-trace';

/** What the tail worker says over the port. */
export type TailMessage =
  | {
      readonly type: 'tail';
      readonly packed: PackedTrace;
      readonly processes: unknown;
      readonly warnings: readonly string[];
      /** The tail's earliest span start, µs since the epoch (its packed times count from it). */
      readonly earliestUs: number;
    }
  | { readonly type: 'failed'; readonly message: string };

/** What the tail worker tells the page while it reads. */
export interface TailProgress {
  readonly type: 'tail-progress';
  readonly bytes: number;
  readonly spans: number;
}

/** What the head worker says over the port: the tail's work is not needed any more. */
export type HeadMessage = { readonly type: 'stop' };

/**
 * The tail worker's whole job: read `file` from `start`, then send its part (or why not) to the
 * head. `progress` is told the bytes and spans read (the page adds them to the head's: the head
 * worker is too busy to pass them on while it reads).
 */
export async function readTailPart(
  file: Blob,
  start: number,
  port: MessagePort,
  progress: (bytes: number, spans: number) => void = () => {},
): Promise<void> {
  const stop = new AbortController();
  port.onmessage = (event: MessageEvent<HeadMessage>) => {
    if (event.data.type === 'stop') stop.abort();
  };
  const send = (m: TailMessage, transfer: Transferable[] = []) => port.postMessage(m, transfer);
  try {
    const packing = new StreamPacking();
    const reader = new JaegerStreamReader(packing.onSpan, { tail: true });
    let last = Number.NEGATIVE_INFINITY;
    await readFileText(file.slice(start), stop.signal, (text, bytes) => {
      const now = performance.now();
      if (now - last >= 100) {
        last = now;
        progress(bytes, reader.spans);
      }
      reader.feed(text);
    });
    const [trace] = reader.end();
    if (trace === undefined) throw new Error('no trace in the tail part');
    const packed = packing.pack(trace);
    const { processes, warnings } = reader.tailProcesses;
    send({ type: 'tail', packed, processes, warnings, earliestUs: trace.startUnixUs }, transferables(packed));
  } catch (err) {
    send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  } finally {
    port.onmessage = null;
  }
}

/** The tail's part, once it comes; rejects when the tail fails or the load is cancelled. */
function tailPart(port: MessagePort, signal: AbortSignal): Promise<Extract<TailMessage, { type: 'tail' }>> {
  return new Promise((resolve, reject) => {
    const cancelled = () => reject(new SourceError('cancelled', 'Cancelled.'));
    if (signal.aborted) cancelled();
    signal.addEventListener('abort', cancelled, { once: true });
    port.onmessage = (event: MessageEvent<TailMessage>) => {
      const m = event.data;
      port.onmessage = null;
      signal.removeEventListener('abort', cancelled);
      if (m.type === 'tail') resolve(m);
      else reject(new Error(`the tail part: ${m.message}`));
    };
  });
}

/** A split file's trace (every span, for the analyses) and its packed form (for the page). */
export interface SplitResult {
  readonly trace: Trace;
  readonly packed: PackedTrace;
}

/**
 * The head worker's side: reads `file` up to `end` while the tail worker reads the rest, and
 * joins the two. Undefined when the file is not one compact Jaeger trace (the tail is told to
 * stop; the caller reads the whole file the usual way). Cancellation throws SourceError.
 */
export async function readHeadPart(
  file: Blob,
  end: number,
  port: MessagePort,
  report: ProgressListener,
  signal: AbortSignal,
): Promise<SplitResult | undefined> {
  report('reading');
  // The head's own amount, of the whole file's bytes: the page adds the tail's (split-client.ts).
  const progress = amountReporter(report, 'reading', file.size);
  const packing = new StreamPacking();
  const reader = new JaegerStreamReader(packing.onSpan);
  const tail = tailPart(port, signal);
  tail.catch(() => undefined); // awaited below; a failure before then is not unhandled
  let part: Extract<TailMessage, { type: 'tail' }>;
  let head: Trace;
  try {
    await readFileText(file.slice(0, end), signal, (text, bytes) => {
      progress(bytes, reader.spans);
      reader.feed(text);
    });
    part = await tail;
    report('building the model');
    head = reader.endHead(part.processes, part.earliestUs);
  } catch (err) {
    if (err instanceof SourceError && err.kind === 'cancelled') throw err;
    port.postMessage({ type: 'stop' } satisfies HeadMessage);
    return undefined;
  } finally {
    port.onmessage = null;
  }
  const own = packing.pack(head);
  const shift = part.earliestUs - head.startUnixUs;
  // The tail's spans, rebuilt here for the analyses, with times from the whole trace's start.
  const p = part.packed;
  for (let i = 0; i < p.spanStartUs.length; i++) p.spanStartUs[i] = (p.spanStartUs[i] ?? 0) + shift;
  for (let i = 0; i < p.eventTimeUs.length; i++) p.eventTimeUs[i] = (p.eventTimeUs[i] ?? 0) + shift;
  const packed = concatPacked(own, { ...p, durationUs: p.durationUs + shift });
  const tailSpansOf = unpackTrace(p).spans;
  dropPackedDetail(head);
  const spans: Span[] = head.spans.slice();
  for (const s of tailSpansOf) spans.push(s);
  const trace = makeTrace(head.traceId, head.startUnixUs, spans, listOrEmpty(part.warnings), head.format);
  return { trace, packed };
}
