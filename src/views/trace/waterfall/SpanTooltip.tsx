import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { formatDuration } from '../../../lib/format';
import { useTraceViewStore } from '../../../state/trace-view-store';
import { clipLabel } from '../../../lib/truncate';

/** The hovered span's essentials next to the pointer; only this re-renders on mouse move. */
export function SpanTooltip({ trace, analysis }: { trace: Trace; analysis: CoreAnalysis }) {
  const hover = useTraceViewStore((s) => s.hover);
  const span = hover ? trace.spans[hover.span] : undefined;
  if (!hover || !span) return null;
  const critical = analysis.criticalUs[hover.span] ?? 0;
  const left = Math.min(hover.x + 14, window.innerWidth - 330);
  const top = hover.y + 18 > window.innerHeight - 120 ? hover.y - 110 : hover.y + 18;
  return (
    <div
      role="tooltip"
      className="pointer-events-none fixed z-40 w-80 rounded-md border border-slate-200 bg-white p-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-800"
      style={{ left, top }}
    >
      <p className="truncate font-medium">
        {clipLabel(span.service, 100)}: <span className="font-mono">{clipLabel(span.name, 200)}</span>
      </p>
      <p className="mt-1 text-slate-600 tabular-nums dark:text-slate-300">
        {formatDuration(span.durationUs)} at +{formatDuration(span.startUs)} · self{' '}
        {formatDuration(analysis.selfTimeUs[hover.span] ?? 0)}
        {critical > 0 && ` · critical ${formatDuration(critical)}`}
      </p>
      {span.status.code === 'error' && (
        <p className="mt-1 truncate text-red-700 dark:text-red-300">
          error{span.status.message ? `: ${clipLabel(span.status.message, 200)}` : ''}
        </p>
      )}
      {span.events.length > 0 && (
        <p className="mt-1 text-slate-500 dark:text-slate-400">
          {span.events.length} event{span.events.length === 1 ? '' : 's'}
        </p>
      )}
    </div>
  );
}
