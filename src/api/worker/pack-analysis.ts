/**
 * A trace's analysis in a form that crosses postMessage cheaply: its long lists of small
 * objects (critical-path segments, critical time per span, spans by self time, each service
 * edge's durations) become typed arrays whose buffers are transferred, and are rebuilt on
 * the page. Structured clone deserialises objects one by one: at 1M spans the analysis
 * message alone was a ~260 ms main-thread task.
 */
import type {
  Bottlenecks,
  CriticalSegment,
  ServiceEdge,
  ServiceGraph,
  SpanShare,
  TraceAnalysis,
} from '../../model/analysis-types';
import type { Micros } from '../../model/types';

export interface PackedAnalysis extends Omit<TraceAnalysis, 'criticalPath' | 'bottlenecks' | 'serviceGraph'> {
  readonly packed: true;
  readonly criticalPath: { readonly span: Int32Array; readonly startUs: Float64Array; readonly endUs: Float64Array };
  readonly bottlenecks: Omit<Bottlenecks, 'bySpan' | 'slowestBySelfTime'> & {
    readonly bySpan: { readonly span: Int32Array; readonly us: Float64Array; readonly share: Float64Array };
    readonly slowestBySelfTime: Int32Array;
  };
  readonly serviceGraph: Omit<ServiceGraph, 'edges'> & {
    readonly edges: readonly (Omit<ServiceEdge, 'durationsUs'> & { readonly durationsUs: Float64Array })[];
  };
}

/** The packed form, and the buffers to transfer (added to `transfer`). */
export function packAnalysis(a: TraceAnalysis, transfer: ArrayBuffer[]): PackedAnalysis {
  const path = a.criticalPath;
  const span = new Int32Array(path.length);
  const startUs = new Float64Array(path.length);
  const endUs = new Float64Array(path.length);
  path.forEach((s, k) => {
    span[k] = s.span;
    startUs[k] = s.startUs;
    endUs[k] = s.endUs;
  });
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
  const { tree } = a;
  // The tree's, self time's and critical time's arrays move too (the worker drops them).
  for (const v of [
    tree.parent,
    tree.childStart,
    tree.childIndex,
    tree.depth,
    tree.preorder,
    a.selfTimeUs,
    a.criticalUs,
    span,
    startUs,
    endUs,
    bySpan.span,
    bySpan.us,
    bySpan.share,
    slowest,
    ...edges.map((e) => e.durationsUs),
  ])
    if (v.buffer instanceof ArrayBuffer && !transfer.includes(v.buffer)) transfer.push(v.buffer);
  return {
    ...a,
    packed: true,
    criticalPath: { span, startUs, endUs },
    bottlenecks: { ...a.bottlenecks, bySpan, slowestBySelfTime: slowest },
    serviceGraph: { ...a.serviceGraph, edges },
  };
}

export function unpackAnalysis(p: PackedAnalysis): TraceAnalysis {
  const { span, startUs, endUs } = p.criticalPath;
  const criticalPath: CriticalSegment[] = new Array<CriticalSegment>(span.length);
  for (let k = 0; k < span.length; k++)
    criticalPath[k] = { span: span[k] ?? 0, startUs: (startUs[k] ?? 0) as Micros, endUs: (endUs[k] ?? 0) as Micros };
  const by = p.bottlenecks.bySpan;
  const bySpan: SpanShare[] = new Array<SpanShare>(by.span.length);
  for (let k = 0; k < by.span.length; k++)
    bySpan[k] = { span: by.span[k] ?? 0, us: (by.us[k] ?? 0) as Micros, share: by.share[k] ?? 0 };
  const { packed: _packed, ...rest } = p;
  return {
    ...rest,
    criticalPath,
    bottlenecks: { ...p.bottlenecks, bySpan, slowestBySelfTime: Array.from(p.bottlenecks.slowestBySelfTime) },
    serviceGraph: {
      ...p.serviceGraph,
      edges: p.serviceGraph.edges.map((e) => ({ ...e, durationsUs: Array.from(e.durationsUs) })),
    },
  };
}
