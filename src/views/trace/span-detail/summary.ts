/**
 * The selected span in a few lines for a chat or an incident ticket ("Copy summary"), and its
 * ancestors for the breadcrumb. Pure, so both are unit-tested.
 */
import type { CoreAnalysis, TraceTree } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { formatDuration, formatPercent } from '../../../lib/format';
import { clipLabel } from '../../../lib/truncate';

export function spanSummary(trace: Trace, analysis: CoreAnalysis, spanIndex: number, permalink: string): string {
  const span = trace.spans[spanIndex];
  if (!span) return permalink;
  const selfUs = analysis.selfTimeUs[spanIndex] ?? 0;
  const criticalUs = analysis.criticalUs[spanIndex] ?? 0;
  const share = trace.durationUs > 0 ? criticalUs / trace.durationUs : 0;
  const lines = [
    `${clipLabel(span.service, 200)}: ${clipLabel(span.name, 500)}${span.status.code === 'error' ? ' (error)' : ''}`,
    `duration ${formatDuration(span.durationUs)}, self time ${formatDuration(selfUs)}, ` +
      (criticalUs > 0
        ? `critical path ${formatDuration(criticalUs)} (${formatPercent(share)} of the ${formatDuration(trace.durationUs)} trace)`
        : `not on the critical path of the ${formatDuration(trace.durationUs)} trace`),
    `trace ${trace.traceId}, span ${span.spanId}`,
    permalink,
  ];
  return lines.join('\n');
}

/** The span's ancestors, root first (iterative; stops on a cycle the tree would not have). */
export function ancestorsOf(tree: TraceTree, spanIndex: number): number[] {
  const out: number[] = [];
  let p = tree.parent[spanIndex] ?? -1;
  while (p >= 0 && out.length <= tree.parent.length) {
    out.push(p);
    p = tree.parent[p] ?? -1;
  }
  return out.reverse();
}
