import type { TraceAnalysis } from '../../model/analysis-types';
import type { AttrValue, Trace } from '../../model/types';
import { formatDuration, formatPercent } from '../../lib/format';

/** A compact view of the selected span; attribute values are rendered as text, never HTML. */
export function SpanSummary({ trace, analysis, spanIndex }: { trace: Trace; analysis: TraceAnalysis; spanIndex: number }) {
  const span = trace.spans[spanIndex];
  if (!span) return null;
  const criticalUs = analysis.criticalUs[spanIndex] ?? 0;
  const spanWarnings = analysis.warnings.filter((w) => w.spanIndex === spanIndex);
  return (
    <section aria-label="Selected span" className="rounded-lg border border-sky-300 bg-sky-50 p-4 text-sm dark:border-sky-800 dark:bg-sky-950">
      <h2 className="text-base font-semibold">
        <code className="font-mono">{span.name}</code> <span className="font-normal text-slate-600 dark:text-slate-300">in {span.service}</span>
      </h2>
      <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 sm:grid-cols-4">
        <Item label="Span id" value={span.spanId} mono />
        <Item label="Kind" value={span.kind} />
        <Item label="Starts at" value={`+${formatDuration(span.startUs)}`} />
        <Item label="Duration" value={formatDuration(span.durationUs)} />
        <Item label="Self time" value={formatDuration(analysis.selfTimeUs[spanIndex] ?? 0)} />
        <Item label="Critical path" value={criticalUs > 0 ? `${formatDuration(criticalUs)} (${formatPercent(trace.durationUs > 0 ? criticalUs / trace.durationUs : 0)})` : 'not on it'} />
        <Item label="Status" value={span.status.code + (span.status.message ? `: ${span.status.message}` : '')} />
        <Item label="Events" value={String(span.events.length)} />
      </dl>
      {span.attributes.length > 0 && (
        <table className="mt-3 w-full table-fixed text-xs">
          <tbody>
            {span.attributes.slice(0, 40).map((a, i) => (
              <tr key={i} className="border-t border-sky-200 dark:border-sky-900">
                <th scope="row" className="w-1/3 truncate py-0.5 pr-2 text-left font-mono font-normal text-slate-600 dark:text-slate-300">{a.key}</th>
                <td className="py-0.5 font-mono break-words">{valueText(a.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {spanWarnings.length > 0 && (
        <ul role="status" className="mt-2 list-disc pl-5 text-amber-800 dark:text-amber-300">
          {spanWarnings.map((w, i) => <li key={i}>{w.message}</li>)}
        </ul>
      )}
    </section>
  );
}

function valueText(v: AttrValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function Item({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={`truncate ${mono ? 'font-mono' : ''}`} title={value}>{value}</dd>
    </div>
  );
}
