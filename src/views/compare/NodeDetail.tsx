/**
 * The selected aligned node: its measures in A, B and the delta, and its spans in each trace
 * (longest first), each a link to that span on its trace page.
 */
import type { OpenTrace } from '../../api/trace-loader';
import { withBase } from '../../lib/base-path';
import { formatDuration } from '../../lib/format';
import { traceHref } from '../../lib/router';
import { clipLabel } from '../../lib/truncate';
import { useMemo } from 'react';
import { spansOf, type AlignedNode, type Alignment, type SideStats } from '../../model/compare';
import { signedDuration } from '../../model/compare-verdict';

/** Spans listed per side; the rest are counted. */
const MAX_SPANS = 50;

interface Props {
  readonly alignment: Alignment;
  readonly node: AlignedNode;
  readonly a: OpenTrace;
  readonly b: OpenTrace;
  readonly sourceA: string | undefined;
  readonly sourceB: string | undefined;
  readonly onClose: () => void;
}

const MEASURES: readonly { key: keyof SideStats; label: string }[] = [
  { key: 'count', label: 'Spans' },
  { key: 'totalUs', label: 'Total duration' },
  { key: 'selfUs', label: 'Self time' },
  { key: 'criticalUs', label: 'Critical path' },
];

export function NodeDetail({ alignment, node, a, b, sourceA, sourceB, onClose }: Props) {
  const spansA = useMemo(() => spansOf(alignment, node.id, 'a'), [alignment, node.id]);
  const spansB = useMemo(() => spansOf(alignment, node.id, 'b'), [alignment, node.id]);
  const show = (key: keyof SideStats, v: number) => (key === 'count' ? String(v) : formatDuration(v));
  const showDelta = (key: keyof SideStats, d: number) =>
    d === 0 ? '±0' : key === 'count' ? `${d > 0 ? '+' : '\u2212'}${Math.abs(d)}` : signedDuration(d);
  return (
    <aside
      aria-labelledby="node-detail-heading"
      data-testid="compare-node-detail"
      className="min-w-0 rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
    >
      <div className="flex items-start gap-2">
        <h3 id="node-detail-heading" className="mr-auto min-w-0 font-semibold break-words">
          {clipLabel(node.operation, 200)}{' '}
          <span className="font-normal text-slate-600 dark:text-slate-400">in {clipLabel(node.service, 100)}</span>
        </h3>
        <button
          type="button"
          onClick={onClose}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600"
        >
          Close
        </button>
      </div>
      <table className="mt-2 w-full text-right tabular-nums">
        <thead className="text-xs text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="text-left font-medium">
              Measure
            </th>
            <th scope="col" className="font-medium">
              A
            </th>
            <th scope="col" className="font-medium">
              B
            </th>
            <th scope="col" className="font-medium">
              Δ
            </th>
          </tr>
        </thead>
        <tbody>
          {MEASURES.map(({ key, label }) => (
            <tr key={key}>
              <th scope="row" className="text-left font-normal">
                {label}
              </th>
              <td>{show(key, node.a[key])}</td>
              <td>{show(key, node.b[key])}</td>
              <td>{showDelta(key, node.b[key] - node.a[key])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <SpanList label="A" data={a} spans={spansA} source={sourceA} />
      <SpanList label="B" data={b} spans={spansB} source={sourceB} />
    </aside>
  );
}

function SpanList({
  label,
  data,
  spans,
  source,
}: {
  label: string;
  data: OpenTrace;
  spans: readonly number[];
  source: string | undefined;
}) {
  const all = data.trace.spans;
  const longest = [...spans]
    .sort((x, y) => (all[y]?.durationUs ?? 0) - (all[x]?.durationUs ?? 0) || x - y)
    .slice(0, MAX_SPANS);
  return (
    <div className="mt-3">
      <h4 className="text-xs font-semibold text-slate-700 dark:text-slate-300">
        In {label}: {spans.length === 0 ? 'none' : `${spans.length} span${spans.length === 1 ? '' : 's'}`}
      </h4>
      {longest.length > 0 && (
        <ul className="mt-1 flex flex-col gap-0.5">
          {longest.map((i) => {
            const s = all[i];
            if (s === undefined) return null;
            const critical = data.analysis.criticalUs[i] ?? 0;
            return (
              <li key={i} className="flex gap-2">
                <a
                  href={withBase(traceHref(data.trace.traceId, { source, span: s.spanId }))}
                  className="font-mono text-xs text-sky-700 underline dark:text-sky-300"
                >
                  {s.spanId}
                </a>
                <span className="tabular-nums">{formatDuration(s.durationUs)}</span>
                {critical > 0 && (
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {formatDuration(critical)} critical
                  </span>
                )}
              </li>
            );
          })}
          {spans.length > longest.length && (
            <li className="text-xs text-slate-600 dark:text-slate-400">and {spans.length - longest.length} more</li>
          )}
        </ul>
      )}
    </div>
  );
}
