/**
 * Controls above the waterfall: view switch, "only" filters, in-trace find with its
 * "n of m" counter, collapse levels and zoom reset. All of it is URL state.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { TRACE_VIEWS, type OnlyFilter, type TraceUrlState, type TraceView } from './url-state';
import { formatCount } from '../../lib/format';

interface Props {
  readonly url: TraceUrlState;
  readonly maxDepth: number;
  readonly matchCount: number;
  readonly matchPosition: number; // 1-based position of the selected span among the matches, 0 when not on one
  readonly findError?: string | undefined; // why the find query does not parse
  readonly zoomed: boolean;
  readonly graphAvailable: boolean;
  readonly update: (patch: Partial<TraceUrlState>) => void;
  readonly onStepMatch: (dir: 1 | -1) => void;
  readonly onShowShortcuts: () => void;
}

export const FIND_INPUT_ID = 'trace-find';
const FIND_ERROR_ID = 'trace-find-error';
const VIEW_LABELS: Record<TraceView, string> = {
  timeline: 'Timeline',
  graph: 'Graph',
  flame: 'Flame',
  stats: 'Stats',
  table: 'Table',
  json: 'JSON',
};
const FIND_DEBOUNCE_MS = 180;

export function TraceToolbar({
  url,
  maxDepth,
  matchCount,
  matchPosition,
  findError,
  zoomed,
  graphAvailable,
  update,
  onStepMatch,
  onShowShortcuts,
}: Props) {
  const [findText, setFindText] = useState(url.find);
  useEffect(() => setFindText(url.find), [url.find]);
  useEffect(() => {
    if (findText === url.find) return;
    const t = setTimeout(
      () => update({ find: findText, only: findText === '' && url.only === 'matches' ? undefined : url.only }),
      FIND_DEBOUNCE_MS,
    );
    return () => clearTimeout(t);
  }, [findText, url.find, url.only, update]);
  const setOnly = (only: OnlyFilter, on: boolean) => update({ only: on ? only : undefined });
  // The filters, find, collapse and zoom act on the waterfall; the other views have their own
  // controls, but find also filters the span table.
  const waterfall = url.view === 'timeline' || (url.view === 'graph' && !graphAvailable);
  const findable = waterfall || url.view === 'table';
  const views = TRACE_VIEWS.filter((v) => v !== 'graph' || graphAvailable);

  return (
    <div
      role="toolbar"
      aria-label="Waterfall controls"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      {views.length > 1 && (
        <div
          role="radiogroup"
          aria-label="View"
          className="flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-600"
        >
          {views.map((v) => (
            <button
              key={v}
              type="button"
              role="radio"
              aria-checked={url.view === v}
              onClick={() => update({ view: v })}
              className={`px-2.5 py-1 ${url.view === v ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
            >
              {VIEW_LABELS[v]}
            </button>
          ))}
        </div>
      )}
      {waterfall && (
        <>
          <Check
            label="Critical path only"
            checked={url.only === 'critical'}
            onChange={(on) => setOnly('critical', on)}
          />
          <Check label="Errors only" checked={url.only === 'errors'} onChange={(on) => setOnly('errors', on)} />
        </>
      )}
      {findable && (
        <>
          <div className="flex items-center gap-1.5">
            <label htmlFor={FIND_INPUT_ID} className="sr-only">
              Find in trace
            </label>
            <input
              id={FIND_INPUT_ID}
              type="search"
              value={findText}
              onChange={(e) => setFindText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (findText !== url.find) update({ find: findText });
                  else onStepMatch(e.shiftKey ? -1 : 1);
                }
              }}
              placeholder="Find: text, service=x, duration>50ms, error  ( / )"
              aria-invalid={findError !== undefined}
              aria-describedby={findError !== undefined ? FIND_ERROR_ID : undefined}
              spellCheck={false}
              className="w-96 rounded border border-slate-300 bg-white px-2 py-1 aria-invalid:border-red-600 dark:border-slate-600 dark:bg-slate-800 dark:aria-invalid:border-red-400"
            />
            {findError !== undefined && (
              <span id={FIND_ERROR_ID} role="alert" className="max-w-md text-xs text-red-700 dark:text-red-300">
                Filter not understood: {findError}
              </span>
            )}
            {url.find !== '' && findError === undefined && (
              <>
                <span
                  role="status"
                  aria-label="Find results"
                  className="min-w-16 text-xs text-slate-600 tabular-nums dark:text-slate-300"
                >
                  {matchCount === 0
                    ? 'no matches'
                    : `${matchPosition > 0 ? matchPosition : '–'} of ${formatCount(matchCount)}`}
                </span>
                <Small label="Previous match" onClick={() => onStepMatch(-1)} disabled={matchCount === 0}>
                  ↑
                </Small>
                <Small label="Next match" onClick={() => onStepMatch(1)} disabled={matchCount === 0}>
                  ↓
                </Small>
                {waterfall && (
                  <Check
                    label="Matches only"
                    checked={url.only === 'matches'}
                    onChange={(on) => setOnly('matches', on)}
                  />
                )}
              </>
            )}
          </div>
        </>
      )}
      {waterfall && (
        <>
          <div className="flex items-center gap-1.5">
            <Small label="Collapse all" onClick={() => update({ level: 0, toggle: [] })}>
              Collapse all
            </Small>
            <Small label="Expand all" onClick={() => update({ level: undefined, toggle: [] })}>
              Expand all
            </Small>
            <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300">
              Depth
              <select
                aria-label="Show depth levels"
                value={url.level === undefined ? '' : String(url.level)}
                onChange={(e) =>
                  update({
                    level: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value),
                    toggle: [],
                  })
                }
                className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
              >
                <option value="">all</option>
                {Array.from({ length: Math.min(maxDepth, 30) }, (_, d) => (
                  <option key={d} value={d + 1}>
                    {d + 1}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </>
      )}
      <div className="ml-auto flex items-center gap-1.5">
        {waterfall && zoomed && (
          <Small label="Reset zoom" onClick={() => update({ zoom: undefined })}>
            Reset zoom
          </Small>
        )}
        <Small label="Keyboard shortcuts" onClick={onShowShortcuts}>
          ?
        </Small>
      </div>
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-center gap-1.5 whitespace-nowrap">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        className="h-4 w-4 accent-sky-600"
      />
      {label}
    </label>
  );
}

function Small({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="rounded border border-slate-300 px-2 py-0.5 text-xs whitespace-nowrap hover:bg-slate-100 disabled:opacity-40 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      {children}
    </button>
  );
}
