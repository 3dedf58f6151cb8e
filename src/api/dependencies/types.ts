/**
 * The dependency graph the /dependencies page draws, from a backend's dependency endpoint or
 * built from a sample of traces. Backends know only call counts (Zipkin also errors); graphs
 * built from traces add errors and p50/p95 latency per edge. Unknown numbers are undefined,
 * never 0, so the page can say "not reported" instead of a false "0 errors".
 */

export type DependencyOrigin = 'backend' | 'traces';

export interface DependencyEdge {
  readonly from: string;
  readonly to: string;
  readonly calls: number;
  readonly errors: number | undefined;
  readonly p50Us: number | undefined;
  readonly p95Us: number | undefined;
  /**
   * Built from traces: critical-path µs spent under the calls along this edge (the callee
   * spans' subtrees), summed over the sampled traces. Undefined from a backend's endpoint.
   */
  readonly criticalUs?: number;
}

export interface DependencyNode {
  readonly service: string;
  /** Calls received (backend) or spans (traces); roots count the calls they make. */
  readonly calls: number;
  readonly errors: number | undefined;
  /** Calls the service made to itself (a backend's link from a service to itself); absent when none. */
  readonly selfCalls?: number;
  /** Built from traces: critical-path µs owned by this service's spans, summed over the sample. */
  readonly criticalUs?: number;
  /** The service's `service.namespace` (else `k8s.namespace.name`) when its spans carry one. */
  readonly namespace?: string;
}

export interface DependencyGraph {
  readonly origin: DependencyOrigin;
  readonly nodes: readonly DependencyNode[];
  readonly edges: readonly DependencyEdge[];
  /** Built from traces: how many traces and spans went in. */
  readonly traces?: number;
  readonly spans?: number;
  /** Built from traces: the sampled traces' durations summed (µs), what critical shares are of. */
  readonly totalUs?: number;
}

export interface TimeWindow {
  /** Unix µs. */
  readonly startUs: number;
  readonly endUs: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Nodes from edges (backends send only edges): calls received, or made when a service receives none. */
export function nodesFromEdges(
  edges: readonly DependencyEdge[],
  selfCalls: ReadonlyMap<string, number> = new Map(),
): DependencyNode[] {
  const acc = new Map<string, { inCalls: number; outCalls: number; inErrors: number | undefined }>();
  const get = (s: string) => {
    let a = acc.get(s);
    if (!a) {
      a = { inCalls: 0, outCalls: 0, inErrors: undefined };
      acc.set(s, a);
    }
    return a;
  };
  for (const e of edges) {
    get(e.from).outCalls += e.calls;
    const to = get(e.to);
    to.inCalls += e.calls;
    if (e.errors !== undefined) to.inErrors = (to.inErrors ?? 0) + e.errors;
  }
  for (const s of selfCalls.keys()) get(s);
  return [...acc.entries()]
    .map(([service, a]): DependencyNode => {
      const self = selfCalls.get(service) ?? 0;
      const node = {
        service,
        calls: a.inCalls > 0 ? a.inCalls : a.outCalls > 0 ? a.outCalls : self,
        errors: a.inCalls > 0 ? a.inErrors : undefined,
      };
      return self > 0 ? { ...node, selfCalls: self } : node;
    })
    .sort((a, b) => cmp(a.service, b.service));
}

export const sortEdges = (edges: DependencyEdge[]): DependencyEdge[] =>
  edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
