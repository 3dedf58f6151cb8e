/**
 * The shape and timing of the big synthetic trace (see big.ts), in flat typed arrays and
 * without recursion, so depth is not limited by the call stack: (1) parent, service and role
 * per span, grown from a frontier picked at random; (2) durations bottom-up in reverse
 * creation order (every child is created after its parent) and start offsets top-down.
 * Times are nanoseconds relative to the trace start, as doubles.
 */
import { MS } from './otlp-builder';
import { BIG_SERVICES, CHAIN_OPS, INTERNAL_OPS, type BigService } from './big-services';
import { Rng } from './prng';

// span roles
export const ROOT = 0;
export const RUN = 1;
export const BATCH = 2;
export const PAGE = 3;
export const SERVER = 4;
export const CLIENT = 5;
export const DB = 6;
export const INTERNAL = 7;
export const CHAIN = 8;
export const FANOUT = 9;

export const PAGES_PER_BATCH = 25;

export interface Shape {
  readonly n: number;
  readonly parent: Int32Array;
  readonly svc: Uint8Array;
  readonly role: Uint8Array;
  /** operation index (route/method for SERVER/CLIENT, statement for DB, name for INTERNAL/CHAIN) */
  readonly op: Uint16Array;
  /** CLIENT: the called service; CHAIN: recursion depth (mod 2^16) */
  readonly peer: Uint16Array;
  readonly err: Uint8Array;
  /** children run through a pool of this many workers; 0 = one after another */
  readonly pool: Uint8Array;
}

export function buildShape(n: number, rng: Rng): Shape {
  const parent = new Int32Array(n).fill(-1);
  const svc = new Uint8Array(n);
  const role = new Uint8Array(n);
  const op = new Uint16Array(n);
  const peer = new Uint16Array(n);
  const err = new Uint8Array(n);
  const pool = new Uint8Array(n);
  let count = 0;
  const add = (p: number, s: number, r: number, o = 0): number => {
    if (count >= n) return -1;
    const i = count++;
    parent[i] = p;
    svc[i] = s;
    role[i] = r;
    op[i] = o;
    return i;
  };
  const services = BIG_SERVICES;
  const deeper = services.map((s) => indicesWhere((t) => t.tier > s.tier));
  const sameTier = services.map((s, i) => indicesWhere((t, j) => t.tier === s.tier && j !== i && t.tier > 0));
  const tier1 = indicesWhere((t) => t.tier === 1);
  const frontier: number[] = [];

  const call = (from: number, s: number, target: number, o: number, fail: boolean): void => {
    const c = add(from, s, CLIENT, o);
    if (c < 0) return;
    peer[c] = target;
    const srv = add(c, target, SERVER, o);
    if (fail) {
      err[c] = 1;
      if (srv >= 0) err[srv] = 1;
    }
    if (srv >= 0) frontier.push(srv);
  };
  const callee = (s: number): number => {
    const d = deeper[s] ?? [];
    const same = sameTier[s] ?? [];
    if (d.length > 0 && (same.length === 0 || rng.chance(0.8))) return rng.pick(d);
    return same.length > 0 ? rng.pick(same) : -1;
  };
  const db = (p: number, s: number): void => {
    const d = add(p, s, DB, rng.int(0, 3));
    if (d >= 0 && rng.chance(0.002)) err[d] = 1;
  };
  const chain = (p: number, s: number, length: number): void => {
    const name = rng.int(0, CHAIN_OPS.length - 1);
    let at = p;
    for (let depth = 0; depth < length; depth++) {
      const c = add(at, s, CHAIN, name);
      if (c < 0) return;
      peer[c] = depth & 0xffff;
      at = c;
    }
    if (services[s]?.db !== undefined) db(at, s);
  };

  const root = add(-1, 0, ROOT);
  const auth = services.findIndex((s) => s.name === 'auth');
  call(root, 0, auth, 0, false);
  const run = add(root, 0, RUN);
  pool[run] = 3;
  let batch = -1;
  let pagesInBatch = PAGES_PER_BATCH;
  let pageNo = 0;
  let chained = n < 2000; // big traces get one guaranteed deep chain early on

  while (count < n) {
    if (frontier.length === 0) {
      // every request tree is finished: the export job starts another page
      if (pagesInBatch >= PAGES_PER_BATCH) {
        batch = add(run, 0, BATCH, Math.floor(pageNo / PAGES_PER_BATCH));
        if (batch < 0) break;
        pool[batch] = 8;
        pagesInBatch = 0;
      }
      const page = add(batch, 0, PAGE, pageNo++ & 0xffff);
      pagesInBatch++;
      if (page < 0) break;
      const calls = rng.int(1, 2);
      for (let k = 0; k < calls; k++) call(page, 0, rng.pick(tier1), rng.int(0, 4), rng.chance(0.003));
      continue;
    }
    const pick = rng.int(0, frontier.length - 1);
    const node = frontier[pick] ?? 0;
    frontier[pick] = frontier[frontier.length - 1] ?? node;
    frontier.pop();
    const s = svc[node] ?? 0;
    const service = services[s];
    if (service === undefined) continue;

    if (role[node] === INTERNAL) {
      // an expandable internal step: a couple of db calls or downstream calls
      const k = rng.int(1, 3);
      for (let j = 0; j < k; j++) {
        const target = callee(s);
        if (service.db !== undefined && (target < 0 || rng.chance(0.6))) db(node, s);
        else if (target >= 0) call(node, s, target, rng.int(0, 4), rng.chance(0.004));
      }
      continue;
    }
    // a SERVER span: handle the request
    if (rng.chance(0.4)) add(node, s, INTERNAL, rng.int(0, INTERNAL_OPS.length - 1));
    if (!chained && count > n / 20) {
      chained = true;
      chain(node, s, Math.min(rng.int(150, 400), Math.floor(n / 20)));
    } else if (rng.chance(0.002)) {
      chain(node, s, rng.int(10, 250));
    }
    const callsByTier = [0, rng.int(2, 5), rng.int(0, 3), rng.chance(0.3) ? 1 : 0];
    const calls = callsByTier[service.tier] ?? 0;
    const dbs = service.db !== undefined ? rng.int(0, 3) : 0;
    let remainingCalls = calls;
    let remainingDbs = dbs;
    while (remainingCalls + remainingDbs > 0) {
      if (rng.int(1, remainingCalls + remainingDbs) <= remainingDbs) {
        db(node, s);
        remainingDbs--;
      } else {
        const target = callee(s);
        if (target >= 0) call(node, s, target, rng.int(0, 4), rng.chance(0.004));
        remainingCalls--;
      }
    }
    if (service.tier <= 2 && rng.chance(0.04)) {
      // fan-out: a batch get through a bounded pool of workers
      const target = callee(s);
      const f = add(node, s, FANOUT, rng.int(0, INTERNAL_OPS.length - 1));
      if (f >= 0 && target >= 0) {
        pool[f] = rng.pick([4, 8, 16, 32]);
        peer[f] = target;
        const m = rng.int(10, 80);
        for (let j = 0; j < m; j++) call(f, s, target, 0, rng.chance(0.004));
      }
    }
    if (rng.chance(0.15)) {
      const i = add(node, s, INTERNAL, rng.int(0, INTERNAL_OPS.length - 1));
      if (i >= 0) frontier.push(i);
    }
  }
  return { n: count, parent, svc, role, op, peer, err, pool };
}

function indicesWhere(pred: (s: BigService, i: number) => boolean): number[] {
  const out: number[] = [];
  BIG_SERVICES.forEach((s, i) => {
    if (pred(s, i)) out.push(i);
  });
  return out;
}

/** log-uniform in [lo, hi] ms, returned in ns: latencies have long tails */
const logUniformNs = (rng: Rng, lo: number, hi: number): number => Math.exp(rng.range(Math.log(lo), Math.log(hi))) * MS;

/** Durations bottom-up, then absolute (trace-relative) starts top-down. */
export function layoutTimes(shape: Shape, rng: Rng): { startNs: Float64Array; durNs: Float64Array } {
  const { n, parent, role, pool, err } = shape;
  const childCount = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) {
    const p = parent[i] ?? -1;
    if (p >= 0) childCount[p + 1] = (childCount[p + 1] ?? 0) + 1;
  }
  for (let i = 0; i < n; i++) childCount[i + 1] = (childCount[i + 1] ?? 0) + (childCount[i] ?? 0); // → childStart
  const childStart = childCount;
  const fill = childStart.slice(0, n);
  const children = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) {
    const p = parent[i] ?? -1;
    if (p < 0) continue;
    const at = fill[p] ?? 0;
    children[at] = i;
    fill[p] = at + 1;
  }
  const durNs = new Float64Array(n);
  const offNs = new Float64Array(n); // start relative to the parent's start
  const workers = new Float64Array(256);

  for (let i = n - 1; i >= 0; i--) {
    const from = childStart[i] ?? 0;
    const to = childStart[i + 1] ?? 0;
    const r = role[i] ?? INTERNAL;
    if (from === to) {
      let d: number;
      if (r === DB) d = logUniformNs(rng, 0.3, 25);
      else if (r === SERVER) d = logUniformNs(rng, 0.8, 15);
      else if (r === CLIENT)
        d = logUniformNs(rng, 2, 30); // callee not instrumented, or cut off
      else if (r === CHAIN) d = rng.range(0.02, 0.4) * MS;
      else d = logUniformNs(rng, 0.02, 3);
      durNs[i] = (err[i] ?? 0) === 1 ? d * 3 : d;
      continue;
    }
    if (r === CLIENT || r === CHAIN) {
      // one callee / one recursion step: small overhead on both sides
      const before = r === CLIENT ? rng.range(0.15, 1.2) * MS : rng.range(0.005, 0.05) * MS;
      let end = before;
      for (let k = from; k < to; k++) {
        const c = children[k] ?? 0;
        offNs[c] = before;
        end = Math.max(end, before + (durNs[c] ?? 0));
      }
      durNs[i] = end + (r === CLIENT ? rng.range(0.1, 0.8) : rng.range(0.005, 0.05)) * MS;
      continue;
    }
    const before = rng.range(0.05, 0.6) * MS;
    const width = Math.min(pool[i] ?? 0, workers.length);
    let end = before;
    if (width > 0) {
      // a pool of `width` workers: each child starts when a worker frees up (the staircase)
      workers.fill(before, 0, width);
      for (let k = from; k < to; k++) {
        const c = children[k] ?? 0;
        let w = 0;
        for (let j = 1; j < width; j++) if ((workers[j] ?? 0) < (workers[w] ?? 0)) w = j;
        const start = (workers[w] ?? 0) + rng.range(0.01, 0.1) * MS;
        offNs[c] = start;
        workers[w] = start + (durNs[c] ?? 0);
        if ((workers[w] ?? 0) > end) end = workers[w] ?? 0;
      }
    } else {
      for (let k = from; k < to; k++) {
        const c = children[k] ?? 0;
        offNs[c] = end;
        end += (durNs[c] ?? 0) + rng.range(0.02, 0.4) * MS;
      }
    }
    durNs[i] = end + (r === SERVER ? rng.range(0.2, 3) : rng.range(0.05, 1)) * MS;
  }

  const startNs = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const p = parent[i] ?? -1;
    startNs[i] = (p >= 0 ? (startNs[p] ?? 0) : 0) + (offNs[i] ?? 0);
  }
  return { startNs, durNs };
}
