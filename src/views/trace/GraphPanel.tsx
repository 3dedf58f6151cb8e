/**
 * view=graph: the trace's graph view lives in ./graph/ (owned by the dependency-graph work)
 * and is loaded lazily, so the waterfall's first screen never pays for it. While that
 * module does not exist yet, the glob is empty and the view switch stays hidden.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import type { CoreAnalysis } from '../../model/analysis-types';
import type { Trace } from '../../model/types';

interface GraphProps {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly selected: number;
  readonly onSelectSpan: (i: number) => void;
}

const loaders = import.meta.glob<{ TraceGraphView: ComponentType<GraphProps> }>('./graph/TraceGraphView.tsx');
const load = loaders['./graph/TraceGraphView.tsx'];

export const GRAPH_AVAILABLE = load !== undefined;

const LazyGraph = lazy(async () => {
  if (!load) throw new Error('The graph view is not part of this build.');
  const mod = await load();
  return { default: mod.TraceGraphView };
});

export function GraphPanel(props: GraphProps) {
  return (
    <div className="min-h-0 flex-1 overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <Suspense
        fallback={
          <p role="status" className="p-6 text-sm text-slate-500">
            Loading the graph view…
          </p>
        }
      >
        <LazyGraph {...props} />
      </Suspense>
    </div>
  );
}
