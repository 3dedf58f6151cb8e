/**
 * Everything about the selected span: timing, its share of the critical path, status,
 * attributes, resource, events, links and warnings. All values are text.
 */
import type { ReactNode } from 'react';
import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { formatDuration, formatPercent } from '../../../lib/format';
import { LongText } from '../../../components/LongText';
import { clipLabel, DETAIL_CHARS } from '../../../lib/truncate';

/** The header keeps a long name short; "show more" reveals the rest step by step. */
const HEADER_NAME_CHARS = 120;
import { AttributeTable } from './AttributeTable';
import { SpanLinks } from './SpanLinks';
import { Breadcrumb } from './Breadcrumb';
import { CopySummaryButton } from './CopySummaryButton';
import { spanSummary } from './summary';
import { attributeLinks, hasAttributePatterns, type LinkPattern } from '../../../model/link-patterns';

interface Props {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly spanIndex: number;
  readonly color: string;
  readonly onSelectSpan: (i: number) => void;
  readonly onClose: () => void;
  readonly linkPatterns?: readonly LinkPattern[];
}

/** The detail's scrolling body, where the keyboard lands when the detail opens. */
export const SPAN_DETAIL_BODY_ID = 'span-detail-body';

export function SpanDetail({ trace, analysis, spanIndex, color, onSelectSpan, onClose, linkPatterns = [] }: Props) {
  const span = trace.spans[spanIndex];
  if (!span) return null;
  const linksOf = (type: 'span' | 'resource') =>
    hasAttributePatterns(linkPatterns, type)
      ? (key: string) => attributeLinks(linkPatterns, trace, spanIndex, type, key)
      : undefined;
  const criticalUs = analysis.criticalUs[spanIndex] ?? 0;
  const warnings = [
    ...span.warnings,
    ...analysis.warnings.filter((w) => w.spanIndex === spanIndex).map((w) => w.message),
  ];
  const isError = span.status.code === 'error';
  return (
    <section
      id="span-detail"
      aria-label="Selected span"
      className="flex min-h-[min(18rem,60%)] flex-1 flex-col rounded-lg border border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex items-start gap-2 border-b border-slate-200 p-3 dark:border-slate-700">
        <span className="mt-1 h-3 w-3 shrink-0 rounded-sm" style={{ backgroundColor: color }} aria-hidden />
        <h2 className="min-w-0 flex-1 font-semibold break-words">
          <span>{clipLabel(span.service)}</span>
          <span className="text-slate-400">: </span>
          <code className="font-mono">
            <LongText key={spanIndex} text={span.name} max={HEADER_NAME_CHARS} what="span name" />
          </code>
        </h2>
        <CopySummaryButton summary={() => spanSummary(trace, analysis, spanIndex, window.location.href)} />
        <button
          type="button"
          onClick={onClose}
          aria-label="Close span detail"
          className="rounded px-1.5 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          ✕
        </button>
      </header>
      <Breadcrumb trace={trace} tree={analysis.tree} spanIndex={spanIndex} onSelectSpan={onSelectSpan} />
      {/* Focused by Enter on a row: the arrow keys then scroll the detail, not the page. */}
      <div
        key={spanIndex}
        id={SPAN_DETAIL_BODY_ID}
        tabIndex={-1}
        className="min-h-0 flex-1 space-y-3 overflow-auto p-3 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset"
      >
        <dl className="grid grid-cols-2 gap-x-4 gap-y-2">
          <Item label="Span id" value={span.spanId} mono />
          <Item label="Kind" value={span.kind} />
          <Item label="Starts at" value={`+${formatDuration(span.startUs)}`} />
          <Item label="Duration" value={formatDuration(span.durationUs)} />
          <Item label="Self time" value={formatDuration(analysis.selfTimeUs[spanIndex] ?? 0)} />
          <Item
            label="Critical path"
            value={
              criticalUs > 0
                ? `${formatDuration(criticalUs)} · ${formatPercent(trace.durationUs > 0 ? criticalUs / trace.durationUs : 0)} of the trace`
                : 'not on it'
            }
          />
          <div className="col-span-2 min-w-0">
            <dt className="text-xs text-slate-500 dark:text-slate-400">Status</dt>
            <dd className={`break-words ${isError ? 'font-medium text-red-700 dark:text-red-300' : ''}`}>
              {span.status.code}
              {span.status.message ? (
                <>
                  : <LongText key={spanIndex} text={span.status.message} max={DETAIL_CHARS} what="status message" />
                </>
              ) : null}
            </dd>
          </div>
        </dl>
        {warnings.length > 0 && (
          <div role="status" aria-label="Span warnings">
            <ul className="list-disc rounded border border-amber-300 bg-amber-50 py-1.5 pr-2 pl-6 text-xs text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
              {warnings.slice(0, 200).map((w, i) => (
                <li key={i}>{clipLabel(w, DETAIL_CHARS)}</li>
              ))}
            </ul>
          </div>
        )}
        <Part title={`Attributes (${span.attributes.length})`}>
          <AttributeTable attributes={span.attributes} label="Span attributes" linksFor={linksOf('span')} />
        </Part>
        <Part title={`Resource (${span.resource.length})`}>
          <AttributeTable attributes={span.resource} label="Resource attributes" linksFor={linksOf('resource')} />
        </Part>
        {span.events.length > 0 && (
          <Part title={`Events (${span.events.length})`}>
            <ol className="space-y-2">
              {span.events.slice(0, 200).map((ev, i) => (
                <li key={i}>
                  <p className="text-xs">
                    <span className="text-slate-500 tabular-nums dark:text-slate-400">
                      +{formatDuration(ev.timeUs - span.startUs)}
                    </span>{' '}
                    <span className="font-medium">{clipLabel(ev.name)}</span>
                  </p>
                  <AttributeTable attributes={ev.attributes} label={`Attributes of event ${clipLabel(ev.name, 60)}`} />
                </li>
              ))}
            </ol>
          </Part>
        )}
        {span.links.length > 0 && (
          <Part title={`Links (${span.links.length})`}>
            <SpanLinks trace={trace} links={span.links} onSelectSpan={onSelectSpan} />
          </Part>
        )}
      </div>
    </section>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details open className="group">
      <summary className="cursor-pointer text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
        {title}
      </summary>
      <div className="mt-1">{children}</div>
    </details>
  );
}

function Item({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={`break-words ${mono ? 'font-mono text-xs' : ''}`}>{value}</dd>
    </div>
  );
}
