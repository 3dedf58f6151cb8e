/**
 * view=stats: spans grouped by service, operation or an attribute's value, with count,
 * durations, self time, critical-path time and errors; sortable by any column. Grouping and
 * sort live in the URL (`group`, `sort`). A trace grouped by a high-cardinality key (a span
 * id attribute…) can have as many groups as spans, so at most MAX_ROWS rows are drawn.
 */
import { useMemo } from 'react';
import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { groupingKey, sortStats, spanStats, STATS_COLUMNS, type StatsColumn } from '../../../model/span-stats';
import { formatCount, formatDuration, formatPercent } from '../../../lib/format';
import { nextSort, parseSort, type TraceUrlState } from '../url-state';
import { SortHeader } from '../SortHeader';
import { traceAttributeKeys } from '../../../api/worker/unpack-trace';

interface Props {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly url: TraceUrlState;
  readonly update: (patch: Partial<TraceUrlState>) => void;
}

const MAX_ROWS = 2_000;
const LABELS: Record<StatsColumn, string> = {
  group: 'Group',
  count: 'Count',
  total: 'Total',
  avg: 'Average',
  min: 'Min',
  max: 'Max',
  self: 'Self total',
  critical: 'Critical path',
  errors: 'Errors',
};

export function StatsView({ trace, analysis, url, update }: Props) {
  const sort = parseSort(url.sort, STATS_COLUMNS, { column: 'critical', desc: true });
  const rows = useMemo(() => spanStats(trace, analysis, url.group), [trace, analysis, url.group]);
  const sorted = useMemo(() => sortStats(rows, sort.column, sort.desc), [rows, sort.column, sort.desc]);
  const keys = useMemo(() => traceAttributeKeys(trace), [trace]);
  const key = groupingKey(url.group);
  const groupLabel = key ?? (url.group === 'operation' ? 'Operation' : 'Service');
  const duration = Math.max(trace.durationUs, 1);

  return (
    <section
      aria-label="Span statistics"
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-700">
        <label className="flex items-center gap-1.5">
          Group by
          <select
            value={url.group === 'operation' || key !== undefined ? url.group : 'service'}
            onChange={(e) => update({ group: e.currentTarget.value })}
            className="max-w-72 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
          >
            <option value="service">service</option>
            <option value="operation">operation</option>
            <optgroup label="attribute">
              {key !== undefined && !keys.includes(key) && <option value={url.group}>{key}</option>}
              {keys.map((k) => (
                <option key={k} value={`attr:${k}`}>
                  {k}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <span className="text-xs text-slate-600 tabular-nums dark:text-slate-300">
          {formatCount(rows.length)} groups · {formatCount(trace.spans.length)} spans
          {rows.length > MAX_ROWS && ` · showing the first ${formatCount(MAX_ROWS)}`}
        </span>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        <table className="w-full border-collapse text-sm">
          <thead className="sticky top-0 bg-slate-50 text-xs dark:bg-slate-800">
            <tr>
              {STATS_COLUMNS.map((c) => (
                <SortHeader
                  key={c}
                  column={c}
                  label={c === 'group' ? groupLabel : LABELS[c]}
                  sort={sort}
                  align={c === 'group' ? 'left' : 'right'}
                  onSort={(col) => update({ sort: nextSort(sort, col) })}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, MAX_ROWS).map((r) => (
              <tr
                key={r.group}
                data-testid="stats-row"
                data-group={r.group}
                data-count={r.count}
                data-self-us={Math.round(r.selfUs)}
                data-critical-us={Math.round(r.criticalUs)}
                className="border-t border-slate-100 tabular-nums dark:border-slate-800"
              >
                <th scope="row" className="max-w-md truncate px-2 py-1 text-left font-normal" title={r.group}>
                  {r.group}
                </th>
                <td className="px-2 py-1 text-right">{formatCount(r.count)}</td>
                <td className="px-2 py-1 text-right">{formatDuration(r.totalUs)}</td>
                <td className="px-2 py-1 text-right">{formatDuration(r.avgUs)}</td>
                <td className="px-2 py-1 text-right">{formatDuration(r.minUs)}</td>
                <td className="px-2 py-1 text-right">{formatDuration(r.maxUs)}</td>
                <td className="px-2 py-1 text-right">{formatDuration(r.selfUs)}</td>
                <td className="px-2 py-1 text-right">
                  {r.criticalUs > 0
                    ? `${formatDuration(r.criticalUs)} (${formatPercent(r.criticalUs / duration)})`
                    : '–'}
                </td>
                <td className={`px-2 py-1 text-right ${r.errors > 0 ? 'text-red-700 dark:text-red-400' : ''}`}>
                  {r.errors}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
