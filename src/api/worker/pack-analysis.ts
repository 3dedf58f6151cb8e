/**
 * A trace's analysis in a form that crosses postMessage cheaply: its long lists of small
 * objects (critical-path segments, critical time per span, spans by self time, each service
 * edge's durations) become typed arrays whose buffers are transferred, and are rebuilt on
 * the page. Structured clone deserialises objects one by one: at 1M spans the analysis
 * message alone was a ~260 ms main-thread task. The core (what rows need) and the summary
 * are packed apart, because the worker sends the core first.
 */
import type {
  AnalysisSummary,
  Bottlenecks,
  CoreAnalysis,
  CriticalSegment,
  ServiceEdge,
  ServiceGraph,
  SpanShare,
} from '../../model/analysis-types';
import type { Micros } from '../../model/types';

export interface PackedCore extends Omit<CoreAnalysis, 'criticalPath' | 'slowestBySelfTime'> {
  readonly criticalPath: { readonly span: Int32Array; readonly startUs: Float64Array; readonly endUs: Float64Array };
  readonly slowestBySelfTime: Int32Array;
}

export interface PackedSummary extends Omit<AnalysisSummary, 'bottlenecks' | 'serviceGraph'> {
  readonly bottlenecks: Omit<Bottlenecks, 'bySpan' | 'slowestBySelfTime'> & {
    readonly bySpan: { readonly span: Int32Array; readonly us: Float64Array; readonly share: Float64Array };
    readonly slowestBySelfTime: Int32Array;
  };
  readonly serviceGraph: Omit<ServiceGraph, 'edges'> & {
    readonly edges: readonly (Omit<ServiceEdge, 'durationsUs'> & { readonly durationsUs: Float64Array })[];
  };
}

function addBuffers(arrays: readonly ArrayBufferView[], transfer: ArrayBuffer[]): void {
  for (const v of arrays) if (v.buffer instanceof ArrayBuffer && !transfer.includes(v.buffer)) transfer.push(v.buffer);
}

/**
 * The packed core, its buffers added to `transfer`. With `copy`, the core's own arrays are
 * copied first: the worker still reads them to work out the summary.
 */
export function packCore(a: CoreAnalysis, transfer: ArrayBuffer[], copy = false): PackedCore {
  const path = a.criticalPath;
  const span = new Int32Array(path.length);
  const startUs = new Float64Array(path.length);
  const endUs = new Float64Array(path.length);
  path.forEach((s, k) => {
    span[k] = s.span;
    startUs[k] = s.startUs;
    endUs[k] = s.endUs;
  });
  const own = <T extends Int32Array | Float64Array>(v: T): T => (copy ? (v.slice() as T) : v);
  const t = a.tree;
  const tree = {
    ...t,
    parent: own(t.parent),
    childStart: own(t.childStart),
    childIndex: own(t.childIndex),
    depth: own(t.depth),
    preorder: own(t.preorder),
  };
  const selfTimeUs = own(a.selfTimeUs);
  const criticalUs = own(a.criticalUs);
  const slowestBySelfTime = Int32Array.from(a.slowestBySelfTime);
  // The tree's, self time's and critical time's arrays move too.
  addBuffers(
    [
      tree.parent,
      tree.childStart,
      tree.childIndex,
      tree.depth,
      tree.preorder,
      selfTimeUs,
      criticalUs,
      slowestBySelfTime,
      span,
      startUs,
      endUs,
    ],
    transfer,
  );
  return {
    tree,
    warnings: a.warnings,
    selfTimeUs,
    criticalUs,
    slowestBySelfTime,
    criticalPath: { span, startUs, endUs },
  };
}

export function packSummary(a: AnalysisSummary, transfer: ArrayBuffer[]): PackedSummary {
  const by = a.bottlenecks.bySpan;
  const bySpan = {
    span: new Int32Array(by.length),
    us: new Float64Array(by.length),
    share: new Float64Array(by.length),
  };
  by.forEach((s, k) => {
    bySpan.span[k] = s.span;
    bySpan.us[k] = s.us;
    bySpan.share[k] = s.share;
  });
  const slowest = Int32Array.from(a.bottlenecks.slowestBySelfTime);
  const edges = a.serviceGraph.edges.map((e) => ({ ...e, durationsUs: Float64Array.from(e.durationsUs) }));
  addBuffers([bySpan.span, bySpan.us, bySpan.share, slowest, ...edges.map((e) => e.durationsUs)], transfer);
  return {
    verdict: a.verdict,
    bottlenecks: { ...a.bottlenecks, bySpan, slowestBySelfTime: slowest },
    serviceGraph: { ...a.serviceGraph, edges },
  };
}

export function unpackCore(p: PackedCore): CoreAnalysis {
  const { span, startUs, endUs } = p.criticalPath;
  const criticalPath: CriticalSegment[] = new Array<CriticalSegment>(span.length);
  for (let k = 0; k < span.length; k++)
    criticalPath[k] = { span: span[k] ?? 0, startUs: (startUs[k] ?? 0) as Micros, endUs: (endUs[k] ?? 0) as Micros };
  return {
    tree: p.tree,
    warnings: p.warnings,
    selfTimeUs: p.selfTimeUs,
    criticalUs: p.criticalUs,
    slowestBySelfTime: Array.from(p.slowestBySelfTime),
    criticalPath,
  };
}

export function unpackSummary(p: PackedSummary): AnalysisSummary {
  const by = p.bottlenecks.bySpan;
  const bySpan: SpanShare[] = new Array<SpanShare>(by.span.length);
  for (let k = 0; k < by.span.length; k++)
    bySpan[k] = { span: by.span[k] ?? 0, us: (by.us[k] ?? 0) as Micros, share: by.share[k] ?? 0 };
  return {
    verdict: p.verdict,
    bottlenecks: { ...p.bottlenecks, bySpan, slowestBySelfTime: Array.from(p.bottlenecks.slowestBySelfTime) },
    serviceGraph: {
      ...p.serviceGraph,
      edges: p.serviceGraph.edges.map((e) => ({ ...e, durationsUs: Array.from(e.durationsUs) })),
    },
  };
}
