// The answers the app must show for a generateMillionTrace() trace, computed here by brute
// force, independently of src/model (the bench must not grade the app with its own code):
// self time, the critical path as DESIGN.md defines it, per-service sums, the slowest spans and
// the critical-path rows in waterfall order. Every walk is iterative (the trace has a 20,000-deep
// chain). Times are integer µs, so every sum is exact.
import { spanIdOf as generatedSpanId } from './million-trace.mjs';

/** Indices 0..n-1 sorted by `cmp`. */
function sortedIndices(n, cmp) {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx.sort(cmp);
}

/** Children of each span as CSR lists, in the order `order` lists the spans. */
function childLists(parent, order) {
  const n = parent.length;
  const first = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i] >= 0) first[parent[i] + 1]++;
  for (let i = 0; i < n; i++) first[i + 1] += first[i];
  const fill = first.slice(0, n);
  const list = new Int32Array(first[n]);
  for (const c of order) if (parent[c] >= 0) list[fill[parent[c]]++] = c;
  return { first, list };
}

/** µs of [s, e] covered by the union of `intervals` ([start, end] pairs, any order). */
function unionInside(intervals, s, e) {
  const clipped = [];
  for (const [a, b] of intervals) {
    const cs = Math.max(a, s);
    const ce = Math.min(b, e);
    if (ce > cs) clipped.push([cs, ce]);
  }
  clipped.sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let runS = -Infinity;
  let runE = -Infinity;
  for (const [a, b] of clipped) {
    if (a > runE) {
      if (runE > runS) covered += runE - runS;
      runS = a;
      runE = b;
    } else if (b > runE) runE = b;
  }
  if (runE > runS) covered += runE - runS;
  return covered;
}

/**
 * `t`: a generateMillionTrace() result, or the same arrays for any trace (`idOf(i)` then names
 * span i; by default the generator's spanIdOf).
 */
export function bruteForce(t, { slowest = 15, criticalRows = 20 } = {}) {
  const n = t.n;
  const spanIdOf = t.idOf ?? generatedSpanId;
  const parent = t.parent.subarray(0, n);
  const end = (i) => t.start[i] + t.dur[i];
  const ids = (list) => Array.from(list, (i) => spanIdOf(i));

  // Self time: duration minus the union of the direct children's intervals.
  const byStart = sortedIndices(n, (a, b) => t.start[a] - t.start[b] || a - b);
  const kids = childLists(parent, byStart);
  const self = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const intervals = [];
    for (let k = kids.first[i]; k < kids.first[i + 1]; k++) intervals.push([t.start[kids.list[k]], end(kids.list[k])]);
    self[i] = t.dur[i] - unionInside(intervals, t.start[i], end(i));
  }

  // Critical path. The main root: the root that starts first (ties: the longest).
  let root = -1;
  for (let i = 0; i < n; i++)
    if (
      parent[i] < 0 &&
      (root < 0 || t.start[i] < t.start[root] || (t.start[i] === t.start[root] && t.dur[i] > t.dur[root]))
    )
      root = i;
  const asyncChild = (c) => t.follows[c] === 1 || (t.kind[c] === 4 && t.kind[parent[c]] === 3);
  const clipS = new Float64Array(n);
  const clipE = new Float64Array(n);
  const onPathTree = new Uint8Array(n);
  clipS[root] = t.start[root];
  clipE[root] = end(root);
  onPathTree[root] = 1;
  const stack = [root];
  while (stack.length > 0) {
    const p = stack.pop();
    for (let k = kids.first[p]; k < kids.first[p + 1]; k++) {
      const c = kids.list[k];
      if (asyncChild(c)) continue;
      const cs = Math.max(t.start[c], clipS[p]);
      const ce = Math.min(end(c), clipE[p]);
      if (cs > ce) continue;
      clipS[c] = cs;
      clipE[c] = ce;
      onPathTree[c] = 1;
      stack.push(c);
    }
  }
  const byPick = sortedIndices(n, (a, b) => {
    if (clipE[a] !== clipE[b]) return clipE[a] - clipE[b];
    if (clipS[a] !== clipS[b]) return clipS[a] - clipS[b];
    const ia = spanIdOf(a);
    const ib = spanIdOf(b);
    return ia < ib ? -1 : ia > ib ? 1 : a - b;
  });
  const cands = childLists(
    Int32Array.from(parent, (p, i) => (onPathTree[i] && i !== root ? p : -1)),
    byPick,
  );
  const critical = new Float64Array(n);
  const next = new Int32Array(n); // per span: the candidate to look at next (from the right)
  for (let i = 0; i < n; i++) next[i] = cands.first[i + 1] - 1;
  let cursor = clipE[root];
  const walk = [root];
  while (walk.length > 0) {
    const s = walk[walk.length - 1];
    while (next[s] >= cands.first[s] && clipE[cands.list[next[s]]] > cursor) next[s]--;
    if (next[s] >= cands.first[s]) {
      const c = cands.list[next[s]--];
      if (cursor > clipE[c]) critical[s] += cursor - clipE[c];
      cursor = clipE[c];
      walk.push(c);
    } else {
      if (cursor > clipS[s]) critical[s] += cursor - clipS[s];
      cursor = clipS[s];
      walk.pop();
    }
  }

  // Per service, the slowest spans, and the critical rows in waterfall (pre-)order.
  const services = new Map();
  let onPath = 0;
  for (let i = 0; i < n; i++) {
    const name = t.services[t.service[i]];
    let g = services.get(name);
    if (g === undefined) services.set(name, (g = { count: 0, selfUs: 0, criticalUs: 0 }));
    g.count++;
    g.selfUs += self[i];
    g.criticalUs += critical[i];
    if (critical[i] > 0) onPath++;
  }
  const bySelf = sortedIndices(n, (a, b) => self[b] - self[a] || t.start[a] - t.start[b] || a - b);
  const preorderCritical = [];
  const dfs = [];
  for (let i = n - 1; i >= 0; i--) if (parent[byStart[i]] < 0) dfs.push(byStart[i]);
  while (dfs.length > 0 && preorderCritical.length < criticalRows) {
    const s = dfs.pop();
    if (critical[s] > 0) preorderCritical.push(s);
    for (let k = kids.first[s + 1] - 1; k >= kids.first[s]; k--) dfs.push(kids.list[k]);
  }
  const top = Array.from(bySelf.subarray(0, slowest));
  return {
    spans: n,
    rootId: spanIdOf(root),
    selfUs: self,
    criticalUs: critical,
    criticalSpanCount: onPath,
    criticalTotalUs: critical.reduce((a, b) => a + b, 0),
    rootDurationUs: t.dur[root],
    services,
    slowest: top.map((i) => ({ spanId: spanIdOf(i), selfUs: self[i], startUs: t.start[i] })),
    firstCriticalRows: ids(preorderCritical),
  };
}
