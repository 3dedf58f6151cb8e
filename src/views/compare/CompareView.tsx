/**
 * The compare of two loaded traces: who is A and B, the one-line diff verdict, both critical
 * paths on one time scale, and the diff tree with the selected node's spans. All view state
 * (sort, threshold, selected node) lives in the URL.
 */
import { useMemo } from 'react';
import type { OpenTrace, TraceOrigin } from '../../api/trace-loader';
import { serviceColors } from '../../layout/service-colors';
import { formatDuration } from '../../lib/format';
import { traceHref, useUrlState } from '../../lib/router';
import { withBase } from '../../lib/base-path';
import { alignTraces } from '../../model/compare';
import { COMPARE_SORTS, diffRows, type CompareSort } from '../../model/compare-tree';
import { compareVerdict, type CompareVerdictPart } from '../../model/compare-verdict';
import { clipLabel } from '../../lib/truncate';
import { CriticalPathBars } from './CriticalPathBars';
import { DiffTree } from './DiffTree';
import { NodeDetail } from './NodeDetail';
import { compareUrlCodec } from './url-state';

const SORT_LABEL: Record<CompareSort, string> = {
  critical: 'Critical-path change',
  total: 'Total-duration change',
  self: 'Self-time change',
  count: 'Count change',
  name: 'Name',
};
const THRESHOLDS = [0, 5, 10, 25, 50, 100] as const;

interface Props {
  readonly a: OpenTrace;
  readonly b: OpenTrace;
  readonly sameTrace: boolean;
}

export function CompareView({ a, b, sameTrace }: Props) {
  const [url, updateUrl] = useUrlState(compareUrlCodec);
  const alignment = useMemo(
    () => alignTraces({ trace: a.trace, ...a.analysis }, { trace: b.trace, ...b.analysis }),
    [a, b],
  );
  const verdict = useMemo(
    () =>
      compareVerdict({
        durationUsA: a.trace.durationUs,
        durationUsB: b.trace.durationUs,
        alignment,
        sameTrace,
      }),
    [a, b, alignment, sameTrace],
  );
  const rows = useMemo(() => diffRows(alignment, url.sort, url.minPercent), [alignment, url.sort, url.minPercent]);
  const colors = useMemo(() => serviceColors(alignment.nodes.map((n) => n.service)), [alignment]);
  const selected = alignment.nodes.find((n) => n.key === url.node);
  const select = (key: string | undefined) => updateUrl({ node: key }, { replace: false });

  return (
    <div className="mx-auto flex max-w-[1400px] flex-col gap-4 p-4">
      <header>
        <h1 className="text-lg font-semibold">Compare traces</h1>
        <dl className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          <Side label="A" data={a} source={url.sourceA} />
          <Side label="B" data={b} source={url.sourceB} />
        </dl>
        <Verdict parts={verdict} colors={colors} />
      </header>
      <CriticalPathBars a={a} b={b} colors={colors} />
      <section aria-labelledby="diff-heading" className="flex flex-col gap-2">
        <div className="flex flex-wrap items-end gap-4">
          <h2 id="diff-heading" className="mr-auto font-semibold">
            What changed, operation by operation
          </h2>
          <label className="flex flex-col text-xs text-slate-600 dark:text-slate-400">
            Sort by
            <select
              value={url.sort}
              onChange={(e) => updateUrl({ sort: COMPARE_SORTS.find((s) => s === e.target.value) ?? 'critical' })}
              className="mt-0.5 rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
            >
              {COMPARE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {SORT_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-600 dark:text-slate-400">
            Changed by at least
            <select
              value={String(url.minPercent)}
              onChange={(e) => updateUrl({ minPercent: Number(e.target.value) })}
              className="mt-0.5 rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
            >
              {(THRESHOLDS.some((t) => t === url.minPercent) ? THRESHOLDS : [...THRESHOLDS, url.minPercent]).map(
                (t) => (
                  <option key={t} value={t}>
                    {t === 0 ? 'any amount (show all)' : `${t}%`}
                  </option>
                ),
              )}
            </select>
          </label>
        </div>
        <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(320px,1fr)]">
          <DiffTree alignment={alignment} rows={rows} colors={colors} selectedKey={url.node} onSelect={select} />
          {selected ? (
            <NodeDetail
              alignment={alignment}
              node={selected}
              a={a}
              b={b}
              sourceA={url.sourceA}
              sourceB={url.sourceB}
              onClose={() => select(undefined)}
            />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">Pick a row to see its spans in A and in B.</p>
          )}
        </div>
      </section>
    </div>
  );
}

function Side({ label, data, source }: { label: string; data: OpenTrace; source: string | undefined }) {
  const root = data.trace.spans[data.analysis.tree.mainRoot];
  const href = traceHref(data.trace.traceId, { source });
  return (
    <div className="min-w-0">
      <dt className="inline font-semibold">{label}: </dt>
      <dd className="inline">
        <a href={withBase(href)} className="font-mono text-sky-700 underline dark:text-sky-300">
          {data.trace.traceId}
        </a>{' '}
        {root ? `${clipLabel(root.service, 60)}: ${clipLabel(root.name, 80)}` : '(no root span)'} ·{' '}
        {formatDuration(data.trace.durationUs)} · {data.trace.spans.length} spans ·{' '}
        <span className="text-slate-600 dark:text-slate-400">{originText(data.origin)}</span>
      </dd>
    </div>
  );
}

function originText(origin: TraceOrigin): string {
  switch (origin.kind) {
    case 'file':
      return `file ${origin.fileName}`;
    case 'demo':
      return `demo: ${origin.title}`;
    case 'backend':
      return origin.source.name;
  }
}

function Verdict({ parts, colors }: { parts: readonly CompareVerdictPart[]; colors: ReadonlyMap<string, string> }) {
  return (
    <p data-testid="compare-verdict" className="mt-4 border-l-4 border-sky-500 pl-3 text-base leading-relaxed">
      {parts.map((part, i) =>
        part.kind === 'text' ? (
          <span key={i}>{part.text}</span>
        ) : (
          <code key={i} className="rounded bg-slate-100 px-1 break-all text-[0.95em] dark:bg-slate-800">
            <span
              className="mr-1 inline-block h-2 w-2 rounded-sm"
              style={{ backgroundColor: colors.get(part.service) }}
              aria-hidden
            />
            {clipLabel(part.operation, 80)}
          </code>
        ),
      )}
    </p>
  );
}
