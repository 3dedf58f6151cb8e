import type { CoreAnalysis } from '../../model/analysis-types';
import type { Trace } from '../../model/types';
import { formatDuration } from '../../lib/format';
import { clipLabel } from '../../lib/truncate';

const SLOWEST_SHOWN = 15;

/** Spans ranked by self time, slowest first; clicking one selects it and scrolls to it. */
export function SlowestSpans({
  trace,
  analysis,
  colors,
  selected,
  onSelectSpan,
}: {
  trace: Trace;
  analysis: CoreAnalysis;
  colors: ReadonlyMap<string, string>;
  selected: number;
  onSelectSpan: (i: number) => void;
}) {
  return (
    <section
      aria-labelledby="slowest-heading"
      className="flex min-h-[7.5rem] shrink flex-col rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="slowest-heading" className="text-sm font-semibold">
        Slowest spans by self time
      </h2>
      <ol
        data-testid="slowest-spans"
        className="mt-2 max-h-64 min-h-0 flex-1 space-y-0.5 overflow-auto bg-white text-sm dark:bg-slate-900"
      >
        {analysis.slowestBySelfTime.slice(0, SLOWEST_SHOWN).map((i) => {
          const span = trace.spans[i];
          if (!span) return null;
          return (
            <li key={i} data-span-id={span.spanId}>
              <button
                type="button"
                aria-pressed={i === selected}
                onClick={() => onSelectSpan(i)}
                className={`flex w-full items-center justify-between gap-2 rounded px-1.5 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800 ${i === selected ? 'bg-sky-100 shadow-[inset_3px_0_0_var(--color-sky-700)] dark:bg-sky-900 dark:shadow-[inset_3px_0_0_var(--color-sky-300)]' : ''}`}
              >
                <span className="flex min-w-0 items-center gap-1.5">
                  <span
                    className="h-2 w-2 shrink-0 rounded-full"
                    style={{ backgroundColor: colors.get(span.service) }}
                    aria-hidden
                  />
                  <span className="truncate">
                    <code className="font-mono">{clipLabel(span.name, 200)}</code>{' '}
                    <span className="text-slate-600 dark:text-slate-300">in {clipLabel(span.service, 100)}</span>
                  </span>
                  {span.status.code === 'error' && (
                    <span className="rounded bg-red-100 px-1 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">
                      error
                    </span>
                  )}
                  {(analysis.criticalUs[i] ?? 0) > 0 && (
                    <span title="On the critical path" className="text-amber-500">
                      ★
                    </span>
                  )}
                </span>
                <span className="shrink-0 tabular-nums">{formatDuration(analysis.selfTimeUs[i] ?? 0)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
