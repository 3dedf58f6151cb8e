import { useMemo, useState } from 'react';
import type { CoreAnalysis } from '../../model/analysis-types';
import { useSummary } from './summary-context';
import type { Trace } from '../../model/types';
import { formatAbsolute, formatDuration } from '../../lib/format';
import { Verdict } from './Verdict';
import type { TraceOrigin } from '../../api/trace-loader';
import { CopyButton } from '../../components/CopyButton';
import { FileNotice } from './FileNotice';
import { TraceDownloads } from './TraceDownloads';
import { CompareWith } from './CompareWith';
import { clipLabel } from '../../lib/truncate';
import { traceLinks, type LinkPatterns } from '../../model/link-patterns';
import { LinkPatternProblems, PatternLinks } from './PatternLinks';
import { traceErrorCount, traceServices } from '../../layout/trace-facts';

interface Props {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly origin: TraceOrigin;
  readonly colors: ReadonlyMap<string, string>;
  readonly onSelectSpan: (spanIndex: number) => void;
  readonly linkPatterns?: LinkPatterns | undefined;
}

export function TraceHeader({ trace, analysis, origin, colors, onSelectSpan, linkPatterns }: Props) {
  const [showWarnings, setShowWarnings] = useState(false);
  const root = trace.spans[analysis.tree.mainRoot];
  const services = traceServices(trace);
  const errorCount = traceErrorCount(trace);
  const started = new Date(trace.startUnixUs / 1000);
  const warnings = analysis.warnings;
  const links = useMemo(
    () => (linkPatterns ? traceLinks(linkPatterns.patterns, trace, analysis.tree.mainRoot) : []),
    [linkPatterns, trace, analysis.tree.mainRoot],
  );

  return (
    <section
      aria-label="Trace summary"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="text-xl font-semibold">
          {root ? (
            <>
              {/* The service colour is a swatch; the text stays in the body colour (palette colours fail AA as text). */}
              <span
                className="mr-1.5 inline-block h-3 w-3 rounded-sm align-middle"
                style={{ backgroundColor: colors.get(root.service) }}
                aria-hidden
              />
              <span>{clipLabel(root.service)}</span>
              <span className="text-slate-400">: </span>
              <span className="break-words">{clipLabel(root.name)}</span>
            </>
          ) : (
            'Empty trace'
          )}
        </h1>
        <span className="flex items-center gap-1 font-mono text-xs text-slate-500 dark:text-slate-400">
          {trace.traceId}
          <CopyButton text={trace.traceId} label="Copy trace id" />
        </span>
        <span className="text-xs text-slate-500 dark:text-slate-400">{originText(origin)}</span>
        <TraceDownloads trace={trace} origin={origin} />
        <span className="ml-auto">
          <CompareWith trace={trace} origin={origin} />
        </span>
      </div>

      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <Fact
          label="Started"
          value={
            Number.isFinite(started.getTime()) && trace.startUnixUs > 0 ? formatAbsolute(trace.startUnixUs) : 'unknown'
          }
        />
        <Fact label="Duration" value={formatDuration(trace.durationUs)} />
        <Fact label="Services" value={String(services.length)} />
        <Fact label="Depth" value={String(analysis.tree.maxDepth + 1)} />
        <div className="flex gap-1.5">
          <dt className="text-slate-500 dark:text-slate-400">Spans</dt>
          <dd data-testid="trace-span-count" className="font-medium tabular-nums">
            {trace.spans.length}
          </dd>
        </div>
        <Fact label="Errors" value={String(errorCount)} tone={errorCount > 0 ? 'error' : undefined} />
        <div className="flex gap-1.5">
          <dt className="text-slate-500 dark:text-slate-400">Warnings</dt>
          <dd>
            {warnings.length === 0 ? (
              <span className="font-medium">0</span>
            ) : (
              <button
                type="button"
                aria-expanded={showWarnings}
                onClick={() => setShowWarnings((v) => !v)}
                className="font-medium text-amber-700 underline decoration-dotted dark:text-amber-400"
              >
                {warnings.length} {showWarnings ? '(hide)' : '(show)'}
              </button>
            )}
          </dd>
        </div>
      </dl>

      {links.length > 0 && (
        <nav aria-label="Trace links" className="mt-2 flex items-baseline gap-2 text-sm">
          <span className="text-slate-500 dark:text-slate-400">Links</span>
          <PatternLinks links={links} />
        </nav>
      )}
      <LinkPatternProblems problems={linkPatterns?.problems ?? []} />

      <ul aria-label="Services" className="mt-2 flex flex-wrap gap-1.5">
        {services.map((s) => (
          <li
            key={s}
            className="flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800"
          >
            <span className="h-2 w-2 rounded-full" style={{ backgroundColor: colors.get(s) }} aria-hidden />
            {s}
          </li>
        ))}
      </ul>

      {showWarnings && (
        <div role="status" aria-label="Trace warnings">
          <ul className="mt-3 max-h-60 list-disc overflow-auto rounded border border-amber-200 bg-amber-50 py-2 pr-2 pl-6 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            {warnings.slice(0, 500).map((w, i) => (
              <li key={i}>
                <span className="mr-1 rounded bg-amber-200 px-1 text-xs dark:bg-amber-800">{w.kind}</span>
                {clipLabel(w.message, 2_000)}
                {w.spanIndex !== undefined && (
                  <button
                    type="button"
                    className="ml-2 text-xs underline"
                    onClick={() => onSelectSpan(w.spanIndex ?? -1)}
                  >
                    show span
                  </button>
                )}
              </li>
            ))}
            {warnings.length > 500 && <li>…and {warnings.length - 500} more</li>}
          </ul>
        </div>
      )}

      {origin.kind === 'file' && <FileNotice fileName={origin.fileName} />}

      <TraceVerdict colors={colors} onSelectSpan={onSelectSpan} />
    </section>
  );
}

function Fact({ label, value, tone }: { label: string; value: string; tone?: 'error' | undefined }) {
  return (
    <div className="flex gap-1.5">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={`font-medium tabular-nums ${tone === 'error' ? 'text-red-600 dark:text-red-400' : ''}`}>
        {value}
      </dd>
    </div>
  );
}

function originText(origin: TraceOrigin): string {
  switch (origin.kind) {
    case 'file':
      return `from file ${origin.fileName}`;
    case 'demo':
      return `demo: ${origin.title}`;
    case 'backend':
      return `from ${origin.source.name} (${origin.source.type})`;
  }
}

/**
 * The verdict once the summary is in; until then, a line saying it is being worked out. It
 * carries the page's app-ready marker (tests wait on it), ready once the summary is in.
 */
function TraceVerdict({
  colors,
  onSelectSpan,
}: {
  colors: ReadonlyMap<string, string>;
  onSelectSpan: (spanIndex: number) => void;
}) {
  const summary = useSummary();
  return (
    <div data-app-ready={summary ? 'true' : 'false'}>
      {summary ? (
        <Verdict parts={summary.verdict} colors={colors} onSelectSpan={onSelectSpan} />
      ) : (
        <p
          role="status"
          className="mt-4 border-l-4 border-slate-300 pl-3 text-base text-slate-600 dark:border-slate-600 dark:text-slate-300"
        >
          Working out where the time went…
        </p>
      )}
    </div>
  );
}
