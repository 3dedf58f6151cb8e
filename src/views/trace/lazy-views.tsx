/**
 * The flame graph, statistics, span table and JSON views load when first shown: most visits
 * stay on the timeline, and these four were about a fifth of the app's first script.
 */
import { lazy, Suspense, type ReactNode } from 'react';

export const FlameGraph = lazy(() => import('./flame/FlameGraph').then((m) => ({ default: m.FlameGraph })));
export const StatsView = lazy(() => import('./stats/StatsView').then((m) => ({ default: m.StatsView })));
export const SpanTable = lazy(() => import('./table/SpanTable').then((m) => ({ default: m.SpanTable })));
export const JsonView = lazy(() => import('./json/JsonView').then((m) => ({ default: m.JsonView })));

/** Holds a view's place while its script loads. */
export function ViewLoading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p
          role="status"
          className="flex-1 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
        >
          Loading the view…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
