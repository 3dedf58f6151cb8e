import { useSummary } from './summary-context';
import type { Trace } from '../../model/types';
import { formatDuration, formatPercent } from '../../lib/format';
import { traceServiceColors } from '../../layout/trace-facts';
import { clipLabel } from '../../lib/truncate';

interface Props {
  readonly trace: Trace;
}

/** Critical-path shares by service and operation. */
export function CriticalPathSummary({ trace }: Props) {
  const bottlenecks = useSummary()?.bottlenecks;
  const colors = traceServiceColors(trace);
  if (!bottlenecks)
    return (
      <p
        role="status"
        className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
      >
        Summing the critical path by service and operation…
      </p>
    );
  const { byService, byOperation } = bottlenecks;

  return (
    <div>
      <section
        aria-labelledby="cp-heading"
        className="grid gap-x-10 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
      >
        <div>
          <h2 id="cp-heading" className="font-semibold">
            Critical path by service
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Share of the trace's {formatDuration(trace.durationUs)} that each service held on the critical path.
          </p>
          <ul className="mt-3 space-y-1.5">
            {byService.slice(0, 12).map((s) => (
              <li key={s.service} className="grid grid-cols-[8rem_1fr_4.5rem] items-center gap-2 text-sm">
                <span className="truncate" title={clipLabel(s.service)}>
                  {clipLabel(s.service, 100)}
                </span>
                <span className="h-3 rounded bg-slate-100 dark:bg-slate-800">
                  <span
                    className="block h-3 rounded"
                    style={{ width: `${Math.max(0.5, s.share * 100)}%`, backgroundColor: colors.get(s.service) }}
                  />
                </span>
                <span className="text-right tabular-nums">{formatPercent(s.share)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="text-sm font-semibold">Top operations on the critical path</h3>
          <ol className="mt-2 space-y-1 text-sm">
            {byOperation.slice(0, 6).map((op) => (
              <li key={`${op.service}\u0000${op.name}`} className="flex justify-between gap-2">
                <span className="truncate">
                  <code className="font-mono">{clipLabel(op.name, 200)}</code>{' '}
                  <span className="text-slate-500 dark:text-slate-400">in {clipLabel(op.service, 100)}</span>
                </span>
                <span className="shrink-0 tabular-nums">
                  {formatDuration(op.us)} · {formatPercent(op.share)}
                </span>
              </li>
            ))}
          </ol>
        </div>
      </section>
    </div>
  );
}
