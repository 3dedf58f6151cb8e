/**
 * Messages between the page and the trace worker. The worker does the whole load of a trace
 * off the page's thread: fetch (a backend's answer, in the format its client names), or the
 * text of a file, or a demo generated from its id; then the adapter, then every analysis.
 * It answers with packed traces (pack-trace.ts: a string table and transferred typed arrays,
 * because structured clone of 100k span objects took ~0.8 s and doubled their heap), then
 * with their analyses, so the page unpacks the traces while the worker analyses. A failure
 * crosses as a WireError with a kind and comes back as the same typed error (wire-error.ts).
 */
import type { PackedCore, PackedSummary } from './pack-analysis';
import type { TraceFormat } from '../../model/types';
import type { WireFormat } from '../parse-trace-file';
import type { DemoCorpus } from '../search/demo-search';
import type { SearchRequest } from '../search/types';
import type { TempoProtoMessage } from '../tempo/proto-decode';
import type { PackedTrace } from './packed-trace';
import type { WireError } from './wire-error';
import { formatCount } from '../../lib/format';

/** One URL a trace may be at, and the format that URL answers in. */
export interface FetchAttempt {
  readonly url: string;
  readonly format: WireFormat;
  /** Ask for protobuf too: the Tempo message this URL answers with (JSON stays the fallback). */
  readonly protobuf?: TempoProtoMessage | undefined;
}

export type LoadBody =
  | {
      readonly kind: 'fetch';
      readonly attempts: readonly FetchAttempt[];
      readonly sourceName: string;
      /** The configured source id, named next to the display name in error messages. */
      readonly sourceId?: string | undefined;
      readonly traceId: string;
    }
  | { readonly kind: 'text'; readonly text: string; readonly fileName: string }
  /**
   * A file, read in the worker with File.stream() and parsed while it is read. With `split`,
   * this worker reads up to `end` and a second one the rest, over `port` (split-file.ts).
   */
  | {
      readonly kind: 'file';
      readonly file: Blob;
      readonly fileName: string;
      readonly split?: { readonly end: number; readonly port: MessagePort } | undefined;
    }
  | { readonly kind: 'demo'; readonly demoId: string; readonly seed: number; readonly spans?: number | undefined }
  /** The demo source's search: generated traces filtered like a backend would (demo-search.ts). */
  | { readonly kind: 'demo-search'; readonly request: SearchRequest | undefined };

/**
 * `analyze: false` skips the analyses (a sample of traces for a dependency graph). 'file-tail'
 * goes to a second worker: read `file` from `start` and hand the part to the first over `port`.
 */
export type WorkerRequest =
  | ({ readonly id: number; readonly analyze: boolean } & LoadBody)
  | { readonly id: number; readonly kind: 'cancel' }
  | {
      readonly id: number;
      readonly kind: 'file-tail';
      readonly file: Blob;
      readonly start: number;
      readonly port: MessagePort;
    };

/** 'asking without a time range' is a client's second request (Tempo's retry without a window). */
export type ParsePhase =
  | 'reading'
  | 'asking'
  | 'asking without a time range'
  | 'parsing JSON'
  | 'decoding protobuf'
  | 'building the model'
  | 'analysing'
  | 'generating';

/** How far a load has got: bytes read (of `totalBytes` when known) and spans converted so far. */
export interface LoadAmount {
  readonly bytes: number;
  readonly totalBytes?: number | undefined;
  readonly spans: number;
}

/** Told of each phase, and of the amount read while the text arrives. */
export type ProgressListener = (phase: ParsePhase, amount?: LoadAmount) => void;

/** "120 of 900 MB read, 140,000 spans": a load's amount in words. */
export function describeAmount(a: LoadAmount): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  const read = a.totalBytes === undefined ? `${mb(a.bytes)} MB read` : `${mb(a.bytes)} of ${mb(a.totalBytes)} MB read`;
  return a.spans > 0 ? `${read}, ${formatCount(a.spans)} spans` : read;
}

export type WorkerResponse =
  | { readonly id: number; readonly type: 'progress'; readonly phase: ParsePhase; readonly amount?: LoadAmount }
  | {
      readonly id: number;
      readonly type: 'done';
      readonly format: TraceFormat;
      readonly traces: PackedTrace[];
      readonly analysisFollows: boolean;
      /** When the last byte of a fetched answer arrived, in ms since the epoch (for the page's timing marks). */
      readonly bytesAtEpochMs?: number | undefined;
      /** The URL whose answer this is (a fetch), so the page can fetch it again for "as fetched" JSON. */
      readonly fetchedUrl?: string | undefined;
    }
  /** Each trace's tree, self time and critical path (undefined where it failed), ahead of the summary. */
  | { readonly id: number; readonly type: 'core'; readonly cores: (PackedCore | undefined)[] }
  /** Each trace's summary, after its core; `message` says why one failed. */
  | {
      readonly id: number;
      readonly type: 'analysis';
      readonly analyses: (PackedSummary | undefined)[];
      readonly message?: string;
    }
  /** Part of trace `trace`'s string table, sent ahead of a big 'done' (string-chunks.ts). */
  | { readonly id: number; readonly type: 'strings'; readonly trace: number; readonly strings: string[] }
  | { readonly id: number; readonly type: 'demo-corpus'; readonly corpus: DemoCorpus }
  | { readonly id: number; readonly type: 'failed'; readonly error: WireError };

/** A response with the buffers postMessage should transfer instead of copying. */
export interface Outgoing {
  readonly message: WorkerResponse;
  readonly transfer: ArrayBuffer[];
}
