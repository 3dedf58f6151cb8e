/**
 * Each trace's critical path as a bar stacked by service, both on one time scale (the longer
 * trace fills the width), services in the same order in both bars so they line up. The
 * legend below names every service with its time in A and B, for readers who cannot tell
 * the colours apart.
 */
import { useMemo } from 'react';
import type { OpenTrace } from '../../api/trace-loader';
import { formatDuration } from '../../lib/format';
import { clipLabel } from '../../lib/truncate';
import { sharedServiceOrder } from '../../model/compare-tree';
import { signedDuration } from '../../model/compare-verdict';

interface Props {
  readonly a: OpenTrace;
  readonly b: OpenTrace;
  readonly colors: ReadonlyMap<string, string>;
}

/** Services past this many are drawn but share one legend line. */
const LEGEND_MAX = 12;

export function CriticalPathBars({ a, b, colors }: Props) {
  const byA = a.analysis.bottlenecks.byService;
  const byB = b.analysis.bottlenecks.byService;
  const order = useMemo(() => sharedServiceOrder(byA, byB), [byA, byB]);
  const usA = useMemo(() => new Map(byA.map((s) => [s.service, s.us as number])), [byA]);
  const usB = useMemo(() => new Map(byB.map((s) => [s.service, s.us as number])), [byB]);
  const scaleUs = Math.max(a.trace.durationUs, b.trace.durationUs, 1);

  const bar = (label: string, duration: number, us: ReadonlyMap<string, number>) => (
    <div className="grid grid-cols-[1.5rem_minmax(0,1fr)_4.5rem] items-center gap-2 text-sm">
      <span className="font-semibold">{label}</span>
      <div className="h-5 rounded bg-slate-100 dark:bg-slate-800" aria-hidden>
        <div className="flex h-5 overflow-hidden rounded" style={{ width: `${(duration / scaleUs) * 100}%` }}>
          {order.map((service) => {
            const t = us.get(service) ?? 0;
            if (t <= 0) return null;
            return (
              <div
                key={service}
                title={`${clipLabel(service)}: ${formatDuration(t)}`}
                className="h-full border-r border-white/70 dark:border-slate-900/70"
                style={{ width: `${(t / Math.max(duration, 1)) * 100}%`, backgroundColor: colors.get(service) }}
              />
            );
          })}
        </div>
      </div>
      <span className="text-right tabular-nums">{formatDuration(duration)}</span>
    </div>
  );

  return (
    <section
      aria-labelledby="cp-compare-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="cp-compare-heading" className="font-semibold">
        Critical paths side by side
      </h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Each trace's critical path by service, on one time scale.
      </p>
      <div className="mt-3 flex flex-col gap-1.5">
        {bar('A', a.trace.durationUs, usA)}
        {bar('B', b.trace.durationUs, usB)}
      </div>
      <ul aria-label="Critical-path time by service, A and B" className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-xs">
        {order.slice(0, LEGEND_MAX).map((service) => {
          const ta = usA.get(service) ?? 0;
          const tb = usB.get(service) ?? 0;
          return (
            <li key={service} className="flex items-center gap-1.5">
              <span
                className="inline-block h-2.5 w-2.5 rounded-sm"
                style={{ backgroundColor: colors.get(service) }}
                aria-hidden
              />
              <span className="font-medium">{clipLabel(service, 60)}</span>
              <span className="tabular-nums text-slate-700 dark:text-slate-300">
                {formatDuration(ta)} → {formatDuration(tb)} ({tb === ta ? '±0' : signedDuration(tb - ta)})
              </span>
            </li>
          );
        })}
        {order.length > LEGEND_MAX && (
          <li className="text-slate-600 dark:text-slate-400">and {order.length - LEGEND_MAX} more services</li>
        )}
      </ul>
    </section>
  );
}
