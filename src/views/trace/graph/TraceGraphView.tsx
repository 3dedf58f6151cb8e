/**
 * view=graph on the trace page: the services of one trace and who called whom.
 * (First version: a list of the trace's service edges; the drawn graph follows.)
 */
import type { TraceAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';

export function TraceGraphView({ trace, analysis }: { trace: Trace; analysis: TraceAnalysis; selected: number; onSelectSpan: (spanIndex: number) => void }) {
  const { nodes, edges } = analysis.serviceGraph;
  return (
    <section aria-label="Service graph of this trace" className="p-4 text-sm">
      <p className="text-slate-600 dark:text-slate-300">
        {nodes.length} services, {edges.length} service-to-service edges in {trace.spans.length} spans.
      </p>
      <ul className="mt-2">
        {edges.map((e) => (
          <li key={`${e.from}\u0000${e.to}`} data-testid="graph-edge-item">
            {e.from} → {e.to}: {e.calls} calls
          </li>
        ))}
      </ul>
    </section>
  );
}
