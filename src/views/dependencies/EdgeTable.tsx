/**
 * Every edge's numbers as text, under the graph (collapsed by default): the graph shows the
 * shape, this table the exact values (with the critical-path time under each edge's calls
 * when built from traces), busiest first.
 */
import type { DependencyGraph } from '../../api/dependencies/types';
import { formatCount, formatDuration, formatPercent } from '../../lib/format';
import { edgeKey } from '../../components/GraphLayer';
import { errorRate } from './DependencyGraphView';
import { clipLabel } from '../../lib/truncate';

export function EdgeTable({ graph, onFocus }: { graph: DependencyGraph; onFocus: (service: string) => void }) {
  const edges = [...graph.edges].sort((a, b) => b.calls - a.calls || (a.from < b.from ? -1 : 1));
  const traces = graph.origin === 'traces';
  return (
    <details className="max-h-[40vh] overflow-auto border-t border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-300">
        All {formatCount(graph.edges.length)} edges as a table
      </summary>
      <table className="mt-2 w-full text-left tabular-nums" data-testid="dependency-edges">
        <thead className="text-xs text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-4 font-medium">Caller</th>
            <th className="py-1 pr-4 font-medium">Callee</th>
            <th className="py-1 pr-4 text-right font-medium">Calls</th>
            <th className="py-1 pr-4 text-right font-medium">Errors</th>
            {traces && <th className="py-1 pr-4 text-right font-medium">p50</th>}
            {traces && <th className="py-1 text-right font-medium">p95</th>}
            {traces && (
              <th className="py-1 pl-4 text-right font-medium" title="Critical-path time under the calls, summed">
                Critical path
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {edges.map((e) => (
            <tr key={edgeKey(e.from, e.to)} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1 pr-4">
                <button
                  type="button"
                  className="text-sky-700 hover:underline dark:text-sky-400"
                  onClick={() => onFocus(e.from)}
                >
                  {clipLabel(e.from, 100)}
                </button>
              </td>
              <td className="py-1 pr-4">
                <button
                  type="button"
                  className="text-sky-700 hover:underline dark:text-sky-400"
                  onClick={() => onFocus(e.to)}
                >
                  {clipLabel(e.to, 100)}
                </button>
              </td>
              <td className="py-1 pr-4 text-right">{formatCount(e.calls)}</td>
              <td className="py-1 pr-4 text-right">
                {e.errors === undefined
                  ? '—'
                  : `${formatCount(e.errors)} (${formatPercent(errorRate(e.errors, e.calls) ?? 0)})`}
              </td>
              {traces && (
                <td className="py-1 pr-4 text-right">{e.p50Us === undefined ? '—' : formatDuration(e.p50Us)}</td>
              )}
              {traces && <td className="py-1 text-right">{e.p95Us === undefined ? '—' : formatDuration(e.p95Us)}</td>}
              {traces && (
                <td className="py-1 pl-4 text-right">
                  {e.criticalUs === undefined ? '—' : formatDuration(e.criticalUs)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
