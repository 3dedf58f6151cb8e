/**
 * view=table: every span as a row, sortable by start, duration, self time, critical-path
 * time, service, operation and status (URL `sort`), filtered by the find box (the find
 * matcher's mask, the same one the waterfall uses), virtualized like the waterfall.
 * Rows are role="row" (DESIGN.md: only waterfall rows are span-row). Keyboard: the headers
 * are buttons; one row at a time is in the tab order, ↑/↓/Home/End move between rows and
 * Enter or Space opens the span.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { spanOrder, TABLE_COLUMNS, type TableColumn } from '../../../model/span-order';
import { formatCount, formatDuration } from '../../../lib/format';
import { clipLabel } from '../../../lib/truncate';
import { nextSort, parseSort, type TraceUrlState } from '../url-state';
import { SortHeader } from '../SortHeader';

interface Props {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly url: TraceUrlState;
  readonly matches: Uint8Array | undefined;
  readonly selected: number;
  readonly colors: ReadonlyMap<string, string>;
  readonly update: (patch: Partial<TraceUrlState>) => void;
  readonly onSelect: (span: number) => void;
}

const ROW_PX = 28;
const GRID = 'grid grid-cols-[minmax(8rem,1fr)_minmax(10rem,2fr)_6rem_6rem_6rem_7rem_4.5rem]';
const LABELS: Record<TableColumn, string> = {
  service: 'Service',
  operation: 'Operation',
  start: 'Start',
  duration: 'Duration',
  self: 'Self time',
  critical: 'Critical path',
  status: 'Status',
};
const rowId = (span: number) => `span-table-row-${span}`;

export function SpanTable({ trace, analysis, url, matches, selected, colors, update, onSelect }: Props) {
  const sort = parseSort(url.sort, TABLE_COLUMNS, { column: 'start', desc: false });
  const order = useMemo(
    () => spanOrder(trace, analysis, matches, sort.column, sort.desc),
    [trace, analysis, matches, sort.column, sort.desc],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  const selectedRow = useMemo(() => (selected >= 0 ? order.indexOf(selected) : -1), [order, selected]);
  const [cursor, setCursor] = useState(-1);
  const focusRow = cursor >= 0 && cursor < order.length ? cursor : Math.max(0, selectedRow);

  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  const moveTo = (row: number) => {
    const r = Math.max(0, Math.min(order.length - 1, row));
    setCursor(r);
    virtualizer.scrollToIndex(r, { align: 'auto' });
    requestAnimationFrame(() => document.getElementById(rowId(order[r] ?? -1))?.focus());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, row: number) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_PX * 10) / ROW_PX) - 1);
    const to: Record<string, number> = {
      ArrowDown: row + 1,
      ArrowUp: row - 1,
      PageDown: row + page,
      PageUp: row - page,
      Home: 0,
      End: order.length - 1,
    };
    const target = to[e.key];
    if (target !== undefined) {
      e.preventDefault();
      moveTo(target);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(order[row] ?? -1);
    }
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      role="table"
      aria-label="Spans"
      aria-rowcount={order.length + 1}
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div
        role="rowgroup"
        className="border-b border-slate-200 bg-slate-50 text-xs dark:border-slate-700 dark:bg-slate-800"
      >
        <div role="row" aria-rowindex={1} className={GRID}>
          {TABLE_COLUMNS.map((c) => (
            <SortHeader
              key={c}
              role="columnheader"
              column={c}
              label={LABELS[c]}
              sort={sort}
              align={c === 'service' || c === 'operation' ? 'left' : 'right'}
              onSort={(col) => update({ sort: nextSort(sort, col) })}
            />
          ))}
        </div>
      </div>
      {order.length === 0 && (
        <p role="status" className="p-4 text-slate-600 dark:text-slate-300">
          No span matches “{url.find}”.
        </p>
      )}
      <div ref={scrollRef} role="rowgroup" className="min-h-0 flex-1 overflow-auto bg-white dark:bg-slate-900">
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((it) => {
            const i = order[it.index] ?? -1;
            const s = trace.spans[i];
            if (!s) return null;
            const isSelected = i === selected;
            const crit = analysis.criticalUs[i] ?? 0;
            return (
              <div
                key={it.key}
                id={rowId(i)}
                role="row"
                aria-rowindex={it.index + 2}
                aria-selected={isSelected}
                data-span-id={s.spanId}
                tabIndex={it.index === focusRow ? 0 : -1}
                onClick={() => {
                  setCursor(it.index);
                  onSelect(i);
                }}
                onKeyDown={(e) => onKeyDown(e, it.index)}
                className={`${GRID} absolute left-0 w-full cursor-pointer items-center border-b border-slate-100 tabular-nums outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset dark:border-slate-800 ${isSelected ? 'bg-sky-100 dark:bg-sky-900/60' : 'hover:bg-slate-50 dark:hover:bg-slate-800/60'}`}
                style={{ top: it.start, height: ROW_PX }}
              >
                <div role="cell" className="flex min-w-0 items-center gap-1.5 px-2">
                  <span
                    aria-hidden
                    className="h-2.5 w-2.5 shrink-0 rounded-sm"
                    style={{ backgroundColor: colors.get(s.service) }}
                  />
                  <span className="truncate">{clipLabel(s.service)}</span>
                </div>
                <div role="cell" className="truncate px-2" title={clipLabel(s.name, 2_000)}>
                  {clipLabel(s.name)}
                </div>
                <div role="cell" className="px-2 text-right">
                  {formatDuration(s.startUs)}
                </div>
                <div role="cell" className="px-2 text-right">
                  {formatDuration(s.durationUs)}
                </div>
                <div role="cell" className="px-2 text-right">
                  {formatDuration(analysis.selfTimeUs[i] ?? 0)}
                </div>
                <div role="cell" className="px-2 text-right">
                  {crit > 0 ? formatDuration(crit) : '–'}
                </div>
                <div
                  role="cell"
                  className={`px-2 text-right ${s.status.code === 'error' ? 'font-medium text-red-700 dark:text-red-400' : 'text-slate-600 dark:text-slate-300'}`}
                >
                  {s.status.code}
                </div>
              </div>
            );
          })}
        </div>
      </div>
      <p className="border-t border-slate-200 px-3 py-1 text-xs text-slate-600 tabular-nums dark:border-slate-700 dark:text-slate-300">
        {formatCount(order.length)} of {formatCount(trace.spans.length)} spans
        {url.find !== '' && ` matching “${clipLabel(url.find, 80)}”`}
      </p>
    </div>
  );
}
