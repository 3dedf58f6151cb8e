/**
 * "Where the time went in these N traces": a button that loads the results' full traces
 * (with progress and Cancel), then a table of critical-path time per service, each service
 * followed by its operations: the sum, its share of all the traces' time, p50 / p95 per
 * trace, in how many traces it appears, and links to the traces where it holds the most time.
 * Test hook: rows `data-testid="aggregate-row"` with data-service, data-operation (empty on a
 * service row) and data-critical-us (integer µs, the sum).
 */
import type { ClientSource } from '../../api/client';
import type { TraceSummary } from '../../api/search/types';
import { withBase } from '../../lib/base-path';
import { formatDuration, formatPercent } from '../../lib/format';
import { navigate } from '../../lib/router';
import { clipLabel } from '../../lib/truncate';
import type { AggregateRow } from '../../model/aggregate';
import { AGGREGATE_MAX, useAggregate, type AggregateResult, type AggregateState } from './use-aggregate';

const box = 'rounded border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-800 dark:bg-slate-900';
const button =
  'rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700';
/** Links to at most this many traces per row. */
const MAX_LINKS = 10;

interface Props {
  readonly source: ClientSource | undefined;
  readonly results: readonly TraceSummary[];
  readonly hrefOf: (s: TraceSummary) => string;
  /** Shown (the URL's `aggregate=1`), and how to change that. */
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
}

export function AggregatePanel({ source, results, hrefOf, open, onOpenChange }: Props) {
  // Hidden sums stay loaded: showing them again is the same button, with nothing to fetch.
  const state: AggregateState = useAggregate(source, results, open, onOpenChange);
  const byId = new Map(results.map((s) => [s.traceId as string, s]));
  const linkOf = (traceId: string) => {
    const s = byId.get(traceId);
    return s ? hrefOf(s) : `/trace/${traceId}`;
  };
  const n = Math.min(results.length, AGGREGATE_MAX);
  const title = `Where the time went in ${n === 1 ? 'this trace' : `these ${n} traces`}`;
  const more = results.length > AGGREGATE_MAX ? ` (the first ${AGGREGATE_MAX} of ${results.length}, as sorted)` : '';
  switch (state.status) {
    case 'idle':
    case 'cancelled':
    case 'failed':
      return (
        <div className={`${box} flex flex-wrap items-center gap-2`} data-testid="aggregate-panel">
          <button type="button" className={button} onClick={state.start}>
            {title}
          </button>
          <span className="text-slate-600 dark:text-slate-400">
            {state.status === 'cancelled'
              ? 'Cancelled.'
              : state.status === 'failed'
                ? ''
                : `Loads each trace${more} and sums its critical path per service and operation.`}
          </span>
          {state.status === 'failed' && (
            <p role="alert" className="w-full whitespace-pre-wrap text-red-800 dark:text-red-200">
              {state.message}
            </p>
          )}
        </div>
      );
    case 'running': {
      const { done, failed, total } = state.progress;
      return (
        <div
          className={`${box} flex items-center gap-3`}
          data-testid="aggregate-panel"
          role="status"
          aria-live="polite"
        >
          <progress value={done} max={Math.max(1, total)} className="h-2 w-32" aria-label="Traces loaded" />
          <span>
            Loaded {done} of {total} traces{failed > 0 ? ` (${failed} failed)` : ''}…
          </span>
          <button type="button" className={`${button} ml-auto`} onClick={state.cancel}>
            Cancel
          </button>
        </div>
      );
    }
    case 'ready':
      return <AggregateTable title={title} result={state.result} hrefOf={linkOf} onHide={() => onOpenChange(false)} />;
  }
}

function AggregateTable({
  title,
  result,
  hrefOf,
  onHide,
}: {
  title: string;
  result: AggregateResult;
  hrefOf: (traceId: string) => string;
  onHide: () => void;
}) {
  const { aggregate, failed, firstFailure } = result;
  const opsOf = new Map<string, AggregateRow[]>();
  for (const op of aggregate.operations) {
    const list = opsOf.get(op.service);
    if (list) list.push(op);
    else opsOf.set(op.service, [op]);
  }
  return (
    <section
      aria-label={title}
      data-testid="aggregate-panel"
      className="max-h-[45vh] shrink-0 overflow-auto rounded border border-slate-200 dark:border-slate-800"
    >
      <div className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="flex items-center gap-2">
          <h2 className="font-semibold">{title}</h2>
          <button type="button" className={`${button} ml-auto`} onClick={onHide}>
            Hide
          </button>
        </div>
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="aggregate-summary">
          Critical-path time over {aggregate.traceCount} traces ({formatDuration(aggregate.totalUs)} in all); p50 / p95
          are per trace, over the traces it appears in.
          {failed > 0 && (
            <span role="status">
              {' '}
              {failed} {failed === 1 ? 'trace' : 'traces'} could not be loaded and {failed === 1 ? 'is' : 'are'} left
              out
              {firstFailure ? ` (${firstFailure})` : ''}.
            </span>
          )}
        </p>
      </div>
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
          <tr>
            <th className="px-3 py-1 font-medium">Service / operation</th>
            <th className="px-2 py-1 text-right font-medium">Critical time</th>
            <th className="px-2 py-1 font-medium">Share</th>
            <th className="px-2 py-1 text-right font-medium">p50</th>
            <th className="px-2 py-1 text-right font-medium">p95</th>
            <th className="px-2 py-1 text-right font-medium">In traces</th>
            <th className="px-2 py-1 font-medium">Holds the most time in</th>
          </tr>
        </thead>
        <tbody>
          {aggregate.services.map((s) => [
            <Row key={s.service} row={s} hrefOf={hrefOf} />,
            ...(opsOf.get(s.service) ?? []).map((op) => (
              <Row key={`${op.service}\u0000${op.operation}`} row={op} hrefOf={hrefOf} />
            )),
          ])}
        </tbody>
      </table>
    </section>
  );
}

function Row({ row, hrefOf }: { row: AggregateRow; hrefOf: (traceId: string) => string }) {
  const isService = row.operation === '';
  const pct = Math.max(0, Math.min(100, row.share * 100));
  return (
    <tr
      data-testid="aggregate-row"
      data-service={row.service}
      data-operation={row.operation}
      data-critical-us={Math.round(row.criticalUs)}
      className={`border-t border-slate-100 dark:border-slate-800 ${isService ? 'font-medium' : ''}`}
    >
      <td
        className={`py-1 pr-2 ${isService ? 'pl-3' : 'pl-8 font-mono text-[0.92em]'}`}
        title={row.operation || row.service}
      >
        {clipLabel(isService ? row.service : row.operation, 70)}
      </td>
      <td className="px-2 py-1 text-right tabular-nums">{formatDuration(row.criticalUs)}</td>
      <td className="px-2 py-1">
        <span className="flex items-center gap-2">
          <span className="inline-block h-2 w-20 rounded-sm bg-slate-200 dark:bg-slate-700" aria-hidden>
            <span className="block h-2 rounded-sm bg-sky-600 dark:bg-sky-400" style={{ width: `${pct}%` }} />
          </span>
          <span className="tabular-nums">{formatPercent(row.share)}</span>
        </span>
      </td>
      <td className="px-2 py-1 text-right tabular-nums">{formatDuration(row.p50Us)}</td>
      <td className="px-2 py-1 text-right tabular-nums">{formatDuration(row.p95Us)}</td>
      <td className="px-2 py-1 text-right tabular-nums">{row.traces}</td>
      <td className="px-2 py-1">
        {row.dominates.length === 0 ? (
          <span className="text-slate-500 dark:text-slate-400">–</span>
        ) : (
          <details>
            <summary className="cursor-pointer rounded focus-visible:outline-2 focus-visible:outline-blue-600">
              {row.dominates.length} {row.dominates.length === 1 ? 'trace' : 'traces'}
            </summary>
            <ul className="mt-1 flex flex-col gap-0.5 font-normal">
              {row.dominates.slice(0, MAX_LINKS).map((d) => (
                <li key={d.traceId}>
                  <a
                    href={withBase(hrefOf(d.traceId))}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // new tab: the browser's
                      e.preventDefault();
                      navigate(hrefOf(d.traceId));
                    }}
                    data-testid="aggregate-trace-link"
                    className="font-mono text-xs text-blue-700 underline dark:text-blue-300"
                  >
                    {d.traceId.slice(0, 12)}…
                  </a>{' '}
                  <span className="text-xs text-slate-600 dark:text-slate-400">{formatPercent(d.share)}</span>
                </li>
              ))}
              {row.dominates.length > MAX_LINKS && (
                <li className="text-xs text-slate-600 dark:text-slate-400">
                  and {row.dominates.length - MAX_LINKS} more
                </li>
              )}
            </ul>
          </details>
        )}
      </td>
    </tr>
  );
}
