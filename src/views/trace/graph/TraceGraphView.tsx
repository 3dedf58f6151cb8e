/**
 * view=graph on the trace page: the services (or operations) of one trace as a graph, each
 * node with its self time and share of the critical path, the edges the critical path runs
 * along drawn thick in amber. `graphBy=operation` in the URL switches to operations; the
 * rest of the trace URL is left alone. Clicking a node selects its most critical span.
 */
import { useCallback, useMemo } from 'react';
import { useUrlState } from '../../../lib/router';
import { traceUrlCodec } from '../url-state';
import { GraphCanvas } from '../../../components/GraphCanvas';
import { edgeKey, type GraphEdgeStyle, type GraphNodeStyle } from '../../../components/GraphLayer';
import { layoutGraph } from '../../../layout/graph-layout';
import {
  TRACE_GRAPH_LIMITS,
  traceGraph,
  type TraceGraph,
  type TraceGraphEdge,
  type TraceGraphLevel,
  type TraceGraphNode,
} from '../../../layout/graph-trace';
import { traceServiceColors } from '../../../layout/trace-facts';
import { formatCount, formatDuration, formatPercent } from '../../../lib/format';
import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import { clipLabel } from '../../../lib/truncate';

const CRITICAL = '#f59e0b';

export function TraceGraphView({
  trace,
  analysis,
  selected,
  onSelectSpan,
}: {
  trace: Trace;
  analysis: CoreAnalysis;
  selected: number;
  onSelectSpan: (spanIndex: number) => void;
}) {
  const [url, updateUrl] = useUrlState(traceUrlCodec);
  const level: TraceGraphLevel = url.graphBy;
  const setLevel = (graphBy: TraceGraphLevel) => updateUrl({ graphBy });
  // Big traces can have thousands of operations: draw the ones that matter (see traceGraph).
  const graph = useMemo(() => traceGraph(trace, analysis, level, TRACE_GRAPH_LIMITS), [trace, analysis, level]);
  const colors = traceServiceColors(trace);
  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const edgesByKey = useMemo(() => new Map(graph.edges.map((e) => [edgeKey(e.from, e.to), e])), [graph]);
  const layout = useMemo(
    () =>
      layoutGraph(
        'layered',
        graph.nodes.map((n) => ({
          id: n.id,
          width: Math.min(260, Math.max(172, labelOf(n).length * 7 + 28)),
          height: level === 'operation' ? 54 : 46,
        })),
        graph.edges,
      ),
    [graph, level],
  );
  const selectedSpan = trace.spans[selected];
  const selectedNode = selectedSpan
    ? level === 'service'
      ? selectedSpan.service
      : `${selectedSpan.service}::${selectedSpan.name}`
    : undefined;
  const maxCalls = graph.edges.reduce((m, e) => Math.max(m, e.calls), 1);

  const nodeStyle = useCallback(
    (id: string): GraphNodeStyle => {
      const n = nodesById.get(id);
      const color = colors.get(n?.service ?? '') ?? '#64748b';
      return {
        label: n ? labelOf(n) : id,
        detail: n
          ? `self ${formatDuration(n.selfUs)} · ${n.criticalUs > 0 ? `${formatPercent(n.criticalShare)} of path` : 'off path'}`
          : undefined,
        fill: `${color}22`,
        stroke: n?.onCriticalPath ? CRITICAL : color,
        strokeWidth: n?.onCriticalPath ? 3 : 1.5,
        data: {
          service: n?.service ?? id,
          'critical-path': String(n?.onCriticalPath ?? false),
          ...(n?.operation !== undefined ? { operation: n.operation } : {}),
        },
      };
    },
    [nodesById, colors],
  );
  const edgeStyle = useCallback(
    (from: string, to: string): GraphEdgeStyle => {
      const e = edgesByKey.get(edgeKey(from, to));
      return {
        // Critical edges: thicker the more of the path runs under them, so the dominant path stands out.
        width: e?.critical ? 2 + 6 * e.criticalShare : 1.2 + 1.5 * Math.sqrt((e?.calls ?? 0) / maxCalls),
        color: e?.critical ? CRITICAL : e?.errors ? '#dc2626' : '#94a3b8',
        dashed: e?.indirect ?? false,
        label: e
          ? [
              e.calls > 1 ? `×${e.calls}` : '',
              e.critical && e.criticalShare >= 0.01 ? formatPercent(e.criticalShare) : '',
            ]
              .filter(Boolean)
              .join(' · ') || undefined
          : undefined,
        data: {
          calls: String(e?.calls ?? 0),
          critical: String(e?.critical ?? false),
          'critical-share': (e?.criticalShare ?? 0).toFixed(3),
        },
      };
    },
    [edgesByKey, maxCalls],
  );
  const nodeTooltip = useCallback((id: string) => <NodeNumbers node={nodesById.get(id)} />, [nodesById]);
  const edgeTooltip = useCallback(
    (from: string, to: string) => (
      <EdgeNumbers
        edge={edgesByKey.get(edgeKey(from, to))}
        label={(id) => {
          const n = nodesById.get(id);
          return n ? labelOf(n) : id;
        }}
      />
    ),
    [edgesByKey, nodesById],
  );

  return (
    <section aria-label="Graph of this trace" className="flex h-full min-h-[480px] flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
        <div
          role="radiogroup"
          aria-label="Nodes are"
          className="flex overflow-hidden rounded border border-slate-300 dark:border-slate-700"
        >
          {(['service', 'operation'] as const).map((l) => (
            <button
              key={l}
              type="button"
              role="radio"
              aria-checked={level === l}
              onClick={() => setLevel(l)}
              className={`px-2.5 py-1 ${level === l ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
            >
              {l === 'service' ? 'Services' : 'Operations'}
            </button>
          ))}
        </div>
        <p className="text-slate-600 dark:text-slate-300" data-testid="trace-graph-summary">
          {summaryOf(graph, level)}{' '}
          <span className="inline-flex items-center gap-1">
            <span className="inline-block h-1 w-5 rounded" style={{ background: CRITICAL }} /> critical path
          </span>
          . Click a node to select its span.
        </p>
      </div>
      <div className="relative min-h-0 flex-1" style={{ minHeight: 420 }}>
        {graph.nodes.length === 0 ? (
          <p role="status" className="p-6 text-sm">
            This trace has no spans to draw.
          </p>
        ) : (
          <GraphCanvas
            layout={layout}
            nodeStyle={nodeStyle}
            edgeStyle={edgeStyle}
            selected={selectedNode}
            onNodeClick={(id) => {
              const n = nodesById.get(id);
              if (n) onSelectSpan(n.representativeSpan);
            }}
            nodeTooltip={nodeTooltip}
            edgeTooltip={edgeTooltip}
            ariaLabel={`Trace graph: ${graph.nodes.length} ${level === 'service' ? 'services' : 'operations'}, ${graph.edges.length} edges`}
          />
        )}
      </div>
    </section>
  );
}

/** "6 services, 5 edges;" or, for a graph cut down to size, what was left out and how to see it. */
function summaryOf(graph: TraceGraph, level: TraceGraphLevel): string {
  const what = level === 'service' ? 'services' : 'operations';
  const n = (x: number) => formatCount(x);
  const edges =
    graph.hiddenEdges > 0
      ? `the ${n(graph.edges.length)} busiest of ${n(graph.edges.length + graph.hiddenEdges)} edges`
      : `${n(graph.edges.length)} edges`;
  if (graph.nodes.length === graph.totalNodes) return `${n(graph.nodes.length)} ${what}, ${edges};`;
  return `Showing the ${n(graph.nodes.length)} ${what} with the most critical-path and self time, of ${n(graph.totalNodes)}, and ${edges} (dashed: calls through hidden ${what}; the timeline has every span);`;
}

const labelOf = (n: TraceGraphNode) =>
  clipLabel(n.operation !== undefined ? `${clipLabel(n.service, 100)}: ${n.operation}` : n.service, 200);

function NodeNumbers({ node }: { node: TraceGraphNode | undefined }) {
  if (!node) return null;
  return (
    <div>
      <p className="font-semibold">{labelOf(node)}</p>
      <p>
        {node.spans} span{node.spans === 1 ? '' : 's'}
        {node.errors > 0 ? `, ${node.errors} with errors` : ''}
      </p>
      <p>self time {formatDuration(node.selfUs)}</p>
      <p>
        {node.criticalUs > 0
          ? `critical path ${formatDuration(node.criticalUs)} (${formatPercent(node.criticalShare)} of the trace)`
          : 'not on the critical path'}
      </p>
    </div>
  );
}

function EdgeNumbers({ edge, label }: { edge: TraceGraphEdge | undefined; label: (id: string) => string }) {
  if (!edge) return null;
  return (
    <div>
      <p className="font-semibold">
        {label(edge.from)} → {label(edge.to)}
      </p>
      <p>
        {edge.calls} call{edge.calls === 1 ? '' : 's'}
        {edge.errors > 0 ? `, ${edge.errors} failed` : ''}
      </p>
      {edge.indirect && <p>through operations not drawn here</p>}
      <p>
        {edge.critical
          ? `critical path below it: ${formatDuration(edge.criticalUs)} (${formatPercent(edge.criticalShare)} of the trace)`
          : 'off the critical path'}
      </p>
    </div>
  );
}
