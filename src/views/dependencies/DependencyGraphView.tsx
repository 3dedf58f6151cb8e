/**
 * The drawn service map: the map model (service-map.ts) laid out (in a worker when big, with
 * namespaces as boxes), sizes and widths from the chosen weight (calls or critical-path time),
 * colours from error rates, hover tooltips, and the focus (a service and its neighbours within
 * `hops`) dimming everything else.
 */
import { useCallback, useMemo } from 'react';
import type { DependencyEdge, DependencyGraph, DependencyNode } from '../../api/dependencies/types';
import { GraphCanvas } from '../../components/GraphCanvas';
import { edgeKey, type GraphEdgeStyle, type GraphNodeStyle } from '../../components/GraphLayer';
import { boxExit, type GraphLayoutKind, type PlacedEdge } from '../../layout/graph-layout';
import { formatCount, formatDuration, formatPercent } from '../../lib/format';
import { edgeWidthScale, errorColor, nodeSizer, tint } from './graph-styles';
import { clipLabel } from '../../lib/truncate';
import { edgeWeight, nodeWeight, type MapNode, type MapWeight, type ServiceMap } from './service-map';
import { useMapLayout } from './use-map-layout';

export const errorRate = (errors: number | undefined, calls: number): number | undefined =>
  errors === undefined ? undefined : calls > 0 ? errors / calls : 0;
const callsDetail = (n: DependencyNode) =>
  `${plural(n.calls, 'call')}${n.errors ? ` · ${formatPercent(errorRate(n.errors, n.calls) ?? 0)} err` : ''}`;
export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
const share = (us: number, totalUs: number | undefined) =>
  totalUs !== undefined && totalUs > 0 ? ` · ${formatPercent(us / totalUs)}` : '';

function nodeDetail(n: MapNode, weight: MapWeight, totalUs: number | undefined): string {
  const numbers =
    weight === 'critical' ? `${formatDuration(n.criticalUs ?? 0)}${share(n.criticalUs ?? 0, totalUs)}` : callsDetail(n);
  return n.group ? `${plural(n.group.services, 'service')} · ${numbers}` : numbers;
}

export function DependencyGraphView({
  graph,
  map,
  weight,
  layoutKind,
  onFocus,
  onToggleGroup,
}: {
  graph: DependencyGraph;
  map: ServiceMap;
  weight: MapWeight;
  layoutKind: GraphLayoutKind;
  onFocus: (service: string | undefined) => void;
  /** Collapse or expand a namespace. */
  onToggleGroup: (namespace: string) => void;
}) {
  const { focus, near } = map;
  const nodesById = useMemo(() => new Map(map.nodes.map((n) => [n.service, n])), [map]);
  const edgesByKey = useMemo(
    () => new Map([...map.edges, ...map.focusEdges].map((e) => [edgeKey(e.from, e.to), e])),
    [map],
  );
  const boxes = useMemo(() => {
    const size = nodeSizer(map.maxNodeWeight);
    return map.nodes.map((n) => ({
      id: n.service,
      ...size(n.group ? n.group.namespace : n.service, nodeWeight(n, weight), nodeDetail(n, weight, graph.totalUs)),
    }));
  }, [map, weight, graph.totalUs]);
  const groupOf = useMemo(() => {
    const out = new Map<string, string>();
    for (const n of map.nodes) if (!n.group && n.namespace !== undefined) out.set(n.service, n.namespace);
    return out;
  }, [map]);
  const { layout: laid, pending, error } = useMapLayout(layoutKind, boxes, map.edges, groupOf);
  // Edges of the focused neighbourhood below the threshold: straight lines on the laid-out picture.
  const layout = useMemo(() => {
    if (!laid || map.focusEdges.length === 0) return laid;
    const byId = new Map(laid.nodes.map((n) => [n.id, n]));
    const extra: PlacedEdge[] = [];
    for (const e of map.focusEdges) {
      const a = byId.get(e.from);
      const b = byId.get(e.to);
      if (a && b) extra.push({ from: e.from, to: e.to, points: [boxExit(a, b), boxExit(b, a)] });
    }
    return { ...laid, edges: [...laid.edges, ...extra] };
  }, [laid, map.focusEdges]);
  const width = useMemo(() => edgeWidthScale(map.maxEdgeWeight), [map.maxEdgeWeight]);

  const nodeStyle = useCallback(
    (id: string): GraphNodeStyle => {
      const n = nodesById.get(id);
      const color = errorColor(n ? errorRate(n.errors, n.calls) : undefined);
      const group = n?.group;
      return {
        label: clipLabel(group ? group.namespace : id, 200),
        detail: n ? nodeDetail(n, weight, graph.totalUs) : undefined,
        fill: group ? tint(color, 0.3) : tint(color, 0.16),
        stroke: color,
        strokeWidth: focus === id ? 3 : group ? 2.5 : 1.5,
        dimmed: near !== undefined && !near.has(id),
        data: {
          service: group ? '' : id,
          calls: String(n?.calls ?? 0),
          ...(n?.criticalUs !== undefined ? { 'critical-us': String(Math.round(n.criticalUs)) } : {}),
          ...(n?.namespace !== undefined ? { namespace: n.namespace } : {}),
          ...(group ? { group: group.namespace } : {}),
        },
      };
    },
    [nodesById, near, focus, weight, graph.totalUs],
  );
  const edgeStyle = useCallback(
    (from: string, to: string): GraphEdgeStyle => {
      const e = edgesByKey.get(edgeKey(from, to));
      const calls = e?.calls ?? 0;
      const rate = e ? errorRate(e.errors, e.calls) : undefined;
      return {
        width: width(e ? edgeWeight(e, weight) : 0),
        color: rate !== undefined && rate > 0 ? errorColor(rate) : '#94a3b8',
        label: weight === 'critical' ? formatDuration(e?.criticalUs ?? 0) : formatCount(calls),
        dimmed: near !== undefined && !(near.has(from) && near.has(to)),
        data: {
          calls: String(calls),
          ...(e?.errors !== undefined ? { errors: String(e.errors) } : {}),
          ...(e?.criticalUs !== undefined ? { 'critical-us': String(Math.round(e.criticalUs)) } : {}),
        },
      };
    },
    [edgesByKey, width, near, weight],
  );
  const nodeTooltip = useCallback(
    (id: string) => <NodeNumbers node={nodesById.get(id)} map={map} graph={graph} id={id} />,
    [nodesById, graph, map],
  );
  const edgeTooltip = useCallback(
    (from: string, to: string) => <EdgeNumbers edge={edgesByKey.get(edgeKey(from, to))} totalUs={graph.totalUs} />,
    [edgesByKey, graph.totalUs],
  );
  const fitTo = useMemo(() => (near ? [...near.keys()] : undefined), [near]);

  if (error)
    return (
      <p role="alert" className="p-4 text-sm text-red-700 dark:text-red-300">
        Could not lay out the map: {error.message}
      </p>
    );
  if (!layout)
    return (
      <p role="status" className="p-4 text-sm text-slate-600 dark:text-slate-300">
        Laying out {plural(map.nodes.length, 'node')} and {plural(map.edges.length, 'edge')}…
      </p>
    );
  return (
    <>
      <GraphCanvas
        layout={layout}
        nodeStyle={nodeStyle}
        edgeStyle={edgeStyle}
        selected={focus}
        onNodeClick={(id) => {
          const g = nodesById.get(id)?.group;
          if (g) onToggleGroup(g.namespace);
          else onFocus(id === focus ? undefined : id);
        }}
        onGroupClick={onToggleGroup}
        onBackgroundClick={() => onFocus(undefined)}
        nodeTooltip={nodeTooltip}
        edgeTooltip={edgeTooltip}
        fitTo={fitTo}
        ariaLabel={`Service map: ${plural(map.nodes.length, 'node')}, ${plural(layout.edges.length, 'edge')} drawn`}
      />
      {pending && (
        <p
          role="status"
          className="pointer-events-none absolute top-2 left-2 rounded bg-white/90 px-2 py-1 text-xs text-slate-600 dark:bg-slate-900/90 dark:text-slate-300"
        >
          Laying out the map…
        </p>
      )}
    </>
  );
}

function NodeNumbers({
  node,
  map,
  graph,
  id,
}: {
  node: MapNode | undefined;
  map: ServiceMap;
  graph: DependencyGraph;
  id: string;
}) {
  if (!node) return null;
  const callers = map.allEdges.filter((e) => e.to === id).length;
  const callees = map.allEdges.filter((e) => e.from === id).length;
  return (
    <div>
      <p className="font-semibold">{node.group ? `namespace ${node.group.namespace}` : id}</p>
      {node.group && (
        <p>
          {plural(node.group.services, 'service')}, {plural(node.group.internalCalls, 'call')} among them
        </p>
      )}
      {!node.group && node.namespace !== undefined && <p>namespace {node.namespace}</p>}
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
      {node.criticalUs !== undefined && (
        <p>
          {formatDuration(node.criticalUs)} on the critical path{share(node.criticalUs, graph.totalUs)} of the sampled
          time
        </p>
      )}
      {node.selfCalls !== undefined && <p>and {plural(node.selfCalls, 'call')} to itself</p>}
      <p className="text-slate-500 dark:text-slate-400">
        {plural(callers, 'caller')}, {plural(callees, 'callee')} · {node.group ? 'click to expand' : 'click to focus'}
      </p>
    </div>
  );
}

export function EdgeNumbers({ edge, totalUs }: { edge: DependencyEdge | undefined; totalUs?: number | undefined }) {
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
      {edge.criticalUs !== undefined && (
        <p>
          {formatDuration(edge.criticalUs)} of critical path under these calls{share(edge.criticalUs, totalUs)}
        </p>
      )}
      {edge.p50Us !== undefined && edge.p95Us !== undefined ? (
        <p>
          p50 {formatDuration(edge.p50Us)} · p95 {formatDuration(edge.p95Us)}
        </p>
      ) : (
        <p className="text-slate-500 dark:text-slate-400">
          {edge.criticalUs !== undefined
            ? 'latency: p50/p95 are per edge, not for a group’s merged edges'
            : 'latency: build from traces to see p50/p95'}
        </p>
      )}
    </div>
  );
}
