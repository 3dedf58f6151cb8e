/**
 * The page's side of a big file read by two workers (split-file.ts): where to cut it, and the
 * second worker that reads the tail. Only compact Jaeger JSON has the cut this looks for; any
 * other file, or one the workers find is not in that shape, is read whole by one worker.
 */
import { SPAN_GAP } from './jaeger-stream';
import type { LoadAmount, ProgressListener, WorkerRequest } from './protocol';
import type { TailProgress } from './split-file';
import { startTraceWorker } from './worker-start';

/** Files from this size are read by two workers (below it, a second worker's start costs more than it saves). */
export const SPLIT_FROM_BYTES = 32 * 1024 * 1024;
/** The cut is looked for in this much of the file from its middle. */
const CUT_WINDOW_BYTES = 1024 * 1024;
const GAP = new TextEncoder().encode(SPAN_GAP);

/** The offset of the first byte of `pattern` in `bytes`, or -1. */
function indexOfBytes(bytes: Uint8Array, pattern: Uint8Array): number {
  const first = pattern[0];
  outer: for (
    let i = bytes.indexOf(first ?? 0);
    i >= 0 && i + pattern.length <= bytes.length;
    i = bytes.indexOf(first ?? 0, i + 1)
  ) {
    for (let j = 1; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Where a compact Jaeger file can be cut between two spans near its middle: the offset of the
 * comma between them (the head part ends before it, the tail part starts after it), or
 * undefined when no span boundary is near the middle.
 */
export async function findSpanCut(file: Blob): Promise<number | undefined> {
  const mid = Math.floor(file.size / 2);
  const window = new Uint8Array(await file.slice(mid, mid + CUT_WINDOW_BYTES).arrayBuffer());
  const at = indexOfBytes(window, GAP);
  return at < 0 ? undefined : mid + at + 1;
}

/** A split in progress: the head worker's part of the request, and the tail worker's end. */
export interface FileSplit {
  readonly split: { readonly end: number; readonly port: MessagePort };
  /** Ends the tail worker (its part is handed over, or no longer wanted). */
  stop(): void;
}

/**
 * Starts the tail worker on a big file, or undefined when the file is read by one worker.
 * `onTailProgress` is told the tail's bytes and spans read so far.
 */
export async function startFileSplit(
  file: Blob,
  onTailProgress: (bytes: number, spans: number) => void,
  fromBytes = SPLIT_FROM_BYTES,
): Promise<FileSplit | undefined> {
  if (typeof Worker === 'undefined' || typeof MessageChannel === 'undefined' || file.size < fromBytes) return undefined;
  if (typeof navigator !== 'undefined' && navigator.hardwareConcurrency < 2) return undefined;
  const end = await findSpanCut(file).catch(() => undefined);
  if (end === undefined) return undefined;
  const channel = new MessageChannel();
  const tail = startTraceWorker();
  tail.onmessage = (event: MessageEvent<TailProgress>) => onTailProgress(event.data.bytes, event.data.spans);
  const request: WorkerRequest = { id: 0, kind: 'file-tail', file, start: end + 1, port: channel.port2 };
  tail.postMessage(request, [channel.port2]);
  return { split: { end, port: channel.port1 }, stop: () => tail.terminate() };
}

/**
 * The progress the page shows while two workers read a file: the head worker's amounts (of the
 * whole file's bytes) with the tail's added; other phases as the head reports them.
 */
export function combinedProgress(onProgress: ProgressListener | undefined): {
  readonly head: ProgressListener;
  readonly tail: (bytes: number, spans: number) => void;
} {
  let head: LoadAmount | undefined;
  let tail = { bytes: 0, spans: 0 };
  let reading = true;
  // A head that says 'reading' again has given the split up and reads the whole file alone.
  let alone = false;
  const show = () => {
    if (reading && head !== undefined)
      onProgress?.('reading', {
        bytes: head.bytes + tail.bytes,
        totalBytes: head.totalBytes,
        spans: head.spans + tail.spans,
      });
  };
  return {
    head: (phase, amount) => {
      if (phase === 'reading' && amount !== undefined) {
        head = amount;
        show();
        return;
      }
      if (phase === 'reading' && head !== undefined) {
        alone = true;
        tail = { bytes: 0, spans: 0 };
      }
      if (phase !== 'reading') reading = false;
      onProgress?.(phase, amount);
    },
    tail: (bytes, spans) => {
      if (alone) return;
      tail = { bytes, spans };
      show();
    },
  };
}
