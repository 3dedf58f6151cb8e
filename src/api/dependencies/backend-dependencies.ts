/**
 * Dependency endpoints of the backends that have one: Jaeger `/api/dependencies` and Zipkin
 * `/api/v2/dependencies` (both take `endTs` and `lookback` in ms and answer
 * `{parent, child, callCount}` links; Zipkin adds `errorCount`). Tempo has none.
 */
import { isRecord, num, rec, str } from '../../lib/json';
import { fetchText, SourceError } from '../http';
import type { BackendSource } from '../sources';
import { nodesFromEdges, sortEdges, type DependencyEdge, type DependencyGraph, type TimeWindow } from './types';

/** `endTs` and `lookback` in ms, as both Jaeger and Zipkin take them. */
export function dependencyWindowQuery(window: TimeWindow): string {
  const endMs = Math.ceil(window.endUs / 1000);
  const lookbackMs = Math.max(1, Math.round((window.endUs - window.startUs) / 1000));
  return `endTs=${endMs}&lookback=${lookbackMs}`;
}

/**
 * Jaeger wraps the links in `{data: [...]}`, Zipkin sends the bare array. A link from a
 * service to itself is not drawn as an edge: its calls are counted per service instead.
 * `reportsErrors`: the backend counts errors and leaves out zero counts (Zipkin), so absent means 0.
 */
export function parseDependencyLinks(
  json: unknown,
  sourceName: string,
  reportsErrors = false,
): { edges: DependencyEdge[]; selfCalls: Map<string, number> } {
  const list = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.data) ? json.data : undefined;
  if (list === undefined)
    throw new SourceError('bad-response', `${sourceName} answered, but not with a list of dependency links.`);
  const merged = new Map<string, { from: string; to: string; calls: number; errors: number | undefined }>();
  const selfCalls = new Map<string, number>();
  for (const raw of list) {
    const r = rec(raw);
    const from = str(r?.parent);
    const to = str(r?.child);
    const calls = num(r?.callCount) ?? 0;
    const errors = num(r?.errorCount) ?? (reportsErrors ? 0 : undefined);
    if (!from || !to) continue;
    if (from === to) {
      selfCalls.set(from, (selfCalls.get(from) ?? 0) + calls);
      continue;
    }
    const key = `${from}\u0000${to}`;
    const m = merged.get(key);
    if (m) {
      m.calls += calls;
      if (errors !== undefined) m.errors = (m.errors ?? 0) + errors;
    } else merged.set(key, { from, to, calls, errors });
  }
  return {
    edges: sortEdges([...merged.values()].map((e) => ({ ...e, p50Us: undefined, p95Us: undefined }))),
    selfCalls,
  };
}

/** `url` is the client's dependency endpoint; `reportsErrors` as for parseDependencyLinks. */
export async function fetchBackendDependencies(
  source: BackendSource,
  url: string,
  reportsErrors: boolean,
  signal?: AbortSignal,
): Promise<DependencyGraph> {
  const text = await fetchText(url, { signal, sourceName: source.name, sourceId: source.id });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SourceError('bad-response', `${source.name} answered, but not with JSON.`);
  }
  const { edges, selfCalls } = parseDependencyLinks(json, source.name, reportsErrors);
  return { origin: 'backend', nodes: nodesFromEdges(edges, selfCalls), edges };
}
