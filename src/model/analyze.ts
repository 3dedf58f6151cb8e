/**
 * Every analysis of one trace in one call, for the worker to run once per loaded trace.
 * Pure and iterative; a 100,000-span trace takes well under half a second in Node.
 */
import type { AnalysisSummary, CoreAnalysis, TraceAnalysis } from './analysis-types';
import { bottlenecks, slowestSpans } from './bottlenecks';
import { criticalPath as findCriticalPath, criticalUsPerSpan } from './critical-path';
import { selfTimes } from './self-time';
import { serviceGraph } from './service-graph';
import { buildTree, type SpanKeys } from './tree';
import type { Trace } from './types';
import { verdict } from './verdict';

/**
 * The tree, self time, critical path and slowest spans: all the rows and their side list need, so the worker sends it
 * ahead of the summary. `keys`: the span ids as integers (tree.ts), which the worker's
 * packer has made already.
 */
export function analyzeCore(trace: Trace, keys?: SpanKeys): CoreAnalysis {
  const { tree, warnings } = buildTree(trace, keys);
  const selfTimeUs = selfTimes(trace, tree);
  const criticalPath = findCriticalPath(trace, tree);
  const criticalUs = criticalUsPerSpan(trace.spans.length, criticalPath);
  const slowestBySelfTime = slowestSpans(trace, selfTimeUs);
  return { tree, warnings, selfTimeUs, criticalPath, criticalUs, slowestBySelfTime };
}

/** Where the time went, the service graph and the verdict, from the core. */
export function summarizeAnalysis(trace: Trace, core: CoreAnalysis): AnalysisSummary {
  const b = bottlenecks(trace, core.criticalPath, core.selfTimeUs, core.slowestBySelfTime);
  return {
    bottlenecks: b,
    serviceGraph: serviceGraph([{ trace, tree: core.tree }]),
    verdict: verdict(trace, b, core.selfTimeUs),
  };
}

export function analyzeTrace(trace: Trace, keys?: SpanKeys): TraceAnalysis {
  const core = analyzeCore(trace, keys);
  return { ...core, ...summarizeAnalysis(trace, core) };
}
