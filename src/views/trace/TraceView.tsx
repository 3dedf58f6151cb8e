/**
 * A loaded trace: header, controls, minimap, waterfall, span detail and slowest spans.
 * The URL holds the view state (url-state.ts); this component turns user actions into
 * URL updates and lets the derived model follow.
 */
import { memo, useCallback } from 'react';
import type { CoreAnalysis } from '../../model/analysis-types';
import type { Trace } from '../../model/types';
import { useUrlState } from '../../lib/router';
import { collapsedAncestors } from '../../layout/visible-rows';
import { useTraceViewStore } from '../../state/trace-view-store';
import { TraceHeader } from './TraceHeader';
import { TraceToolbar } from './TraceToolbar';
import { Minimap } from './waterfall/Minimap';
import { Waterfall } from './waterfall/Waterfall';
import { SpanDetail } from './span-detail/SpanDetail';
import { SlowestSpans } from './SlowestSpans';
import { CriticalPathSummary } from './CriticalPathSummary';
import { ShortcutsDialog } from './ShortcutsDialog';
import { OpenFileStatus } from './OpenFileStatus';
import { stepMatch } from './find';
import { toggleSpan, traceUrlCodec } from './url-state';
import { useWaterfallModel } from './use-waterfall-model';
import { useLinkPatterns } from './use-link-patterns';
import { returnFocusToWaterfall, useTraceKeyboard } from './use-trace-keyboard';
import { GraphPanel, GRAPH_AVAILABLE } from './GraphPanel';
import { FlameGraph, JsonView, SpanTable, StatsView, ViewLoading } from './lazy-views';
import type { TraceOrigin } from '../../api/trace-loader';
import { BaselineContext } from './baseline-context';
import { BaselinePanel } from './BaselinePanel';
import { useBaseline } from './use-baseline';

interface Props {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly origin: TraceOrigin;
}

/**
 * The trace page's body. Memoised: the analysis summary arrives after the rows (through
 * SummaryContext), and only the parts that show it draw again.
 */
export const TraceView = memo(function TraceView({ trace, analysis, origin }: Props) {
  const [url, updateUrl] = useUrlState(traceUrlCodec);
  const model = useWaterfallModel(trace, analysis, url);
  const linkPatterns = useLinkPatterns();
  const detailOpen = useTraceViewStore((s) => s.detailOpen);
  const setDetailOpen = useTraceViewStore((s) => s.setDetailOpen);
  const { tree } = analysis;
  const baseline = useBaseline(trace, analysis, origin, url.baseline);

  const select = useCallback(
    (i: number) => {
      const span = trace.spans[i];
      if (!span) return;
      // Reveal a span hidden under collapsed ancestors by flipping them open.
      let toggle = url.toggle;
      for (const a of collapsedAncestors(tree, model.collapsed, i))
        toggle = toggleSpan(toggle, trace.spans[a]?.spanId ?? '');
      updateUrl({ span: span.spanId, toggle });
    },
    [trace, tree, model.collapsed, url.toggle, updateUrl],
  );
  const openSpan = useCallback(
    (i: number) => {
      select(i);
      setDetailOpen(true);
    },
    [select, setDetailOpen],
  );
  const toggle = useCallback(
    (i: number) => {
      const id = trace.spans[i]?.spanId;
      if (id) updateUrl({ toggle: toggleSpan(url.toggle, id) });
    },
    [trace, url.toggle, updateUrl],
  );
  const zoom = useCallback((fromUs: number, toUs: number) => updateUrl({ zoom: [fromUs, toUs] }), [updateUrl]);
  const resetZoom = useCallback(() => updateUrl({ zoom: undefined }), [updateUrl]);
  const step = (dir: 1 | -1) => {
    const next = stepMatch(model.matchOrder, (s) => model.orderOf[s] ?? -1, model.selected, dir);
    if (next !== undefined) select(next);
  };

  useTraceKeyboard(tree, model, {
    select,
    clearSelection: () => updateUrl({ span: undefined }),
    setCollapsed: (i, c) => {
      if ((model.collapsed[i] === 1) !== c) toggle(i);
    },
    clearFind: () => updateUrl({ find: '', only: url.only === 'matches' ? undefined : url.only }),
  });

  const matchPosition = model.selected >= 0 ? model.matchOrder.indexOf(model.selected) + 1 : 0;
  const selectedSpan = trace.spans[model.selected];
  const page = (
    <div className="flex flex-col gap-3 p-4">
      <OpenFileStatus />
      <TraceHeader
        trace={trace}
        analysis={analysis}
        origin={origin}
        colors={model.colors}
        onSelectSpan={openSpan}
        linkPatterns={linkPatterns}
      />
      <TraceToolbar
        url={url}
        maxDepth={tree.maxDepth + 1}
        matchCount={model.matchOrder.length}
        matchPosition={matchPosition}
        findError={model.findError}
        zoomed={model.zoomed}
        graphAvailable={GRAPH_AVAILABLE}
        update={updateUrl}
        onStepMatch={step}
        onShowShortcuts={() => useTraceViewStore.getState().setShortcutsOpen(true)}
      />
      <div className="flex h-[max(30rem,calc(100vh-20rem))] gap-3">
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          {url.view === 'graph' && GRAPH_AVAILABLE ? (
            <GraphPanel trace={trace} analysis={analysis} selected={model.selected} onSelectSpan={openSpan} />
          ) : url.view === 'flame' ? (
            <ViewLoading>
              <FlameGraph
                trace={trace}
                analysis={analysis}
                colors={model.colors}
                selected={model.selected}
                zoom={url.zoom}
                onSelect={openSpan}
                onZoom={zoom}
                onResetZoom={resetZoom}
              />
            </ViewLoading>
          ) : url.view === 'stats' ? (
            <ViewLoading>
              <StatsView trace={trace} analysis={analysis} url={url} update={updateUrl} />
            </ViewLoading>
          ) : url.view === 'table' ? (
            <ViewLoading>
              <SpanTable
                trace={trace}
                analysis={analysis}
                url={url}
                matches={model.matches}
                selected={model.selected}
                colors={model.colors}
                update={updateUrl}
                onSelect={openSpan}
              />
            </ViewLoading>
          ) : url.view === 'json' ? (
            <ViewLoading>
              <JsonView trace={trace} origin={origin} />
            </ViewLoading>
          ) : (
            <>
              <Minimap
                trace={trace}
                analysis={analysis}
                colors={model.colors}
                window={model.window}
                zoomed={model.zoomed}
                onZoom={zoom}
                onReset={resetZoom}
              />
              <Waterfall
                trace={trace}
                analysis={analysis}
                model={model}
                onSelect={openSpan}
                onToggle={toggle}
                onZoom={zoom}
                onResetZoom={resetZoom}
              />
            </>
          )}
        </div>
        <aside
          aria-label="Span details and slowest spans"
          className="flex w-[22rem] shrink-0 flex-col gap-3 xl:w-[26rem]"
        >
          {selectedSpan && detailOpen ? (
            <SpanDetail
              trace={trace}
              analysis={analysis}
              spanIndex={model.selected}
              color={model.colors.get(selectedSpan.service) ?? '#64748b'}
              onSelectSpan={openSpan}
              linkPatterns={linkPatterns.patterns}
              onClose={() => {
                setDetailOpen(false);
                returnFocusToWaterfall();
              }}
            />
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
              {selectedSpan
                ? 'Press Enter to open the selected span.'
                : 'Click a row (or press j) to see a span’s timing, attributes, events and links.'}
            </p>
          )}
          <SlowestSpans
            trace={trace}
            analysis={analysis}
            colors={model.colors}
            selected={model.selected}
            onSelectSpan={openSpan}
          />
        </aside>
      </div>
      <BaselinePanel
        trace={trace}
        n={url.baseline}
        state={baseline}
        onN={(n) => updateUrl({ baseline: n })}
        onSelectSpan={openSpan}
      />
      <CriticalPathSummary trace={trace} />
      <ShortcutsDialog />
    </div>
  );
  // The baseline's outliers reach the waterfall rows and the verdict through context.
  return (
    <BaselineContext.Provider value={baseline.status === 'ready' ? baseline.marks : undefined}>
      {page}
    </BaselineContext.Provider>
  );
});
