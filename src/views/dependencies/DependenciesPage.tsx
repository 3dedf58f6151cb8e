/**
 * /dependencies: who calls whom, how often, how slowly, with how many errors. Everything on
 * screen comes from the URL (see url-state.ts); controls only rewrite the URL.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { DEMO_SOURCE, sourcesQueryOptions } from '../../api/sources';
import { clientFor } from '../../api/client';
import type { DependencyGraph } from '../../api/dependencies/types';
import { navigate } from '../../lib/router';
import { useSourceStore } from '../../state/source-store';
import { DependencyGraphView, plural } from './DependencyGraphView';
import { FocusPanel } from './FocusPanel';
import { EdgeTable } from './EdgeTable';
import { DepsToolbar } from './DepsToolbar';
import { ERROR_LEGEND } from './graph-styles';
import { useDependencyGraph, type GraphSource } from './use-dependency-graph';
import { decodeDepsUrl, describeRange, encodeDepsUrl, type DepsUrlState } from './url-state';
import { MapControls, formatWeight } from './MapControls';
import { buildServiceMap, canWeighByCritical, type MapWeight, type ServiceMap } from './service-map';
import { formatCount } from '../../lib/format';

export function DependenciesPage({ params }: { params: URLSearchParams }) {
  const state = decodeDepsUrl(params);
  const sourcesQuery = useQuery(sourcesQueryOptions);
  const backends = sourcesQuery.data ?? [];
  const remembered = useSourceStore((s) => s.selectedSourceId);
  const sourceId = state.source ?? remembered ?? backends[0]?.id ?? 'demo';
  const source: GraphSource | undefined = sourceId === 'demo' ? DEMO_SOURCE : backends.find((b) => b.id === sourceId);
  const canBackend = source !== undefined && clientFor(source).capabilities.dependencyEndpoint;
  const mode = state.mode === 'backend' && canBackend ? 'backend' : (state.mode ?? (canBackend ? 'backend' : 'traces'));
  const result = useDependencyGraph(source, mode, state.range, state.limit);
  const update = (patch: Partial<DepsUrlState>) =>
    navigate(encodeDepsUrl({ ...state, source: sourceId, ...patch }), { replace: true });
  const focus = state.focus && result.graph?.nodes.some((n) => n.service === state.focus) ? state.focus : undefined;
  const graph = result.graph;
  const canCritical = graph !== undefined && canWeighByCritical(graph);
  // Built from traces, the map shows where requests wait unless the URL asks for calls.
  const weight: MapWeight = canCritical && state.weight !== 'calls' ? 'critical' : 'calls';
  const map = useMemo(
    () =>
      graph
        ? buildServiceMap(graph, {
            weight,
            collapsed: state.collapsed,
            threshold: state.threshold,
            focus,
            hops: state.hops,
          })
        : undefined,
    [graph, weight, state.collapsed, state.threshold, focus, state.hops],
  );

  return (
    <div className="flex h-[calc(100vh-3.1rem)] min-h-[480px] flex-col">
      <DepsToolbar
        state={state}
        sourceId={sourceId}
        backends={backends}
        mode={mode}
        canBackend={canBackend}
        onChange={update}
      />
      {sourcesQuery.isError && (
        <p role="alert" className="px-4 py-2 text-sm text-red-700 dark:text-red-300">
          {sourcesQuery.error.message} Only the demo traces are available until it is fixed.
        </p>
      )}
      {map && graph && graph.nodes.length > 0 && (
        <MapControls
          map={map}
          weight={weight}
          canCritical={canCritical}
          onWeight={(w) => update({ weight: w, threshold: undefined })}
          onThreshold={(t) => update({ threshold: t })}
          onCollapsed={(c) => update({ collapsed: c })}
        />
      )}
      <StatusLine
        map={map}
        weight={weight}
        source={source}
        sourceId={sourceId}
        sourcesLoading={sourcesQuery.isPending}
        state={state}
        mode={mode}
        result={result}
      />
      <div className="flex min-h-0 flex-1 border-t border-slate-200 dark:border-slate-800">
        <div className="relative min-w-0 flex-1">
          {graph && map && graph.nodes.length > 0 ? (
            <>
              <DependencyGraphView
                graph={graph}
                map={map}
                weight={weight}
                layoutKind={state.layout}
                onFocus={(f) => update({ focus: f })}
                onToggleGroup={(ns) =>
                  update({
                    collapsed: map.collapsed.has(ns)
                      ? [...map.collapsed].filter((c) => c !== ns)
                      : [...map.collapsed, ns].sort(),
                  })
                }
              />
              <Legend graph={graph} weight={weight} />
            </>
          ) : null}
        </div>
        {focus && result.graph && (
          <FocusPanel
            graph={result.graph}
            service={focus}
            sourceId={sourceId}
            hops={state.hops}
            onHops={(hops) => update({ hops })}
            onFocus={(f) => update({ focus: f })}
          />
        )}
      </div>
      {result.graph && result.graph.edges.length > 0 && (
        <EdgeTable graph={result.graph} onFocus={(f) => update({ focus: f })} />
      )}
    </div>
  );
}

function StatusLine({
  map,
  weight,
  source,
  sourceId,
  sourcesLoading,
  state,
  mode,
  result,
}: {
  map: ServiceMap | undefined;
  weight: MapWeight;
  source: GraphSource | undefined;
  sourceId: string;
  sourcesLoading: boolean;
  state: DepsUrlState;
  mode: 'backend' | 'traces';
  result: ReturnType<typeof useDependencyGraph>;
}) {
  const box = 'px-4 py-2 text-sm';
  if (!source) {
    if (sourcesLoading)
      return (
        <p role="status" className={box}>
          Reading the list of sources…
        </p>
      );
    return (
      <p role="alert" className={`${box} text-red-700 dark:text-red-300`}>
        There is no source “{sourceId}” in this deployment. Pick one of the configured sources above.
      </p>
    );
  }
  if (result.progress || (result.loading && mode === 'traces')) {
    const p = result.progress;
    return (
      <div role="status" className={`${box} flex flex-wrap items-center gap-3`}>
        <span>
          Building the graph from traces of {source.name}:{' '}
          {p ? `${p.message} — ${plural(p.traces, 'trace')} of up to ${formatCount(p.limit)}` : 'starting'}…
        </span>
        <progress className="h-2 w-40" max={p?.limit ?? 1} value={p?.traces ?? 0} aria-label="Traces sampled" />
        <button
          type="button"
          onClick={result.cancel}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Cancel
        </button>
      </div>
    );
  }
  if (result.loading)
    return (
      <p role="status" className={box}>
        Asking {source.name} for its service dependencies over the {describeRange(state.range)}…
      </p>
    );
  if (result.cancelled)
    return (
      <p role="status" className={`${box} flex items-center gap-3`}>
        Cancelled: no graph was built.
        <button
          type="button"
          onClick={result.rebuild}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Build again
        </button>
      </p>
    );
  if (result.error)
    return (
      <div role="alert" className={`${box} text-red-700 dark:text-red-300`}>
        <p>
          Could not {mode === 'traces' ? 'build the graph from traces' : 'read the dependencies'}:{' '}
          {result.error.message}
        </p>
        {mode === 'backend' && (
          <p className="text-slate-600 dark:text-slate-300">
            Try “Built from traces”, which needs only the search API.
          </p>
        )}
      </div>
    );
  const g = result.graph;
  if (!g) return null;
  if (g.nodes.length === 0)
    return (
      <p role="status" className={box}>
        {g.origin === 'traces'
          ? `No traces in ${source.name} over the ${describeRange(state.range)}, so there is nothing to draw. Widen the time range or send some traffic.`
          : `${source.name} reports no service dependencies over the ${describeRange(state.range)}. ${clientFor(source).capabilities.emptyDependenciesHint}`}
      </p>
    );
  const calls = g.edges.reduce((s, e) => s + e.calls, 0);
  const where =
    g.origin === 'traces'
      ? `built from ${plural(g.traces ?? 0, 'trace')} (${plural(g.spans ?? 0, 'span')}) of ${source.name}`
      : `from ${source.name}’s dependency endpoint`;
  return (
    <p
      role="status"
      data-testid="dependencies-summary"
      data-app-ready="true"
      className={`${box} text-slate-700 dark:text-slate-300`}
    >
      {plural(g.nodes.length, 'service')}, {plural(g.edges.length, 'edge')}, {plural(calls, 'call')} — {where},{' '}
      {describeRange(state.range)}.
      {map && map.edges.length < map.allEdges.length && (
        <span data-testid="map-threshold-note">
          {' '}
          Drawn: the {plural(map.edges.length, 'edge')} of at least {formatWeight(map.threshold, weight)}
          {map.hiddenServices > 0 &&
            `; ${plural(map.hiddenServices, 'service')} with no such edge ${map.hiddenServices === 1 ? 'is' : 'are'} left out`}
          . Move the slider to see more.
        </span>
      )}
      {g.origin === 'backend' && (
        <span className="text-slate-500 dark:text-slate-400">
          {' '}
          {g.edges.some((e) => e.errors !== undefined) ? 'Latency' : 'Errors and latency'}: switch to “Built from
          traces”.
        </span>
      )}
    </p>
  );
}

function Legend({ graph, weight }: { graph: DependencyGraph; weight: MapWeight }) {
  return (
    <div className="pointer-events-none absolute bottom-2 left-2 rounded border border-slate-200 bg-white/90 px-2.5 py-1.5 text-xs text-slate-600 dark:border-slate-700 dark:bg-slate-900/90 dark:text-slate-300">
      {weight === 'critical' ? (
        <p>
          Node size: critical-path time its spans own · edge width and label: critical-path time under the calls · % of
          all sampled time
        </p>
      ) : (
        <p>Node size: {graph.origin === 'traces' ? 'spans' : 'calls'} · edge width: calls · label: calls</p>
      )}
      <p className="mt-0.5 flex items-center gap-2">
        Colour: error rate
        {ERROR_LEGEND.map((l) => (
          <span key={l.label} className="flex items-center gap-1">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: l.color }} />
            {l.label}
          </span>
        ))}
      </p>
    </div>
  );
}

export default DependenciesPage;
