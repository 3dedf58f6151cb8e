import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { withBase } from '../../lib/base-path';
import type { TraceSummary } from '../../api/search/types';
import { serviceColors } from '../../layout/service-colors';
import { formatDuration } from '../../lib/format';
import { formatAbsolute } from '../../lib/format';
import { formatAgo } from './relative-time';
import { clipLabel } from '../../lib/truncate';

const ROW_PX = 56;
// Below xl (1280 px) the services column gives its room to the root operation.
const COLS =
  'grid grid-cols-[minmax(0,2.2fr)_minmax(120px,1.2fr)_48px_56px_84px] xl:grid-cols-[minmax(0,2.2fr)_minmax(150px,1.3fr)_56px_64px_minmax(0,2fr)_92px] items-center gap-3';

interface Props {
  readonly results: readonly TraceSummary[];
  readonly activeIndex: number;
  readonly onActiveIndex: (i: number) => void;
  readonly hrefOf: (s: TraceSummary) => string;
  readonly onOpen: (s: TraceSummary) => void;
  readonly nowMs: number;
  /** Move keyboard focus into the list (after a search the user started). */
  readonly focusToken: number;
  /** Results picked for a compare (trace ids), and how to pick or unpick one. */
  readonly picked?: ReadonlySet<string>;
  readonly onPick?: (s: TraceSummary) => void;
  /** Compare a result with a typical one like it; undefined when it has no peers. */
  readonly compareTypical?: (s: TraceSummary) => (() => void) | undefined;
}

/**
 * The results, virtualized: only the visible rows exist, so 1,000 results scroll smoothly. ↑/↓ move, Enter opens.
 * A grid (not a listbox): each row holds a real link to the trace, and a listbox option may not contain one.
 */
export function ResultsList({
  results,
  activeIndex,
  onActiveIndex,
  hrefOf,
  onOpen,
  nowMs,
  focusToken,
  picked,
  onPick,
  compareTypical,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 8,
  });
  const maxDurationUs = useMemo(() => results.reduce((m, r) => Math.max(m, r.durationUs), 0) || 1, [results]);
  const colors = useMemo(
    () => serviceColors(results.flatMap((r) => [r.rootService, ...r.services.map((s) => s.name)])),
    [results],
  );

  useEffect(() => {
    if (focusToken > 0) scrollRef.current?.focus({ preventScroll: true });
  }, [focusToken]);

  // ↑/↓ with nothing focused (after a click on the page background) go to the list.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (
        (e.key === 'ArrowDown' || e.key === 'ArrowUp') &&
        (document.activeElement === document.body || document.activeElement === null)
      ) {
        e.preventDefault();
        scrollRef.current?.focus({ preventScroll: true });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(results.length - 1, activeIndex + (e.key === 'ArrowDown' ? 1 : -1)));
      onActiveIndex(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    } else if (e.key === 'Enter') {
      const s = results[activeIndex];
      if (s) {
        e.preventDefault();
        onOpen(s);
      }
    }
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col rounded border border-slate-200 dark:border-slate-800">
      <div
        className={`${COLS} border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs font-medium text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400`}
        aria-hidden
      >
        <span>Root service: operation</span>
        <span>Duration</span>
        <span className="text-right">Spans</span>
        <span className="text-right">Errors</span>
        <span className="hidden xl:block">Services</span>
        <span className="text-right">Started</span>
      </div>
      <div
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-label="Search results"
        aria-rowcount={results.length}
        aria-activedescendant={results[activeIndex] ? `result-${results[activeIndex].traceId}` : undefined}
        onKeyDown={onKeyDown}
        data-testid="search-results"
        className="min-h-0 flex-1 overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const s = results[v.index];
            if (!s) return null;
            const active = v.index === activeIndex;
            const errors = s.errorCount ?? 0;
            return (
              <div
                key={s.traceId}
                id={`result-${s.traceId}`}
                role="row"
                aria-rowindex={v.index + 1}
                aria-selected={active}
                data-testid="search-result"
                data-trace-id={s.traceId}
                data-duration-us={s.durationUs}
                data-error-count={s.errorCount}
                onClick={(e) => {
                  if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey) return;
                  onActiveIndex(v.index);
                  onOpen(s);
                }}
                className={`${COLS} absolute left-0 w-full cursor-pointer border-b border-slate-100 px-3 text-sm hover:bg-slate-50 dark:border-slate-800/60 dark:hover:bg-slate-900 ${active ? 'bg-blue-50 ring-1 ring-blue-400 ring-inset dark:bg-blue-950/50' : ''}`}
                style={{ top: v.start, height: ROW_PX }}
              >
                <div role="gridcell" className="flex min-w-0 items-start gap-2">
                  {onPick && (
                    <input
                      type="checkbox"
                      checked={picked?.has(s.traceId) ?? false}
                      onChange={() => onPick(s)}
                      onClick={(e) => e.stopPropagation()}
                      aria-label={`Pick ${s.traceId.slice(0, 8)} to compare`}
                      className="mt-1 h-4 w-4 shrink-0 accent-sky-700"
                    />
                  )}
                  <div className="min-w-0 flex-1">
                    <a
                      href={withBase(hrefOf(s))}
                      onClick={(e) => {
                        // New tab or window: the browser follows the link; the row must not open it too.
                        e.stopPropagation();
                        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                        e.preventDefault();
                        onActiveIndex(v.index);
                        onOpen(s);
                      }}
                      className="block truncate font-medium hover:underline"
                      title={clipLabel(`${s.rootService}: ${s.rootName}`)}
                    >
                      <span
                        className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full align-baseline"
                        style={{ background: colors.get(s.rootService) }}
                        aria-hidden
                      />
                      {clipLabel(s.rootService, 100) || '(no root span)'}
                      <span className="text-slate-400">: </span>
                      {clipLabel(s.rootName, 200)}
                    </a>
                    <div className="flex min-w-0 items-baseline gap-2">
                      <span className="truncate font-mono text-xs text-slate-600 dark:text-slate-400">{s.traceId}</span>
                      <TypicalButton run={compareTypical?.(s)} />
                    </div>
                  </div>
                </div>
                <div role="gridcell" className="min-w-0">
                  <div className="text-right tabular-nums">{formatDuration(s.durationUs)}</div>
                  <div className="mt-0.5 h-1.5 rounded bg-slate-100 dark:bg-slate-800">
                    <div
                      className="h-full rounded bg-blue-500 dark:bg-sky-400"
                      style={{ width: `${Math.max(1, (s.durationUs / maxDurationUs) * 100)}%` }}
                    />
                  </div>
                </div>
                <div role="gridcell" className="text-right tabular-nums">
                  {s.spanCount ?? '–'}
                </div>
                <div
                  role="gridcell"
                  className={`text-right tabular-nums ${errors > 0 ? 'font-semibold text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
                >
                  {s.errorCount === undefined ? '–' : errors}
                </div>
                <div
                  role="gridcell"
                  className="hidden min-w-0 flex-wrap gap-1 overflow-hidden xl:flex"
                  style={{ maxHeight: 36 }}
                  title={s.services
                    .slice(0, 50)
                    .map(
                      (x) =>
                        `${clipLabel(x.name, 100)}: ${x.spanCount} spans${x.errorCount > 0 ? `, ${x.errorCount} errors` : ''}`,
                    )
                    .join('\n')}
                >
                  {s.services.slice(0, 5).map((x) => (
                    <span
                      key={x.name}
                      className={`truncate rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800 ${x.errorCount > 0 ? 'text-red-700 dark:text-red-300' : 'text-slate-700 dark:text-slate-300'}`}
                    >
                      <span
                        className="mr-1 inline-block h-1.5 w-1.5 rounded-full align-middle"
                        style={{ background: colors.get(x.name) }}
                        aria-hidden
                      />
                      {clipLabel(x.name, 100)} {x.spanCount}
                    </span>
                  ))}
                  {s.services.length > 5 && (
                    <span className="text-xs text-slate-600 dark:text-slate-400">+{s.services.length - 5}</span>
                  )}
                </div>
                <div
                  role="gridcell"
                  className="text-right text-xs text-slate-600 dark:text-slate-400"
                  title={formatAbsolute(s.startUnixUs)}
                >
                  {formatAgo(s.startUnixUs, nowMs)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** "compare with typical": the result against the median one like it (hidden when it has no peers). */
function TypicalButton({ run }: { run: (() => void) | undefined }) {
  if (run === undefined) return null;
  return (
    <button
      type="button"
      onClick={(e) => {
        e.stopPropagation();
        run();
      }}
      onKeyDown={(e) => e.stopPropagation()}
      className="shrink-0 rounded text-xs whitespace-nowrap text-sky-700 underline focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none dark:text-sky-300"
    >
      compare with typical
    </button>
  );
}
