/**
 * One waterfall row: the tree cell (indent, expand button, service, operation, error mark,
 * kind) and the timeline cell (bar in the service colour, its critical-path parts, event
 * ticks, duration label). Bars are placed in percent of the visible window.
 *
 * For screen readers a row is named in one short phrase ("mysql SQL SELECT, 309 ms, on the
 * critical path") instead of every cell's text. The selected row shows a bar on its left
 * edge, and a ring while the waterfall has the keyboard focus (both ≥ 3:1 against the row).
 */
import { memo, useContext } from 'react';
import { BaselineContext } from '../baseline-context';
import type { Span } from '../../../model/types';
import type { SegmentsBySpan } from '../../../layout/critical-segments';
import { barPercent, durationLabelPlace, usToFraction, type TimeWindow } from '../../../layout/time-axis';
import { formatCount, formatDuration } from '../../../lib/format';
import { clipLabel } from '../../../lib/truncate';

export const ROW_HEIGHT_PX = 26;
const INDENT_PX = 14;
const MAX_INDENT_LEVELS = 24; // deeper rows show their depth as a number instead of more indent
const MAX_EVENT_TICKS = 40;
const MAX_LABEL_NAME_CHARS = 120;

/** The DOM id of a span's row, for the waterfall's aria-activedescendant. */
export const rowElementId = (spanIndex: number) => `wf-row-${spanIndex}`;

/** What a collapsed row hides, in words ("hides 2 errors and 3 critical-path spans"), or "". */
export function hiddenText(errors: number, critical: number): string {
  const parts = [];
  if (errors > 0) parts.push(`${formatCount(errors)} error${errors === 1 ? '' : 's'}`);
  if (critical > 0) parts.push(`${formatCount(critical)} critical-path span${critical === 1 ? '' : 's'}`);
  return parts.length === 0 ? '' : `hides ${parts.join(' and ')}`;
}

/** The row's accessible name: service, operation, duration, and error / critical-path marks. */
export function rowLabel(span: Span, durationText: string, critical: boolean, hidden = ''): string {
  const name = span.name.length > MAX_LABEL_NAME_CHARS ? `${span.name.slice(0, MAX_LABEL_NAME_CHARS - 1)}…` : span.name;
  const service =
    span.service.length > MAX_LABEL_NAME_CHARS ? `${span.service.slice(0, MAX_LABEL_NAME_CHARS - 1)}…` : span.service;
  return `${service} ${name}, ${durationText}${span.status.code === 'error' ? ', error' : ''}${critical ? ', on the critical path' : ''}${hidden ? `, ${hidden}` : ''}`;
}

export interface RowProps {
  readonly index: number;
  readonly rowIndex: number;
  readonly span: Span;
  readonly depth: number;
  readonly hasChildren: boolean;
  readonly collapsed: boolean;
  /** Error / critical-path descendants hidden under this collapsed row (0 when expanded). */
  readonly hiddenErrors: number;
  readonly hiddenCritical: number;
  readonly selected: boolean;
  readonly critical: boolean;
  readonly match: boolean;
  readonly color: string;
  readonly window: TimeWindow;
  readonly segments: SegmentsBySpan;
  readonly onSelect: (span: number) => void;
  readonly onToggle: (span: number) => void;
}

export const WaterfallRow = memo(function WaterfallRow(p: RowProps) {
  const { span, window: w } = p;
  const isError = span.status.code === 'error';
  const endUs = span.startUs + span.durationUs;
  const bar = barPercent(w, span.startUs, endUs);
  const indent = Math.min(p.depth, MAX_INDENT_LEVELS) * INDENT_PX;
  const labelPlace = durationLabelPlace(bar);
  const duration = formatDuration(span.durationUs);
  const hidden = hiddenText(p.hiddenErrors, p.hiddenCritical);
  const outlier = useContext(BaselineContext)?.outliers.get(p.index);
  // Selected: a bar on the left edge; plus a ring while the waterfall has the keyboard focus.
  const rowTone = p.selected
    ? 'bg-sky-100 shadow-[inset_4px_0_0_var(--color-sky-700)] group-focus-visible/wf:outline-2 group-focus-visible/wf:-outline-offset-2 group-focus-visible/wf:outline-sky-700 dark:bg-sky-900/70 dark:shadow-[inset_4px_0_0_var(--color-sky-300)] dark:group-focus-visible/wf:outline-sky-300'
    : p.match
      ? 'bg-yellow-50 dark:bg-yellow-900/30'
      : 'hover:bg-slate-50 dark:hover:bg-slate-800/60';

  return (
    <div
      role="row"
      id={rowElementId(p.index)}
      aria-label={rowLabel(span, duration, p.critical, hidden) + (outlier ? ', above the baseline’s p95' : '')}
      aria-rowindex={p.rowIndex + 1}
      data-testid="span-row"
      data-row-index={p.rowIndex}
      data-span-id={span.spanId}
      data-critical-path={p.critical ? 'true' : undefined}
      data-match={p.match ? 'true' : undefined}
      data-hidden-errors={p.hiddenErrors > 0 ? p.hiddenErrors : undefined}
      data-hidden-critical={p.hiddenCritical > 0 ? p.hiddenCritical : undefined}
      data-baseline-outlier={outlier ? 'true' : undefined}
      aria-selected={p.selected}
      aria-level={p.depth + 1}
      aria-expanded={p.hasChildren ? !p.collapsed : undefined}
      className={`grid cursor-pointer grid-cols-[var(--tree-w)_1fr] border-b border-slate-100 text-sm dark:border-slate-800 ${rowTone}`}
      style={{ height: ROW_HEIGHT_PX }}
      onClick={() => p.onSelect(p.index)}
    >
      <div
        role="gridcell"
        className="flex min-w-0 items-center gap-1 overflow-hidden border-r border-slate-200 pr-2 dark:border-slate-700"
        style={{ paddingLeft: 4 + indent }}
      >
        {p.depth > MAX_INDENT_LEVELS && (
          <span className="shrink-0 rounded bg-slate-200 px-1 text-[10px] tabular-nums dark:bg-slate-700">
            {p.depth}
          </span>
        )}
        {p.hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={p.collapsed ? `Expand ${clipLabel(span.name, 80)}` : `Collapse ${clipLabel(span.name, 80)}`}
            className="flex h-5 w-5 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-200 dark:text-slate-400 dark:hover:bg-slate-700"
            onClick={(e) => {
              e.stopPropagation();
              p.onToggle(p.index);
            }}
          >
            <span
              aria-hidden
              className={`inline-block text-[10px] transition-transform ${p.collapsed ? '' : 'rotate-90'}`}
            >
              ▶
            </span>
          </button>
        ) : (
          <span className="w-5 shrink-0" aria-hidden />
        )}
        <span className="h-3 w-1 shrink-0 rounded-sm" style={{ backgroundColor: p.color }} aria-hidden />
        <span className="shrink-0 font-medium text-slate-700 dark:text-slate-200">{clipLabel(span.service, 80)}</span>
        <span className="min-w-0 truncate text-slate-600 dark:text-slate-300" title={clipLabel(span.name)}>
          {clipLabel(span.name, 200)}
        </span>
        {isError && (
          <span
            title="Error"
            aria-label="error"
            className="shrink-0 rounded bg-red-600 px-1 text-[10px] font-bold text-white"
          >
            !
          </span>
        )}
        {hidden && <HiddenHints errors={p.hiddenErrors} critical={p.hiddenCritical} title={hidden} />}
        {outlier && (
          <span
            title={`Above the baseline’s p95: typically ${formatDuration(outlier.base.spanUs.p50Us)}, p95 ${formatDuration(outlier.base.spanUs.p95Us)}`}
            data-testid="baseline-badge"
            className="shrink-0 rounded bg-amber-200 px-1 text-[10px] font-bold text-amber-950 dark:bg-amber-300"
          >
            &gt;p95
          </span>
        )}
        {span.kind !== 'unspecified' && span.kind !== 'internal' && (
          <span className="ml-auto shrink-0 rounded border border-slate-300 px-1 text-[10px] uppercase tracking-wide text-slate-600 dark:border-slate-600 dark:text-slate-300">
            {span.kind}
          </span>
        )}
      </div>
      <div role="gridcell" className="relative overflow-hidden">
        <div
          className={`absolute top-[6px] h-[14px] rounded-sm ${isError ? 'ring-2 ring-red-600 dark:ring-red-400' : ''}`}
          style={{
            left: `${bar.leftPct}%`,
            width: `${bar.widthPct}%`,
            backgroundColor: p.color,
            opacity: p.critical ? 0.55 : 0.8,
          }}
        />
        <CriticalParts index={p.index} segments={p.segments} window={w} color={p.color} />
        <EventTicks span={span} window={w} />
        <span
          data-label-place={labelPlace}
          className={`pointer-events-none absolute top-[5px] text-xs whitespace-nowrap tabular-nums ${labelPlace === 'inside' ? 'rounded bg-white/85 px-1 leading-4 text-slate-900 dark:bg-slate-950/85 dark:text-slate-100' : 'text-slate-600 dark:text-slate-300'}`}
          style={
            labelPlace === 'after'
              ? { left: `calc(${bar.leftPct + bar.widthPct}% + 4px)` }
              : labelPlace === 'before'
                ? { right: `calc(${100 - bar.leftPct}% + 4px)` }
                : { right: `calc(${Math.max(0, 100 - bar.leftPct - bar.widthPct)}% + 4px)` }
          }
        >
          {duration}
        </span>
      </div>
    </div>
  );
});

/** Badges on a collapsed row for the errors and critical-path spans under it. */
function HiddenHints({ errors, critical, title }: { errors: number; critical: number; title: string }) {
  return (
    <span data-testid="collapsed-hint" title={title} aria-hidden className="flex shrink-0 items-center gap-0.5">
      {errors > 0 && (
        <span className="rounded border border-red-600 px-1 text-[10px] font-semibold text-red-700 tabular-nums dark:border-red-400 dark:text-red-300">
          {errors > 99 ? '99+' : errors} !
        </span>
      )}
      {critical > 0 && (
        <span className="rounded border border-slate-700 px-1 text-[10px] font-semibold text-slate-800 tabular-nums dark:border-slate-200 dark:text-slate-100">
          {critical > 99 ? '99+' : critical} ★
        </span>
      )}
    </span>
  );
}

function CriticalParts({
  index,
  segments,
  window: w,
  color,
}: {
  index: number;
  segments: SegmentsBySpan;
  window: TimeWindow;
  color: string;
}) {
  const from = segments.start[index] ?? 0;
  const to = segments.start[index + 1] ?? 0;
  if (to <= from) return null;
  const parts = [];
  for (let k = from; k < to; k++) {
    const s = segments.fromUs[k] ?? 0;
    const e = segments.toUs[k] ?? 0;
    if (e < w.fromUs || s > w.toUs) continue;
    const bar = barPercent(w, s, e, 0.1);
    parts.push(
      <div
        key={k}
        data-critical-segment
        className="absolute top-[4px] h-[18px] rounded-sm border-b-[3px] border-slate-900 dark:border-white"
        style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%`, backgroundColor: color }}
      />,
    );
  }
  return <>{parts}</>;
}

function EventTicks({ span, window: w }: { span: Span; window: TimeWindow }) {
  if (span.events.length === 0) return null;
  return (
    <>
      {span.events.slice(0, MAX_EVENT_TICKS).map((ev, k) => {
        const f = usToFraction(w, ev.timeUs);
        if (f < 0 || f > 1) return null;
        return (
          <div
            key={k}
            title={clipLabel(ev.name)}
            aria-hidden
            className="absolute top-[3px] h-[20px] w-[2px] bg-slate-900/80 dark:bg-white/90"
            style={{ left: `${f * 100}%` }}
          />
        );
      })}
    </>
  );
}
