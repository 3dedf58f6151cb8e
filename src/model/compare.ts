/**
 * Aligning two traces (A and B) for the compare page.
 *
 * A span's place is its path of (service, operation) pairs from its root. Spans of either
 * trace with the same path form one aligned node, so repeated siblings (10 vs 13 `GetDriver`
 * calls under one parent) become one node counted ×10 in A and ×13 in B: the N+1 pattern
 * shows as a count change instead of three unmatched spans. Roots (the main root, orphans
 * and spans freed from cycles) all hang from one virtual top, keyed the same way.
 *
 * Per node and side: span count, summed duration, self time and critical-path time (µs,
 * from each trace's own analysis). Pure and iterative: each span is visited once in the
 * tree's pre-order, so its parent's node already exists; two 100k-span traces align in
 * tens of milliseconds.
 */
import type { TraceTree } from './analysis-types';
import type { Trace } from './types';

/** One trace and the analyses the alignment reads (TraceAnalysis has all three). */
export interface CompareSide {
  readonly trace: Trace;
  readonly tree: TraceTree;
  readonly selfTimeUs: Float64Array;
  /** Critical-path µs owned by each span. */
  readonly criticalUs: Float64Array;
}

export interface SideStats {
  readonly count: number;
  readonly totalUs: number;
  readonly selfUs: number;
  readonly criticalUs: number;
}

export type NodeChange = 'both' | 'removed' | 'added';

export interface AlignedNode {
  /** Index in Alignment.nodes. */
  readonly id: number;
  /** Parent node, -1 under the virtual top. */
  readonly parent: number;
  readonly depth: number;
  readonly service: string;
  readonly operation: string;
  /** A hash of the node's path, the same in every load of the same two traces (for URLs). */
  readonly key: string;
  readonly a: SideStats;
  readonly b: SideStats;
  /** 'removed': only in A; 'added': only in B. */
  readonly change: NodeChange;
}

export interface Alignment {
  /** Parents come before their children. */
  readonly nodes: readonly AlignedNode[];
  /** Child node ids of each node, and of the virtual top under index `nodes.length`. */
  readonly children: readonly (readonly number[])[];
  /** The node of each span of A and of B (see spansOf). */
  readonly nodeOfA: Int32Array;
  readonly nodeOfB: Int32Array;
}

/**
 * A node's spans in A or B (indices into that trace's `spans`, ascending). Found by a scan
 * when asked (a click), rather than kept as 2 × 100k small arrays nobody reads.
 */
export function spansOf(alignment: Alignment, node: number, side: 'a' | 'b'): number[] {
  const nodeOf = side === 'a' ? alignment.nodeOfA : alignment.nodeOfB;
  const out: number[] = [];
  for (let i = 0; i < nodeOf.length; i++) if (nodeOf[i] === node) out.push(i);
  return out;
}

interface MutableNode {
  parent: number;
  depth: number;
  service: string;
  operation: string;
  h1: number;
  h2: number;
  stats: [MutableStats, MutableStats];
}
interface MutableStats {
  count: number;
  totalUs: number;
  selfUs: number;
  criticalUs: number;
}

const SEP = '\u001f'; // unit separator: cannot clash with text in names
/** More distinct (service, operation) pairs than any trace has; keeps keys below 2^53. */
const OPS = 2 ** 22;
const emptyStats = (): MutableStats => ({ count: 0, totalUs: 0, selfUs: 0, criticalUs: 0 });

/**
 * A node's path hash, from its parent's and its (service, operation) pair: two 32-bit lanes
 * mixed with integer steps (no strings per node: hashing a path's text would be quadratic
 * on 100k-deep traces). The pair's own hash is FNV-1a of its text, once per distinct pair.
 */
function textHash(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
function mix(parent: number, op: number, k: number): number {
  let h = Math.imul(parent ^ op, k) ^ op;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
const SEED_1 = 0x811c9dc5;
const SEED_2 = 0x5bd1e995;

/**
 * Sums rounded to the nanosecond (in place): sums of the same spans in another order differ
 * in the last bits, and an unchanged node must show a delta of exactly zero.
 */
const toNanos = (st: MutableStats): SideStats => {
  st.totalUs = Math.round(st.totalUs * 1000) / 1000;
  st.selfUs = Math.round(st.selfUs * 1000) / 1000;
  st.criticalUs = Math.round(st.criticalUs * 1000) / 1000;
  return st;
};

export function alignTraces(a: CompareSide, b: CompareSide): Alignment {
  const nodes: MutableNode[] = [];
  // Node of (parent node, operation), as (parent + 1) * OPS + operation id: numbers, not
  // concatenated strings, keep 200k look-ups cheap.
  const byKey = new Map<number, number>();
  const opIds = new Map<string, Map<string, number>>();
  let opCount = 0;
  const opHash1: number[] = [];
  const opHash2: number[] = [];
  const opId = (service: string, name: string): number => {
    let names = opIds.get(service);
    if (names === undefined) opIds.set(service, (names = new Map()));
    let id = names.get(name);
    if (id === undefined) {
      names.set(name, (id = opCount++));
      const text = `${service}${SEP}${name}`;
      opHash1.push(textHash(text, SEED_1));
      opHash2.push(textHash(text, SEED_2));
    }
    return id;
  };

  const addSide = (side: CompareSide, which: 0 | 1): Int32Array => {
    const { trace, tree } = side;
    const spans = trace.spans;
    const nodeOf = new Int32Array(spans.length).fill(-1);
    const visit = (i: number) => {
      const span = spans[i];
      if (span === undefined || nodeOf[i] !== -1) return;
      const p = tree.parent[i] ?? -1;
      const parentNode = p >= 0 ? (nodeOf[p] ?? -1) : -1;
      // The parent's node id stands for its whole path: node ids are shared by A and B.
      const op = opId(span.service, span.name);
      const key = (parentNode + 1) * OPS + op;
      let id = byKey.get(key);
      if (id === undefined) {
        id = nodes.length;
        byKey.set(key, id);
        const up = parentNode >= 0 ? nodes[parentNode] : undefined;
        const parentDepth = up?.depth ?? -1;
        nodes.push({
          parent: parentNode,
          depth: parentDepth + 1,
          service: span.service,
          operation: span.name,
          h1: mix(up?.h1 ?? SEED_1, opHash1[op] ?? 0, 0x85ebca6b),
          h2: mix(up?.h2 ?? SEED_2, opHash2[op] ?? 0, 0xc2b2ae35),
          stats: [emptyStats(), emptyStats()],
        });
      }
      nodeOf[i] = id;
      const node = nodes[id];
      if (node === undefined) return;
      const st = node.stats[which];
      st.count++;
      st.totalUs += span.durationUs;
      st.selfUs += side.selfTimeUs[i] ?? 0;
      st.criticalUs += side.criticalUs[i] ?? 0;
    };
    for (const i of tree.preorder) visit(i);
    // Every span is in the pre-order; should one not be, it still counts, as a top node.
    for (let i = 0; i < spans.length; i++) if (nodeOf[i] === -1) visit(i);
    return nodeOf;
  };
  const nodeOfA = addSide(a, 0);
  const nodeOfB = addSide(b, 1);

  const out: AlignedNode[] = nodes.map((n, id) => {
    const sa = toNanos(n.stats[0]);
    const sb = toNanos(n.stats[1]);
    return {
      id,
      parent: n.parent,
      depth: n.depth,
      service: n.service,
      operation: n.operation,
      key: n.h1.toString(36) + n.h2.toString(36).padStart(7, '0'),
      a: sa,
      b: sb,
      change: sa.count === 0 ? 'added' : sb.count === 0 ? 'removed' : 'both',
    };
  });
  const children: number[][] = Array.from({ length: out.length + 1 }, () => []);
  for (const n of out) children[n.parent >= 0 ? n.parent : out.length]?.push(n.id);
  return { nodes: out, children, nodeOfA, nodeOfB };
}

/** B minus A for one measure. */
export const delta = (node: AlignedNode, measure: keyof SideStats): number => node.b[measure] - node.a[measure];

/** Per (service, operation) over all paths: what the verdict and the totals are built from. */
export interface OperationDelta {
  readonly service: string;
  readonly operation: string;
  readonly a: SideStats;
  readonly b: SideStats;
}

export function operationDeltas(alignment: Alignment): OperationDelta[] {
  const byOp = new Map<string, { service: string; operation: string; a: MutableStats; b: MutableStats }>();
  for (const n of alignment.nodes) {
    const key = `${n.service}${SEP}${n.operation}`;
    let op = byOp.get(key);
    if (op === undefined) {
      op = { service: n.service, operation: n.operation, a: emptyStats(), b: emptyStats() };
      byOp.set(key, op);
    }
    for (const [to, from] of [
      [op.a, n.a],
      [op.b, n.b],
    ] as const) {
      to.count += from.count;
      to.totalUs += from.totalUs;
      to.selfUs += from.selfUs;
      to.criticalUs += from.criticalUs;
    }
  }
  const ops = [...byOp.values()];
  for (const o of ops) {
    toNanos(o.a);
    toNanos(o.b);
  }
  return ops;
}
