/**
 * The selected span's ancestors, root first, each a button that selects it. A very deep span
 * shows the root, a count of the levels left out, and its nearest ancestors.
 */
import { useMemo } from 'react';
import type { TraceTree } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { clipLabel } from '../../../lib/truncate';
import { ancestorsOf } from './summary';
import { formatCount } from '../../../lib/format';

const NEAREST_SHOWN = 5;

interface Props {
  readonly trace: Trace;
  readonly tree: TraceTree;
  readonly spanIndex: number;
  readonly onSelectSpan: (i: number) => void;
}

export function Breadcrumb({ trace, tree, spanIndex, onSelectSpan }: Props) {
  const ancestors = useMemo(() => ancestorsOf(tree, spanIndex), [tree, spanIndex]);
  if (ancestors.length === 0) return null;
  const cut = ancestors.length > NEAREST_SHOWN + 1;
  const shown = cut ? [ancestors[0] ?? 0, -1, ...ancestors.slice(-NEAREST_SHOWN)] : ancestors;
  const hidden = ancestors.length - NEAREST_SHOWN - 1;
  return (
    <nav aria-label="Span ancestors" className="border-b border-slate-200 px-3 py-1.5 text-xs dark:border-slate-700">
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-0.5">
        {shown.map((a, k) => (
          <li key={k} className="flex min-w-0 items-center gap-1">
            {a < 0 ? (
              <span className="text-slate-500 dark:text-slate-400">… {formatCount(hidden)} more …</span>
            ) : (
              <button
                type="button"
                onClick={() => onSelectSpan(a)}
                data-span-id={trace.spans[a]?.spanId}
                className="max-w-[14rem] truncate rounded px-0.5 text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300"
                title={`${trace.spans[a]?.service ?? ''}: ${clipLabel(trace.spans[a]?.name ?? '')}`}
              >
                <span className="font-medium">{clipLabel(trace.spans[a]?.service ?? '', 40)}</span>{' '}
                {clipLabel(trace.spans[a]?.name ?? '', 60)}
              </button>
            )}
            <span aria-hidden className="text-slate-400">
              ›
            </span>
          </li>
        ))}
        <li aria-current="location" className="min-w-0 truncate font-medium text-slate-700 dark:text-slate-200">
          {clipLabel(trace.spans[spanIndex]?.name ?? '', 60)}
        </li>
      </ol>
    </nav>
  );
}
