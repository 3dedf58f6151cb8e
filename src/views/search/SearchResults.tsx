import { useMemo, useState } from 'react';
import type { SearchOutcome } from '../../api/search/run-search';
import { sortSummaries } from '../../api/search/summarize';
import { SORT_KEYS, type SearchState, type SortKey, type TraceSummary } from '../../api/search/types';
import { resolveRange } from '../../api/search/time-range';
import type { ClientSource } from '../../api/client';
import { loosenHints } from './hints';
import { AggregatePanel } from './AggregatePanel';
import { ResultsList } from './ResultsList';
import { ScatterPlot } from './ScatterPlot';
import type { SearchData } from './use-search';
import { compareResultsHref, typicalTrace } from './compare-picks';
import { navigate } from '../../lib/router';
import { formatCount } from '../../lib/format';

const SORT_LABEL: Record<SortKey, string> = {
  recent: 'Most recent',
  longest: 'Longest first',
  spans: 'Most spans',
  errors: 'Most errors',
};
const box = 'rounded border p-4 text-sm';
const neutral = `${box} border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900`;

interface Props {
  readonly source: ClientSource | undefined;
  readonly state: SearchState;
  readonly search: SearchData;
  readonly servicesEmpty: boolean;
  readonly onSort: (s: SortKey) => void;
  readonly onOpen: (s: TraceSummary) => void;
  readonly hrefOf: (s: TraceSummary) => string;
  readonly focusToken: number;
  /** The aggregate panel is open (the URL's `aggregate=1`). */
  readonly aggregateOpen: boolean;
  readonly onAggregateOpen: (open: boolean) => void;
}

/** What the user must know to read these results right (from the backend adapter), above them. */
function Notices({ notices }: { notices: SearchOutcome['notices'] }) {
  if (!notices || notices.length === 0) return null;
  return (
    <div
      role="status"
      aria-label="About these results"
      data-testid="search-notices"
      className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <ul className="flex flex-col gap-1">
        {notices.map((n) => (
          <li key={n.id} data-testid="search-notice" data-notice-id={n.id} className="flex gap-2">
            <span aria-hidden className="select-none font-bold">
              !
            </span>
            <span>{n.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Compare" once two results are picked (A is the one picked first). */
function ComparePicked({ source, picks }: { source: ClientSource | undefined; picks: readonly TraceSummary[] }) {
  const [a, b] = picks;
  return (
    <button
      type="button"
      disabled={!source || !a || !b}
      onClick={() => source && a && b && navigate(compareResultsHref(source, a, b))}
      className="rounded border border-slate-300 px-2 py-0.5 text-sm enabled:hover:bg-slate-100 disabled:text-slate-500 dark:border-slate-700 dark:enabled:hover:bg-slate-800 dark:disabled:text-slate-400"
    >
      Compare{picks.length < 2 ? ` (pick ${2 - picks.length} more)` : ' the 2 picked'}
    </button>
  );
}

/** Everything right of the form: idle, loading (cancellable), error, empty, or the plot and the list. */
export function SearchResults({
  source,
  state,
  search,
  servicesEmpty,
  onSort,
  onOpen,
  hrefOf,
  focusToken,
  aggregateOpen,
  onAggregateOpen,
}: Props) {
  const [active, setActive] = useState(0);
  const data = search.status === 'ready' ? search.outcome.summaries : undefined;
  const sorted = useMemo(() => (data ? sortSummaries(data, state.sort) : []), [data, state.sort]);
  // Results picked for a compare, oldest pick first; a third pick replaces the oldest.
  const [picks, setPicks] = useState<readonly TraceSummary[]>([]);
  const pickedIds = useMemo(() => new Set(picks.map((p) => p.traceId)), [picks]);
  const onPick = (s: TraceSummary) =>
    setPicks((p) =>
      p.some((x) => x.traceId === s.traceId) ? p.filter((x) => x.traceId !== s.traceId) : [...p, s].slice(-2),
    );
  const compareTypical = (s: TraceSummary) => {
    const typical = source && typicalTrace(sorted, s);
    return source && typical ? () => navigate(compareResultsHref(source, typical, s)) : undefined;
  };

  if (search.status === 'idle') {
    if (servicesEmpty)
      return (
        <div className={neutral} role="status">
          <p className="font-medium">{source?.name ?? 'This source'} has no services yet.</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">
            It has not received any traces. Send some traffic to it, then reload this page.
          </p>
        </div>
      );
    return (
      <div className={neutral} role="status">
        Pick a service or attributes and press{' '}
        <kbd className="rounded border border-slate-300 px-1 dark:border-slate-700">Enter</kbd> to search{' '}
        {source?.name ?? ''}.
      </div>
    );
  }
  if (search.status === 'loading')
    return (
      <div className={`${neutral} flex items-center gap-3`} role="status" aria-live="polite">
        <span
          className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600"
          aria-hidden
        />
        <span>Searching: {search.phase}…</span>
        <button
          type="button"
          onClick={search.cancel}
          className="ml-auto rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700"
        >
          Cancel
        </button>
      </div>
    );
  if (search.status === 'cancelled')
    return (
      <div className={neutral} role="status">
        Search cancelled.{' '}
        <button type="button" onClick={search.retry} className="underline">
          Search again
        </button>
      </div>
    );
  if (search.status === 'failed')
    return (
      <div
        className={`${box} border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100`}
        role="alert"
      >
        <p className="font-medium">The search failed.</p>
        <p className="mt-1 whitespace-pre-wrap">{search.message}</p>
        <button type="button" onClick={search.retry} className="mt-2 underline">
          Try again
        </button>
      </div>
    );

  const { outcome, fetchedAtMs } = search;
  const range = resolveRange(state.range, fetchedAtMs);
  const errors = sorted.reduce((n, s) => n + ((s.errorCount ?? 0) > 0 ? 1 : 0), 0);
  const header = (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      <p role="status" data-testid="search-count">
        <span className="font-semibold">
          {sorted.length === 1 ? '1 trace' : `${formatCount(sorted.length)} traces`}
        </span>
        {errors > 0 && <span className="text-red-700 dark:text-red-300"> · {errors} with errors</span>}
        {sorted.length >= state.limit && (
          <span className="text-slate-500 dark:text-slate-400">
            {' '}
            · the limit of {state.limit}; raise it to see more
          </span>
        )}
        {search.refreshing && <span className="text-slate-500"> · refreshing…</span>}
      </p>
      <ComparePicked source={source} picks={picks} />
      <label className="ml-auto flex items-center gap-1.5">
        <span className="text-slate-500 dark:text-slate-400">Sort</span>
        <select
          value={state.sort}
          onChange={(e) => onSort(SORT_KEYS.find((k) => k === e.currentTarget.value) ?? 'recent')}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 dark:border-slate-700 dark:bg-slate-800"
        >
          {SORT_KEYS.map((k) => (
            <option key={k} value={k}>
              {SORT_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
  const footer = (
    <p className="text-xs text-slate-500 dark:text-slate-400">
      Answered by {outcome.api}
      {outcome.traceql && (
        <>
          {' '}
          for{' '}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800" data-testid="search-traceql">
            {outcome.traceql}
          </code>
        </>
      )}
      .{outcome.note && <span data-testid="search-note"> {outcome.note}</span>}
    </p>
  );

  if (sorted.length === 0)
    return (
      <div className="flex flex-col gap-2">
        <div className={neutral} role="status">
          <p className="font-medium">No traces matched.</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">To find more:</p>
          <ul className="mt-1 list-disc pl-5 text-slate-600 dark:text-slate-400">
            {loosenHints(state).map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
        </div>
        <Notices notices={outcome.notices} />
        {footer}
      </div>
    );

  const activeIndex = Math.min(active, sorted.length - 1);
  return (
    <>
      {header}
      <Notices notices={outcome.notices} />
      <AggregatePanel
        source={source}
        results={sorted}
        hrefOf={hrefOf}
        open={aggregateOpen}
        onOpenChange={onAggregateOpen}
      />
      <ScatterPlot
        results={sorted}
        activeId={sorted[activeIndex]?.traceId}
        onOpen={onOpen}
        fromUs={range.startUs}
        toUs={range.endUs}
      />
      <ResultsList
        results={sorted}
        activeIndex={activeIndex}
        onActiveIndex={setActive}
        hrefOf={hrefOf}
        onOpen={onOpen}
        nowMs={Date.now()}
        focusToken={focusToken}
        picked={pickedIds}
        onPick={onPick}
        compareTypical={compareTypical}
      />
      {footer}
    </>
  );
}
