/**
 * Shapes of the derived data (pure functions of a Trace). Spans are referred to by their
 * index in `Trace.spans`; times are µs relative to the trace start.
 */
import type { Micros } from './types';

export interface TraceTree {
  /** Parent span index, or -1 for a root. */
  readonly parent: Int32Array;
  /** Children of span i: childIndex[childStart[i] .. childStart[i+1]), ordered by start (ties: index). */
  readonly childStart: Int32Array;
  readonly childIndex: Int32Array;
  readonly depth: Int32Array;
  /** Roots ordered by start; the main root is the earliest start (ties: the longest). */
  readonly roots: readonly number[];
  readonly mainRoot: number; // -1 for an empty trace
  /** Depth-first pre-order over all roots, children by start: the waterfall's row order. */
  readonly preorder: Int32Array;
  readonly maxDepth: number;
}

export type WarningKind = 'orphan' | 'cycle' | 'duplicate-id' | 'clock-skew' | 'source';

export interface TraceWarning {
  readonly kind: WarningKind;
  /** The span it concerns, when it concerns one. */
  readonly spanIndex?: number;
  readonly message: string;
}

export interface CriticalSegment {
  readonly span: number;
  readonly startUs: Micros;
  readonly endUs: Micros;
}

export interface Share {
  readonly us: Micros;
  /** Fraction of the trace duration, 0..1. */
  readonly share: number;
}

export interface SpanShare extends Share {
  readonly span: number;
}
export interface OperationShare extends Share {
  readonly service: string;
  readonly name: string;
}
export interface ServiceShare extends Share {
  readonly service: string;
}

export interface Bottlenecks {
  /** Critical-path time per span / operation / service, largest first. */
  readonly bySpan: readonly SpanShare[];
  readonly byOperation: readonly OperationShare[];
  readonly byService: readonly ServiceShare[];
  /** The slowest span indices by self time (bottlenecks.ts SLOWEST_KEPT of them), largest first (ties: earlier start, then lower index). */
  readonly slowestBySelfTime: readonly number[];
}

export interface ServiceEdge {
  readonly from: string;
  readonly to: string;
  readonly calls: number;
  readonly errors: number; // calls whose child span has status error
  readonly durationsUs: readonly number[]; // child span durations, ascending
  readonly p50Us: number;
  readonly p95Us: number;
}

export interface ServiceNode {
  readonly service: string;
  readonly spans: number;
  readonly errors: number;
}

export interface ServiceGraph {
  readonly nodes: readonly ServiceNode[];
  readonly edges: readonly ServiceEdge[];
}

/** A verdict is text pieces, some of which name a span or a service the UI can link. */
export type VerdictPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'span'; readonly text: string; readonly span: number }
  | { readonly kind: 'service'; readonly text: string; readonly service: string };

/** What the waterfall needs to draw rows: the tree, self time and the critical path. */
export interface CoreAnalysis {
  readonly tree: TraceTree;
  readonly warnings: readonly TraceWarning[];
  readonly selfTimeUs: Float64Array;
  readonly criticalPath: readonly CriticalSegment[];
  /** Critical-path µs owned by each span (0 when off the path). */
  readonly criticalUs: Float64Array;
  /** The spans with the most self time, most first (the same list as bottlenecks.slowestBySelfTime). */
  readonly slowestBySelfTime: readonly number[];
}

/** What is worked out from the core: where the time went, the service graph and the verdict. */
export interface AnalysisSummary {
  readonly bottlenecks: Bottlenecks;
  readonly serviceGraph: ServiceGraph;
  readonly verdict: readonly VerdictPart[];
}

export interface TraceAnalysis extends CoreAnalysis, AnalysisSummary {}
