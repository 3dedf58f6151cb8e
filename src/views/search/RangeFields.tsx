/**
 * The search form's time range (a lookback or a custom from/to in local time) and result
 * limit. Edits go to the form's draft through `set`.
 */
import { DEFAULT_LOOKBACK, LOOKBACK_LABEL, LOOKBACKS } from '../../api/lookback';
import type { SearchState, TimeRangeChoice } from '../../api/search/types';
import { resolveRange } from '../../api/search/time-range';
import { Field, fieldClass as field } from './FormField';

const LIMITS = [20, 50, 100, 200, 500, 1000, 1500];

/** datetime-local value ("2026-11-25T10:04") in local time ⇄ unix seconds. */
const toLocalInput = (s: number) => {
  const d = new Date(s * 1000 - new Date(s * 1000).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const fromLocalInput = (v: string) => {
  const ms = new Date(v).getTime();
  return Number.isNaN(ms) ? undefined : ms / 1000;
};

export function RangeFields({
  id,
  draft,
  set,
}: {
  /** Prefix of the fields' element ids. */
  id: string;
  draft: SearchState;
  set: (patch: Partial<SearchState>) => void;
}) {
  const setRange = (value: string) => {
    if (value === 'custom') {
      const { startUs, endUs } = resolveRange(draft.range, Date.now());
      set({ range: { kind: 'custom', startS: Math.floor(startUs / 1e6), endS: Math.ceil(endUs / 1e6) } });
    } else {
      const lookback = LOOKBACKS.find((l) => l === value) ?? DEFAULT_LOOKBACK;
      set({ range: { kind: 'lookback', lookback } });
    }
  };
  const setCustom = (patch: Partial<Extract<TimeRangeChoice, { kind: 'custom' }>>) => {
    if (draft.range.kind === 'custom') set({ range: { ...draft.range, ...patch } });
  };

  return (
    <>
      <div className="grid grid-cols-[1fr_auto] gap-2">
        <Field label="Time range" htmlFor={`${id}-range`}>
          <select
            id={`${id}-range`}
            className={field}
            value={draft.range.kind === 'custom' ? 'custom' : draft.range.lookback}
            onChange={(e) => setRange(e.currentTarget.value)}
          >
            {LOOKBACKS.map((l) => (
              <option key={l} value={l}>
                {LOOKBACK_LABEL[l]}
              </option>
            ))}
            <option value="custom">Custom range…</option>
          </select>
        </Field>
        <Field label="Limit" htmlFor={`${id}-limit`}>
          <select
            id={`${id}-limit`}
            className={field}
            value={draft.limit}
            onChange={(e) => set({ limit: Number(e.currentTarget.value) })}
          >
            {(LIMITS.includes(draft.limit) ? LIMITS : [...LIMITS, draft.limit].sort((a, b) => a - b)).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {draft.range.kind === 'custom' && (
        <div className="grid grid-cols-1 gap-2">
          <Field label="From" htmlFor={`${id}-start`}>
            <input
              id={`${id}-start`}
              type="datetime-local"
              className={field}
              value={toLocalInput(draft.range.startS)}
              onChange={(e) => {
                const s = fromLocalInput(e.currentTarget.value);
                if (s !== undefined) setCustom({ startS: s });
              }}
            />
          </Field>
          <Field label="To" htmlFor={`${id}-end`}>
            <input
              id={`${id}-end`}
              type="datetime-local"
              className={field}
              value={toLocalInput(draft.range.endS)}
              onChange={(e) => {
                const s = fromLocalInput(e.currentTarget.value);
                if (s !== undefined) setCustom({ endS: s });
              }}
            />
          </Field>
        </div>
      )}
    </>
  );
}
