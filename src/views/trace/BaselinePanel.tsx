/**
 * "Compared with N similar traces": off until asked (then `baseline=N` in the URL); while it
 * loads, progress and Cancel; when there is no baseline, why, in plain words; else the spans
 * above their baseline p95 (a list, best first) and, per (service, operation), this trace's
 * self and critical-path time against the baseline's p50 / p95.
 */
import { BASELINE_DEFAULT, BASELINE_MAX } from '../../api/baseline';
import { formatDuration } from '../../lib/format';
import { clipLabel } from '../../lib/truncate';
import { formatAgainst, type OperationComparison, type Percentiles } from '../../model/baseline';
import type { Trace } from '../../model/types';
import type { BaselineState } from './use-baseline';

const CHOICES = [20, BASELINE_DEFAULT, 100, 200, BASELINE_MAX];
const box = 'rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800';
const button =
  'rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700';
const high = 'font-semibold text-red-800 dark:text-red-300';

interface Props {
  readonly trace: Trace;
  readonly n: number | undefined;
  readonly state: BaselineState;
  readonly onN: (n: number | undefined) => void;
  readonly onSelectSpan: (span: number) => void;
}

export function BaselinePanel({ trace, n, state, onN, onSelectSpan }: Props) {
  const hide = (
    <button type="button" className={`${button} ml-auto`} onClick={() => onN(undefined)}>
      Hide
    </button>
  );
  switch (state.status) {
    case 'off':
      return (
        <section aria-label="Baseline" className={`${box} flex items-center gap-2`}>
          <button type="button" className={button} onClick={() => onN(BASELINE_DEFAULT)}>
            Compare with {BASELINE_DEFAULT} similar traces
          </button>
          <span className="text-slate-600 dark:text-slate-400">
            Same root service and operation, started near this trace: which spans are unusually slow?
          </span>
        </section>
      );
    case 'running': {
      const p = state.progress;
      return (
        <section aria-label="Baseline" className={`${box} flex items-center gap-3`} role="status" aria-live="polite">
          {p.phase === 'loading' ? (
            <>
              <progress
                value={p.progress.done}
                max={Math.max(1, p.progress.total)}
                className="h-2 w-32"
                aria-label="Similar traces loaded"
              />
              <span>
                Loaded {p.progress.done} of {p.progress.total} similar traces
                {p.progress.failed > 0 ? ` (${p.progress.failed} failed)` : ''}…
              </span>
            </>
          ) : (
            <span>Looking for up to {n} similar traces…</span>
          )}
          <button type="button" className={`${button} ml-auto`} onClick={state.cancel}>
            Cancel
          </button>
        </section>
      );
    }
    case 'cancelled':
    case 'failed':
      return (
        <section aria-label="Baseline" className={`${box} flex flex-wrap items-center gap-2`}>
          <span role={state.status === 'failed' ? 'alert' : 'status'} className="whitespace-pre-wrap">
            {state.status === 'failed' ? `No baseline: ${state.message}` : 'Baseline cancelled.'}
          </span>
          <button type="button" className={button} onClick={state.retry}>
            Try again
          </button>
          {hide}
        </section>
      );
    case 'none':
      return (
        <section aria-label="Baseline" className={`${box} flex items-center gap-2`}>
          <p role="status" data-testid="baseline-none">
            No baseline: {state.reason}
          </p>
          {hide}
        </section>
      );
    case 'ready': {
      const { outcome, comparison } = state;
      return (
        <section aria-label="Baseline" className={`${box} flex flex-col gap-2`} data-testid="baseline-panel">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="font-semibold" data-testid="baseline-title">
              Compared with {outcome.baseline.traceCount} similar{' '}
              {outcome.baseline.traceCount === 1 ? 'trace' : 'traces'}
            </h2>
            {outcome.failed > 0 && (
              <span className="text-slate-600 dark:text-slate-400">({outcome.failed} could not be loaded)</span>
            )}
            <label className="ml-4 flex items-center gap-1">
              <span className="text-slate-600 dark:text-slate-400">Up to</span>
              <select
                value={n}
                onChange={(e) => onN(Number(e.currentTarget.value))}
                className="rounded border border-slate-300 bg-white px-1 dark:border-slate-600 dark:bg-slate-800"
              >
                {[...new Set([...CHOICES, n ?? BASELINE_DEFAULT])]
                  .sort((a, b) => a - b)
                  .map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
              </select>
            </label>
            {hide}
          </div>
          <Outliers trace={trace} state={state} onSelectSpan={onSelectSpan} />
          <OperationTable rows={comparison.operations} />
        </section>
      );
    }
  }
}

function Outliers({
  trace,
  state,
  onSelectSpan,
}: {
  trace: Trace;
  state: Extract<BaselineState, { status: 'ready' }>;
  onSelectSpan: (span: number) => void;
}) {
  const { outliers } = state.comparison;
  if (outliers.length === 0)
    return <p data-testid="baseline-outliers-none">No span is above its operation’s p95 in the baseline.</p>;
  return (
    <div>
      <h3 className="text-xs font-medium text-slate-600 dark:text-slate-400">
        {outliers.length} {outliers.length === 1 ? 'span is' : 'spans are'} above the baseline’s p95
      </h3>
      <ol data-testid="baseline-outliers" className="mt-1 flex max-h-40 flex-col gap-0.5 overflow-auto">
        {outliers.map((o) => {
          const span = trace.spans[o.span];
          if (!span) return null;
          return (
            <li key={o.span} data-span-id={span.spanId}>
              <button
                type="button"
                onClick={() => onSelectSpan(o.span)}
                className="rounded px-1 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:bg-slate-800"
              >
                <span className="font-mono">{clipLabel(span.name, 80)}</span> in {clipLabel(span.service, 60)}:{' '}
                <span className={high}>{formatAgainst(o.durationUs, o.base.spanUs.p95Us)[0]}</span>, typically{' '}
                {formatDuration(o.base.spanUs.p50Us)} (p95 {formatAgainst(o.durationUs, o.base.spanUs.p95Us)[1]})
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Versus({ us, base }: { us: number; base: Percentiles | undefined }) {
  return (
    <>
      <td className={`px-2 py-0.5 text-right tabular-nums ${base && us > base.p95Us ? high : ''}`}>
        {formatDuration(us)}
      </td>
      <td className="px-2 py-0.5 text-right tabular-nums text-slate-600 dark:text-slate-400">
        {base ? `${formatDuration(base.p50Us)} / ${formatDuration(base.p95Us)}` : '–'}
      </td>
    </>
  );
}

function OperationTable({ rows }: { rows: readonly OperationComparison[] }) {
  return (
    <details>
      <summary className="cursor-pointer rounded text-xs font-medium text-slate-600 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-400">
        Every operation against the baseline ({rows.length})
      </summary>
      <div className="max-h-72 overflow-auto">
        <table className="mt-1 w-full text-sm">
          <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
            <tr>
              <th className="px-2 py-0.5 font-medium">Service</th>
              <th className="px-2 py-0.5 font-medium">Operation</th>
              <th className="px-2 py-0.5 text-right font-medium">Self</th>
              <th className="px-2 py-0.5 text-right font-medium">usual p50 / p95</th>
              <th className="px-2 py-0.5 text-right font-medium">Critical</th>
              <th className="px-2 py-0.5 text-right font-medium">usual p50 / p95</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.service}\u0000${r.name}`}
                data-testid="baseline-row"
                data-service={r.service}
                data-operation={r.name}
                data-self-us={Math.round(r.selfUs)}
                data-critical-us={Math.round(r.criticalUs)}
                className="border-t border-slate-100 dark:border-slate-800"
              >
                <td className="px-2 py-0.5">{clipLabel(r.service, 60)}</td>
                <td className="px-2 py-0.5 font-mono text-[0.92em]">{clipLabel(r.name, 80)}</td>
                <Versus us={r.selfUs} base={r.base?.selfUs} />
                <Versus us={r.criticalUs} base={r.base?.criticalUs} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
