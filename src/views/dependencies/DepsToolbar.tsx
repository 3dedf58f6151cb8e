/**
 * The controls of the dependency page: source, time range, where the graph comes from
 * (the backend's endpoint or a sample of traces, with its size), and the layout.
 */
import { useState } from 'react';
import type { BackendSource } from '../../api/sources';
import { SourceOptions } from '../../components/SourceOptions';
import { Segment } from '../../components/Segment';
import { LOOKBACK_LABEL, LOOKBACKS, type Lookback } from '../../api/lookback';
import { MAX_LIMIT, describeRange, type DepsMode, type DepsUrlState } from './url-state';

const control = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800';

export function DepsToolbar({
  state,
  sourceId,
  backends,
  mode,
  canBackend,
  onChange,
}: {
  state: DepsUrlState;
  sourceId: string;
  backends: readonly BackendSource[];
  mode: DepsMode;
  canBackend: boolean;
  onChange: (patch: Partial<DepsUrlState>) => void;
}) {
  const [limitText, setLimitText] = useState(String(state.limit));
  const applyLimit = () => {
    const n = Number(limitText);
    if (Number.isInteger(n) && n >= 1) onChange({ limit: Math.min(n, MAX_LIMIT) });
    else setLimitText(String(state.limit));
  };
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3">
      <h1 className="text-base font-semibold">Service dependencies</h1>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-slate-500 dark:text-slate-400">Source</span>
        <select
          value={sourceId}
          onChange={(e) => onChange({ source: e.currentTarget.value, focus: undefined, mode: undefined })}
          className={control}
        >
          <SourceOptions backends={backends} withDemo />
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-sm">
        <span className="text-slate-500 dark:text-slate-400">Time</span>
        <select
          value={state.range.kind === 'lookback' ? state.range.lookback : 'custom'}
          onChange={(e) => {
            const v = LOOKBACKS.find((l) => l === e.currentTarget.value);
            if (v) onChange({ range: { kind: 'lookback', lookback: v } });
          }}
          className={control}
        >
          {LOOKBACKS.map((l: Lookback) => (
            <option key={l} value={l}>
              {LOOKBACK_LABEL[l]}
            </option>
          ))}
          {state.range.kind === 'absolute' && <option value="custom">{describeRange(state.range)}</option>}
        </select>
      </label>
      <div
        role="radiogroup"
        aria-label="Graph from"
        className="flex overflow-hidden rounded border border-slate-300 text-sm dark:border-slate-700"
      >
        <Segment
          checked={mode === 'backend'}
          disabled={!canBackend}
          title={
            canBackend
              ? 'The backend’s dependency endpoint: call counts only'
              : 'This source has no dependency endpoint'
          }
          onSelect={() => onChange({ mode: 'backend' })}
        >
          Backend dependencies
        </Segment>
        <Segment
          checked={mode === 'traces'}
          title="Search traces in the window and build the graph from them: adds errors and p50/p95 latency per edge"
          onSelect={() => onChange({ mode: 'traces' })}
        >
          Built from traces
        </Segment>
      </div>
      {mode === 'traces' && (
        <label className="flex items-center gap-1.5 text-sm">
          <span className="text-slate-500 dark:text-slate-400">Sample up to</span>
          <input
            type="number"
            min={1}
            max={MAX_LIMIT}
            value={limitText}
            onChange={(e) => setLimitText(e.currentTarget.value)}
            onBlur={applyLimit}
            onKeyDown={(e) => {
              if (e.key === 'Enter') applyLimit();
            }}
            className={`${control} w-20`}
            aria-label="Traces to sample"
          />
          <span className="text-slate-500 dark:text-slate-400">traces</span>
        </label>
      )}
      <div
        role="radiogroup"
        aria-label="Layout"
        className="ml-auto flex overflow-hidden rounded border border-slate-300 text-sm dark:border-slate-700"
      >
        <Segment
          checked={state.layout === 'layered'}
          title="Callers left, callees right (dagre)"
          onSelect={() => onChange({ layout: 'layered' })}
        >
          Layered
        </Segment>
        <Segment
          checked={state.layout === 'force'}
          title="Force-directed (d3-force)"
          onSelect={() => onChange({ layout: 'force' })}
        >
          Force
        </Segment>
      </div>
    </div>
  );
}
