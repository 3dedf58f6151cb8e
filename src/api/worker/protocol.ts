/**
 * Messages between the page and the parse worker. Parsing a large trace file blocks for
 * hundreds of milliseconds, so it happens off the main thread; the worker answers with
 * packed traces (pack-trace.ts: a string table and transferred typed arrays, because
 * structured clone of 100k span objects took ~0.8 s and doubled their heap), or a named
 * error the page shows as an alert.
 */
import type { TraceAnalysis } from '../../model/analysis-types';
import type { TraceFormat } from '../../model/types';
import type { PackedTrace } from './packed-trace';

/**
 * `analyze`: when the input holds exactly one trace, the worker also runs analyzeTrace and
 * posts it as a second message, so the page unpacks the trace while the worker analyses.
 */
export type ParseRequest =
  | { readonly id: number; readonly kind: 'text'; readonly text: string; readonly fileName: string; readonly analyze?: boolean }
  | { readonly id: number; readonly kind: 'demo'; readonly demoId: string; readonly seed: number; readonly spans?: number | undefined; readonly analyze?: boolean };

export type ParsePhase = 'reading' | 'parsing JSON' | 'building the model' | 'generating';

export type ParseResponse =
  | { readonly id: number; readonly type: 'progress'; readonly phase: ParsePhase }
  | { readonly id: number; readonly type: 'done'; readonly format: TraceFormat; readonly traces: PackedTrace[]; readonly analysisFollows: boolean }
  | { readonly id: number; readonly type: 'analysis'; readonly analysis: TraceAnalysis | undefined; readonly message?: string }
  | { readonly id: number; readonly type: 'failed'; readonly errorName: string; readonly message: string };

/** A response with the buffers postMessage should transfer instead of copying. */
export interface Outgoing {
  readonly message: ParseResponse;
  readonly transfer: ArrayBuffer[];
}
