/**
 * The drawn dependency graph: layout (layered or force) of the services, sizes and colours
 * from the numbers, hover tooltips, and the focus (a service and its neighbours within
 * `hops`) dimming everything else.
 */
import { useCallback, useMemo } from 'react';
import type { DependencyEdge, DependencyGraph, DependencyNode } from '../../api/dependencies/types';
import { GraphCanvas } from '../../components/GraphCanvas';
import { edgeKey, type GraphEdgeStyle, type GraphNodeStyle } from '../../components/GraphLayer';
import { neighbourhood } from '../../layout/graph-focus';
import { layoutGraph, type GraphLayoutKind } from '../../layout/graph-layout';
import { formatDuration, formatPercent } from '../../lib/format';
import { edgeWidthScale, errorColor, nodeSizer, tint } from './graph-styles';
import { clipLabel } from '../../lib/truncate';

export const errorRate = (errors: number | undefined, calls: number): number | undefined =>
  errors === undefined ? undefined : calls > 0 ? errors / calls : 0;
const nodeDetail = (n: DependencyNode) =>
  `${plural(n.calls, 'call')}${n.errors ? ` · ${formatPercent(errorRate(n.errors, n.calls) ?? 0)} err` : ''}`;
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function DependencyGraphView({
  graph,
  layoutKind,
  focus,
  hops,
  onFocus,
}: {
  graph: DependencyGraph;
  layoutKind: GraphLayoutKind;
  focus: string | undefined;
  hops: number;
  onFocus: (service: string | undefined) => void;
}) {
  const nodesById = useMemo(() => new Map(graph.nodes.map((n) => [n.service, n])), [graph]);
  const edgesByKey = useMemo(() => new Map(graph.edges.map((e) => [edgeKey(e.from, e.to), e])), [graph]);
  const layout = useMemo(() => {
    const size = nodeSizer(graph.nodes.reduce((m, n) => Math.max(m, n.calls), 0));
    return layoutGraph(
      layoutKind,
      graph.nodes.map((n) => ({ id: n.service, ...size(n.service, n.calls, nodeDetail(n)) })),
      graph.edges,
    );
  }, [graph, layoutKind]);
  const near = useMemo(
    () => (focus && nodesById.has(focus) ? neighbourhood(graph.edges, focus, hops) : undefined),
    [graph, focus, hops, nodesById],
  );
  const width = useMemo(() => edgeWidthScale(graph.edges.reduce((m, e) => Math.max(m, e.calls), 0)), [graph]);

  const nodeStyle = useCallback(
    (id: string): GraphNodeStyle => {
      const n = nodesById.get(id);
      const color = errorColor(n ? errorRate(n.errors, n.calls) : undefined);
      return {
        label: clipLabel(id, 200),
        detail: n ? nodeDetail(n) : undefined,
        fill: tint(color, 0.16),
        stroke: color,
        strokeWidth: focus === id ? 3 : 1.5,
        dimmed: near !== undefined && !near.has(id),
        data: { service: id, calls: String(n?.calls ?? 0) },
      };
    },
    [nodesById, near, focus],
  );
  const edgeStyle = useCallback(
    (from: string, to: string): GraphEdgeStyle => {
      const e = edgesByKey.get(edgeKey(from, to));
      const calls = e?.calls ?? 0;
      const rate = e ? errorRate(e.errors, e.calls) : undefined;
      return {
        width: width(calls),
        color: rate !== undefined && rate > 0 ? errorColor(rate) : '#94a3b8',
        label: calls.toLocaleString('en-US'),
        dimmed: near !== undefined && !(near.has(from) && near.has(to)),
        data: { calls: String(calls), ...(e?.errors !== undefined ? { errors: String(e.errors) } : {}) },
      };
    },
    [edgesByKey, width, near],
  );
  const nodeTooltip = useCallback(
    (id: string) => <NodeNumbers node={nodesById.get(id)} graph={graph} id={id} />,
    [nodesById, graph],
  );
  const edgeTooltip = useCallback(
    (from: string, to: string) => <EdgeNumbers edge={edgesByKey.get(edgeKey(from, to))} />,
    [edgesByKey],
  );
  const fitTo = useMemo(() => (near ? [...near.keys()] : undefined), [near]);

  return (
    <GraphCanvas
      layout={layout}
      nodeStyle={nodeStyle}
      edgeStyle={edgeStyle}
      selected={focus}
      onNodeClick={(id) => onFocus(id === focus ? undefined : id)}
      onBackgroundClick={() => onFocus(undefined)}
      nodeTooltip={nodeTooltip}
      edgeTooltip={edgeTooltip}
      fitTo={fitTo}
      ariaLabel={`Service dependency graph: ${plural(graph.nodes.length, 'service')}, ${plural(graph.edges.length, 'edge')}`}
    />
  );
}

function NodeNumbers({ node, graph, id }: { node: DependencyNode | undefined; graph: DependencyGraph; id: string }) {
  if (!node) return null;
  const callers = graph.edges.filter((e) => e.to === id).length;
  const callees = graph.edges.filter((e) => e.from === id).length;
  return (
    <div>
      <p className="font-semibold">{id}</p>
      <p>
        {graph.origin === 'traces'
          ? `${plural(node.calls, 'span')} in the sample`
          : `${plural(node.calls, 'call')} ${callers > 0 ? 'received' : 'made'}`}
      </p>
      <p>
        {node.errors === undefined
          ? 'errors: not reported by this backend'
          : `${plural(node.errors, 'error')} (${formatPercent(errorRate(node.errors, node.calls) ?? 0)})`}
      </p>
      {node.selfCalls !== undefined && <p>and {plural(node.selfCalls, 'call')} to itself</p>}
      <p className="text-slate-500 dark:text-slate-400">
        {plural(callers, 'caller')}, {plural(callees, 'callee')} · click to focus
      </p>
    </div>
  );
}

export function EdgeNumbers({ edge }: { edge: DependencyEdge | undefined }) {
  if (!edge) return null;
  return (
    <div>
      <p className="font-semibold">
        {edge.from} → {edge.to}
      </p>
      <p>{plural(edge.calls, 'call')}</p>
      <p>
        {edge.errors === undefined
          ? 'errors: not reported'
          : `${plural(edge.errors, 'error')} (${formatPercent(errorRate(edge.errors, edge.calls) ?? 0)})`}
      </p>
      {edge.p50Us !== undefined && edge.p95Us !== undefined ? (
        <p>
          p50 {formatDuration(edge.p50Us)} · p95 {formatDuration(edge.p95Us)}
        </p>
      ) : (
        <p className="text-slate-500 dark:text-slate-400">latency: build from traces to see p50/p95</p>
      )}
    </div>
  );
}
