/**
 * The span tree: parent links resolved by span id within one trace, children ordered by
 * start, roots, depth and the waterfall's pre-order. Spans are referred to by index in
 * `trace.spans`; times are µs from the trace start.
 *
 * Everything is iterative (explicit stacks, parent-pointer walks): traces may be 100,000
 * spans deep. Broken data never throws: it is repaired and reported as a TraceWarning.
 */
import type { TraceTree, TraceWarning } from './analysis-types';
import type { Span, Trace } from './types';
import { sortRuns } from './sort-runs';
import { cycleWarning, duplicateIdWarning, orphanWarning, skewWarning, sourceWarnings } from './warnings';

/**
 * Asynchronous children (follows-from, or a consumer under a producer) may legitimately
 * outlive their parent; they are not clock skew and are not on the parent's critical path.
 */
export function isAsyncChild(child: Span, parent: Span): boolean {
  return child.refType === 'follows-from' || (child.kind === 'consumer' && parent.kind === 'producer');
}

const ZERO_ID = /^0+$/;

/**
 * Span ids as small integers, equal exactly when the ids are equal (a string table's indices,
 * as the worker's packer makes them while the trace arrives): `id[i]` for span i, `parent[i]`
 * for its parentSpanId (-1 when it has none). Resolving parents by them needs no hashing of
 * id strings, which was most of the tree's time at 1M spans.
 */
export interface SpanKeys {
  readonly id: Int32Array;
  readonly parent: Int32Array;
}

/** Parent index per span from parentSpanId, plus duplicate-id and orphan warnings. */
function resolveParents(trace: Trace, warnings: TraceWarning[], keys?: SpanKeys): Int32Array {
  const n = trace.spans.length;
  if (keys !== undefined && keys.id.length === n && keys.parent.length === n)
    return resolveByKeys(trace, warnings, keys);
  const firstById = new Map<string, number>();
  return resolveWith(
    trace,
    warnings,
    (span, i) => {
      const first = firstById.get(span.spanId);
      if (first === undefined) firstById.set(span.spanId, i);
      return first;
    },
    (pid) => firstById.get(pid),
  );
}

function resolveByKeys(trace: Trace, warnings: TraceWarning[], keys: SpanKeys): Int32Array {
  let size = 0;
  for (const k of keys.id) if (k >= size) size = k + 1;
  const firstByKey = new Int32Array(size).fill(-1);
  return resolveWith(
    trace,
    warnings,
    (_span, i) => {
      const k = keys.id[i] ?? -1;
      const first = firstByKey[k] ?? -1;
      if (first === -1 && k >= 0) firstByKey[k] = i;
      return first === -1 ? undefined : first;
    },
    (_pid, i) => {
      const p = firstByKey[keys.parent[i] ?? -1] ?? -1;
      return p === -1 ? undefined : p;
    },
  );
}

/** The two passes: every span's id (`register` gives an earlier span with it), then every parent id. */
function resolveWith(
  trace: Trace,
  warnings: TraceWarning[],
  register: (span: Span, i: number) => number | undefined,
  find: (parentSpanId: string, i: number) => number | undefined,
): Int32Array {
  const spans = trace.spans;
  const n = spans.length;
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    if (span === undefined) continue;
    const first = register(span, i);
    if (first !== undefined) warnings.push(duplicateIdWarning(trace, i, first));
  }
  const parent = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    const pid = span?.parentSpanId;
    if (span === undefined || pid === undefined || pid === '') continue;
    const p = find(pid, i);
    if (p !== undefined) parent[i] = p;
    // An all-zero parent id is how several wire formats spell "no parent".
    else if (!ZERO_ID.test(pid)) warnings.push(orphanWarning(span, i));
  }
  return parent;
}

/**
 * Break parent cycles in place. Three-colour walk up parent pointers: 0 unvisited,
 * 1 on the current path, 2 known to reach a root. Meeting a colour-1 span closes a cycle;
 * its member that starts first (ties: lowest index) becomes a root. Each span is pushed
 * once, so this is O(n) and always terminates.
 */
function breakCycles(trace: Trace, parent: Int32Array, warnings: TraceWarning[]): void {
  const n = parent.length;
  const colour = new Uint8Array(n);
  const posInPath = new Int32Array(n);
  const path: number[] = [];
  for (let i = 0; i < n; i++) {
    if (colour[i] !== 0) continue;
    path.length = 0;
    let cur = i;
    while (cur !== -1 && colour[cur] === 0) {
      colour[cur] = 1;
      posInPath[cur] = path.length;
      path.push(cur);
      cur = parent[cur] ?? -1;
    }
    if (cur !== -1 && colour[cur] === 1) {
      const members = path.slice(posInPath[cur] ?? 0);
      let broken = cur;
      for (const m of members) {
        const sm = trace.spans[m]?.startUs ?? 0;
        const sb = trace.spans[broken]?.startUs ?? 0;
        if (sm < sb || (sm === sb && m < broken)) broken = m;
      }
      parent[broken] = -1;
      warnings.push(cycleWarning(trace, members, broken));
    }
    for (const m of path) colour[m] = 2;
  }
}

function clockSkewWarnings(trace: Trace, parent: Int32Array, warnings: TraceWarning[]): void {
  const spans = trace.spans;
  for (let i = 0; i < spans.length; i++) {
    const p = parent[i] ?? -1;
    const child = spans[i];
    const par = p === -1 ? undefined : spans[p];
    if (child === undefined || par === undefined) continue;
    const beforeUs = par.startUs - child.startUs;
    const afterUs = isAsyncChild(child, par) ? 0 : child.startUs + child.durationUs - (par.startUs + par.durationUs);
    if (beforeUs > 0 || afterUs > 0) warnings.push(skewWarning(child, i, par, beforeUs, afterUs));
  }
}

/** `keys`: the span ids as integers (see SpanKeys), when the caller has them. */
export function buildTree(trace: Trace, keys?: SpanKeys): { tree: TraceTree; warnings: TraceWarning[] } {
  const spans = trace.spans;
  const n = spans.length;
  const structural: TraceWarning[] = [];
  const parent = resolveParents(trace, structural, keys);
  breakCycles(trace, parent, structural);
  clockSkewWarnings(trace, parent, structural);

  // Children in CSR form: count per parent, prefix sums, fill in, then each child list sorted
  // by (start, index): the order children, roots and rows are listed in.
  const starts = new Float64Array(n);
  for (let i = 0; i < n; i++) starts[i] = spans[i]?.startUs ?? 0;
  const byStart = (a: number, b: number) => (starts[a] ?? 0) - (starts[b] ?? 0) || a - b;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const p = parent[i] ?? -1;
    if (p !== -1) childStart[p + 1] = (childStart[p + 1] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) childStart[i + 1] = (childStart[i + 1] ?? 0) + (childStart[i] ?? 0);
  const fill = childStart.slice(0, n);
  const childIndex = new Int32Array(childStart[n] ?? 0);
  const rootList: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = parent[i] ?? -1;
    if (p === -1) {
      rootList.push(i);
    } else {
      const at = fill[p] ?? 0;
      childIndex[at] = i;
      fill[p] = at + 1;
    }
  }
  sortRuns(childIndex, childStart, byStart);
  const roots = rootList.sort(byStart);

  // Main root: earliest start, then longest, then lowest index. Roots are already in
  // (start, index) order, so only a strictly longer duration at the same start wins.
  let mainRoot = roots[0] ?? -1;
  for (const r of roots) {
    const a = spans[r];
    const m = spans[mainRoot];
    if (a === undefined || m === undefined || a.startUs !== m.startUs) continue;
    if (a.durationUs > m.durationUs) mainRoot = r;
  }

  // Pre-order and depth with an explicit stack; children pushed in reverse so they pop by start.
  const preorder = new Int32Array(n);
  const depth = new Int32Array(n);
  let maxDepth = 0;
  let out = 0;
  const stack: number[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r] ?? 0);
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    preorder[out++] = top;
    const p = parent[top] ?? -1;
    const d = p === -1 ? 0 : (depth[p] ?? 0) + 1;
    depth[top] = d;
    if (d > maxDepth) maxDepth = d;
    const from = childStart[top] ?? 0;
    for (let c = (childStart[top + 1] ?? 0) - 1; c >= from; c--) stack.push(childIndex[c] ?? 0);
  }

  const warnings = [...sourceWarnings(trace), ...structural];
  return {
    tree: { parent, childStart, childIndex, depth, roots, mainRoot, preorder, maxDepth },
    warnings,
  };
}
