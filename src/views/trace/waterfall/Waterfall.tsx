/**
 * The virtualized waterfall: a header (tree column title with a resize handle, time axis)
 * and a scroll body that renders only the rows in view. Tick lines are one layer under the rows.
 *
 * For the keyboard and screen readers the scroll body is one composite widget (a treegrid):
 * it takes the focus itself and points `aria-activedescendant` at the selected row, so j/k
 * (use-trace-keyboard.ts) move both the selection and what a screen reader announces, and the
 * focus survives rows being recycled as blocks come and go. Rows carry `aria-rowindex` because
 * only the ones in view are in the DOM.
 */
import { memo, useEffect, useRef, type CSSProperties, type RefObject } from 'react';
import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { hasChildren } from '../../../layout/visible-rows';
import { timeTicks } from '../../../layout/time-axis';
import { MAX_TREE_PX, MIN_TREE_PX, useTraceViewStore } from '../../../state/trace-view-store';
import type { WaterfallModel } from '../use-waterfall-model';
import { ROW_HEIGHT_PX, WaterfallRow, rowElementId } from './WaterfallRow';
import { BLOCK_PX, BLOCK_ROWS, scrollRowIntoView, useRowBlocks } from './use-row-blocks';
import { TimeAxis, useWidth } from './TimeAxis';
import { SpanTooltip } from './SpanTooltip';
import { formatCount } from '../../../lib/format';

/** The id of the focusable scroll body, so focus can come back to it (Escape, Close). */
export const WATERFALL_ID = 'waterfall';

interface Props {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly model: WaterfallModel;
  readonly onSelect: (span: number) => void;
  readonly onToggle: (span: number) => void;
  readonly onZoom: (fromUs: number, toUs: number) => void;
  readonly onResetZoom: () => void;
}

/**
 * No `overflow: hidden` on the rounded frame: a rounded clip around the scroll body makes the
 * compositor unsure what a wheel event lands on, so every wheel step waited for a main-thread
 * hit test and scrolling could not run ahead of rendering. The header rounds its own corners.
 */
export function Waterfall({ trace, analysis, model, onSelect, onToggle, onZoom, onResetZoom }: Props) {
  const treeWidthPx = useTraceViewStore((s) => s.treeWidthPx);
  const { rows } = model;
  const style = { '--tree-w': `${treeWidthPx}px` } as CSSProperties;
  return (
    <div
      style={style}
      className="flex min-h-0 flex-1 flex-col rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid grid-cols-[var(--tree-w)_1fr] rounded-t-lg border-b border-slate-200 bg-slate-50 text-xs dark:border-slate-700 dark:bg-slate-800/60">
        <div className="relative flex items-center border-r border-slate-200 px-2 font-medium text-slate-600 dark:border-slate-700 dark:text-slate-300">
          Service · operation
          <span
            className="ml-3 flex items-center gap-1 font-normal text-slate-500 dark:text-slate-400"
            title="The part of a bar on the critical path is solid and underlined"
          >
            <span
              className="inline-block h-2.5 w-4 rounded-sm border-b-[3px] border-slate-900 bg-slate-400 dark:border-white"
              aria-hidden
            />{' '}
            critical path
          </span>
          <span className="ml-auto font-normal text-slate-500 tabular-nums dark:text-slate-400">
            {formatCount(rows.length)} rows
          </span>
          <ResizeHandle />
        </div>
        <TimeAxis window={model.window} durationUs={trace.durationUs} onZoom={onZoom} onReset={onResetZoom} />
      </div>
      <div className="relative min-h-0 flex-1">
        <WaterfallBody trace={trace} analysis={analysis} model={model} onSelect={onSelect} onToggle={onToggle} />
      </div>
      <SpanTooltip trace={trace} analysis={analysis} />
    </div>
  );
}

/** How long after the last scroll event the pointer shows tooltips again. */
const SCROLL_IDLE_MS = 150;

/**
 * The scroll body. Rows are rendered in blocks (use-row-blocks.ts): scrolling re-renders this
 * only when the block range changes, never the header, axis, tick lines or tooltip. While it scrolls (`data-scrolling`, set on the
 * element without a render) the tooltip is hidden and the mouse moves the browser reports as
 * rows pass under a still pointer are ignored: otherwise each frame re-rendered the tooltip for
 * another span.
 *
 * Its background is opaque, and the tick lines are inside it: Chromium scrolls a transparent
 * scroller on the main thread, repainting it every frame (so that its text keeps subpixel
 * antialiasing). measure.mjs wheel test: 50 fps with 22 dropped frames that way, 58 with 3–5.
 */
const WaterfallBody = memo(function WaterfallBody({
  trace,
  analysis,
  model,
  onSelect,
  onToggle,
}: Pick<Props, 'trace' | 'analysis' | 'model' | 'onSelect' | 'onToggle'>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, rowOfSpan, selected } = model;
  const blocks = useRowBlocks(scrollRef, rows.length);

  const selectedRow = selected >= 0 ? (rowOfSpan[selected] ?? -1) : -1;
  useEffect(() => {
    if (selectedRow >= 0 && scrollRef.current) scrollRowIntoView(scrollRef.current, selectedRow);
  }, [selectedRow]);
  useScrollingFlag(scrollRef);

  const setHover = useTraceViewStore((s) => s.setHover);
  // Point at the selected row only while it is rendered (selecting scrolls it into view).
  const selectedBlock = Math.floor(selectedRow / BLOCK_ROWS);
  const activeRendered = selectedRow >= 0 && selectedBlock >= blocks.first && selectedBlock <= blocks.last;
  const blockList = [];
  for (let b = blocks.first; b <= blocks.last; b++) blockList.push(b);
  return (
    <div
      ref={scrollRef}
      id={WATERFALL_ID}
      role="treegrid"
      aria-label="Waterfall"
      aria-rowcount={rows.length}
      aria-activedescendant={activeRendered ? rowElementId(selected) : undefined}
      aria-keyshortcuts="j k ArrowDown ArrowUp ArrowLeft ArrowRight Enter Escape"
      tabIndex={0}
      data-testid="waterfall"
      className={`group/wf absolute inset-0 overflow-auto overscroll-contain rounded-b-[7px] bg-white dark:bg-slate-900 outline-none [&[data-scrolling]>div]:pointer-events-none ${selectedRow >= 0 ? '' : 'focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:ring-inset dark:focus-visible:ring-sky-400'}`}
      onMouseLeave={() => setHover(undefined)}
      onMouseMove={(e) => {
        if (e.currentTarget.dataset.scrolling !== undefined) return; // the rows moved, not the pointer
        const rowEl = (e.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
        const idx = rowEl ? Number(rowEl.dataset.rowIndex) : -1;
        const span = idx >= 0 ? rows[idx] : undefined;
        setHover(span === undefined ? undefined : { span, x: e.clientX, y: e.clientY });
      }}
    >
      <div className="relative w-full" style={{ height: rows.length * ROW_HEIGHT_PX }}>
        <TickLines model={model} />
        {blockList.map((b) => (
          <RowBlock
            key={b}
            block={b}
            trace={trace}
            analysis={analysis}
            model={model}
            selected={selectedBlock === b ? selected : -1}
            onSelect={onSelect}
            onToggle={onToggle}
          />
        ))}
      </div>
      {rows.length === 0 && (
        <p role="status" className="p-6 text-center text-sm text-slate-500 dark:text-slate-400">
          No spans match: change the filters, the find text or the zoom.
        </p>
      )}
    </div>
  );
});

/**
 * One block of BLOCK_ROWS rows, laid out and painted on its own (`contain: strict`), so adding
 * or dropping a block while scrolling does not touch the others. Its rows are in normal flow,
 * not positioned: a positioned row is one more paint layer for every hit test and paint of a
 * scroll frame (measure.mjs wheel test: 25-26 dropped frames of ~137 → 22-24). `selected` is -1 unless the
 * selected row is in this block, so a selection change re-renders at most two blocks.
 */
const RowBlock = memo(function RowBlock({
  block,
  trace,
  analysis,
  model,
  selected,
  onSelect,
  onToggle,
}: Pick<Props, 'trace' | 'analysis' | 'model' | 'onSelect' | 'onToggle'> & { block: number; selected: number }) {
  const { rows } = model;
  const from = block * BLOCK_ROWS;
  const to = Math.min(rows.length, from + BLOCK_ROWS);
  const items = [];
  for (let r = from; r < to; r++) {
    const i = rows[r] ?? 0;
    const span = trace.spans[i];
    if (!span) continue;
    items.push(
      <WaterfallRow
        key={i}
        index={i}
        rowIndex={r}
        span={span}
        depth={analysis.tree.depth[i] ?? 0}
        hasChildren={hasChildren(analysis.tree, i)}
        collapsed={model.collapsed[i] === 1}
        hiddenErrors={model.collapsed[i] === 1 ? (model.descendants.errors[i] ?? 0) : 0}
        hiddenCritical={model.collapsed[i] === 1 ? (model.descendants.critical[i] ?? 0) : 0}
        selected={i === selected}
        critical={(analysis.criticalUs[i] ?? 0) > 0}
        match={model.matches?.[i] === 1}
        color={model.colors.get(span.service) ?? '#64748b'}
        window={model.window}
        segments={model.segments}
        onSelect={onSelect}
        onToggle={onToggle}
      />,
    );
  }
  return (
    <div
      className="absolute inset-x-0 [contain:strict]"
      style={{ top: block * BLOCK_PX, height: (to - from) * ROW_HEIGHT_PX }}
    >
      {items}
    </div>
  );
});

/** Marks the element `data-scrolling` from its first scroll event until it has been still for a moment; hides the tooltip. */
function useScrollingFlag(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onScroll = () => {
      if (timer === undefined) {
        el.dataset.scrolling = '';
        useTraceViewStore.getState().setHover(undefined);
      } else clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        delete el.dataset.scrolling;
      }, SCROLL_IDLE_MS);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      if (timer !== undefined) clearTimeout(timer);
      delete el.dataset.scrolling;
    };
  }, [ref]);
}

function TickLines({ model }: { model: WaterfallModel }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref);
  return (
    <div className="pointer-events-none absolute inset-y-0 right-0 left-[var(--tree-w)]" ref={ref} aria-hidden>
      {timeTicks(model.window, width).map((t) => (
        <div
          key={t.us}
          className="absolute inset-y-0 w-px bg-slate-100 dark:bg-slate-800"
          style={{ left: `${t.fraction * 100}%` }}
        />
      ))}
    </div>
  );
}

function ResizeHandle() {
  const setTreeWidth = useTraceViewStore((s) => s.setTreeWidth);
  const treeWidthPx = useTraceViewStore((s) => s.treeWidthPx);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the span column"
      aria-valuenow={treeWidthPx}
      aria-valuemin={MIN_TREE_PX}
      aria-valuemax={MAX_TREE_PX}
      aria-valuetext={`${treeWidthPx} px`}
      tabIndex={0}
      className="absolute inset-y-0 -right-1.5 z-10 w-3 cursor-col-resize touch-none outline-none hover:bg-sky-400/40 focus-visible:bg-sky-700 dark:focus-visible:bg-sky-400"
      onKeyDown={(e) => {
        const w = useTraceViewStore.getState().treeWidthPx;
        const next =
          e.key === 'ArrowLeft'
            ? w - 20
            : e.key === 'ArrowRight'
              ? w + 20
              : e.key === 'Home'
                ? MIN_TREE_PX
                : e.key === 'End'
                  ? MAX_TREE_PX
                  : undefined;
        if (next === undefined) return;
        e.preventDefault();
        setTreeWidth(next);
      }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const startX = e.clientX;
        const startW = useTraceViewStore.getState().treeWidthPx;
        const el = e.currentTarget;
        const move = (ev: PointerEvent) => setTreeWidth(startW + ev.clientX - startX);
        const up = () => {
          el.removeEventListener('pointermove', move);
          el.removeEventListener('pointerup', up);
        };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
      }}
    />
  );
}
