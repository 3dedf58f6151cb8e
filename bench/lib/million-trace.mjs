// A deterministic, realistic big trace for the "million" bench: the spans' structure and times
// live in typed arrays (1,000,000 spans fit in a few tens of MB in Node), and
// writeJaegerJson() streams them to disk as Jaeger query API v1 JSON without ever holding the
// whole text. Shape: one root; a deep chain (a workflow that calls itself), a wide fan-out (a
// batch of cache reads), and a bushy RPC tree over ~30 services in tiers; sequential and
// parallel children, producer → consumer and FOLLOWS_FROM hops, a little clock skew, errors,
// typed tags on every span and logs on some. Spans are listed in the order they end, as a
// collector receives them (a parent after its children, the root last), not parents first.
// The same (spans, seed) always gives the same bytes.
// Bump MILLION_TRACE_VERSION whenever the output changes: it names the cached file.

export const MILLION_TRACE_VERSION = 2;

/** xorshift32 stream in [0, 1): small, fast, deterministic. */
export function xorshift(seed) {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

// Tiers: a span's cross-service callee comes from the next tier down.
const TIERS = [
  ['edge-gateway', 'web-bff', 'mobile-bff'],
  ['checkout', 'cart', 'catalog', 'pricing', 'search', 'accounts', 'recommendations'],
  ['orders', 'payments', 'inventory', 'shipping', 'tax', 'fraud', 'loyalty', 'notifications', 'media', 'reviews'],
  ['ledger', 'warehouse', 'geo', 'currency', 'email', 'identity'],
  ['mysql', 'postgres', 'redis', 'kafka', 'elasticsearch', 's3'],
];
export const SERVICES = TIERS.flat();
const TIER_OF = new Map(TIERS.flatMap((t, i) => t.map((s) => [s, i])));
const DB = new Set(['mysql', 'postgres', 'redis', 'elasticsearch', 's3']);
const VERBS = ['get', 'list', 'create', 'update', 'validate', 'reserve', 'quote', 'sync', 'lookup', 'render'];
const NOUNS = ['order', 'item', 'user', 'price', 'stock', 'label', 'invoice', 'session', 'token', 'image'];

/** Operations per service: [name, kind] with kind 0 internal, 1 server, 2 client, 3 producer, 4 consumer. */
function operationsOf(service, rand) {
  if (service === 'kafka')
    return [
      ['orders.events publish', 3],
      ['orders.events process', 4],
      ['audit.log publish', 3],
    ];
  if (service === 'redis') return ['GET', 'SET', 'MGET', 'EXPIRE'].map((c) => [c, 2]);
  if (DB.has(service))
    return ['SELECT', 'INSERT', 'UPDATE', 'query'].map((v) => [`${v} ${NOUNS[Math.floor(rand() * NOUNS.length)]}s`, 2]);
  const ops = [];
  const n = 4 + Math.floor(rand() * 8);
  for (let k = 0; k < n; k++) {
    const verb = VERBS[Math.floor(rand() * VERBS.length)];
    const noun = NOUNS[Math.floor(rand() * NOUNS.length)];
    ops.push(k % 3 === 0 ? [`HTTP POST /v1/${noun}s/${verb}`, 1] : [`${service}.${verb}_${noun}`, k % 3 === 1 ? 1 : 0]);
  }
  return ops;
}

export const KIND_NAMES = ['internal', 'server', 'client', 'producer', 'consumer'];

/**
 * The trace's spans: parent (-1 for the root), start and duration (integer µs from the trace
 * start), service, operation, kind, follows (1: FOLLOWS_FROM reference to the parent), error,
 * logs (number of log records), process (index into `processes`). Spans are numbered in the
 * order they are written: by end time (ties: the order they were made).
 */
export function generateMillionTrace({ spans: n = 1_000_000, seed = 16 } = {}) {
  const rand = xorshift(seed * 2654435761);
  const ops = []; // { service, name, kind }
  const opsOf = SERVICES.map((service, s) => {
    const list = [];
    for (const [name, kind] of operationsOf(service, rand)) {
      list.push(ops.length);
      ops.push({ service: s, name, kind });
    }
    return list;
  });
  const processes = SERVICES.flatMap((service, s) =>
    [0, 1].map((h) => ({ service: s, host: `${service}-${(seed * 7 + s * 13 + h) % 97}-${h ? 'b' : 'a'}` })),
  );

  const parent = new Int32Array(n).fill(-1);
  const start = new Float64Array(n);
  const dur = new Float64Array(n);
  const service = new Uint8Array(n);
  const op = new Uint16Array(n);
  const kind = new Uint8Array(n);
  const follows = new Uint8Array(n);
  const error = new Uint8Array(n);
  const logs = new Uint8Array(n);
  const process = new Uint8Array(n);
  const budget = new Int32Array(n); // spans in the subtree still to place (the span included)
  let next = 0;

  const pick = (list) => list[Math.floor(rand() * list.length)];
  const add = (p, s, st, d, o) => {
    const i = next++;
    parent[i] = p;
    start[i] = Math.max(0, Math.floor(st)); // floor both: a child never ends past its parent by rounding
    dur[i] = Math.max(0, Math.floor(d));
    service[i] = s;
    op[i] = o ?? pick(opsOf[s]);
    kind[i] = ops[op[i]].kind;
    process[i] = s * 2 + (rand() < 0.5 ? 0 : 1);
    error[i] = rand() < (DB.has(SERVICES[s]) ? 0.004 : 0.002) ? 1 : 0;
    logs[i] = error[i] ? 2 : rand() < 0.05 ? 1 + Math.floor(rand() * 3) : 0;
    return i;
  };
  const calleeOf = (s, k) => {
    if (k === 4) return SERVICES.indexOf(pick(TIERS[2])); // a consumer's work happens in a domain service
    const tier = TIER_OF.get(SERVICES[s]) ?? 0;
    if (tier >= TIERS.length - 1 || rand() < 0.45) return s;
    const down = tier + 1 + (rand() < 0.25 && tier + 2 < TIERS.length ? 1 : 0);
    return SERVICES.indexOf(pick(TIERS[down]));
  };

  const root = add(-1, 0, 0, 95_000_000 + Math.floor(rand() * 10_000_000), opsOf[0][0]);
  kind[root] = 1;
  // The deep part: a chain where every span has one child a few µs inside it.
  const deep = Math.min(20_000, Math.floor(n / 50));
  let d = add(root, SERVICES.indexOf('orders'), 1_000, 4_000_000);
  for (let k = 1; k < deep && next < n; k++) {
    const p = d;
    d = add(p, service[p], start[p] + 2 + Math.floor(rand() * 5), dur[p] - 10 - Math.floor(rand() * 90));
  }
  // The wide part: one span with tens of thousands of leaf children, overlapping in small batches.
  const wide = Math.min(50_000, Math.floor(n / 20));
  const fan = add(root, SERVICES.indexOf('inventory'), 4_500_000, 30_000_000);
  const redis = SERVICES.indexOf('redis');
  for (let k = 0; k < wide - 1 && next < n; k++) {
    const st = start[fan] + 50 + (k * (dur[fan] - 2_000)) / wide + rand() * 400;
    add(fan, redis, st, 80 + rand() * 1_500);
  }
  // The bushy rest: the root's remaining budget over its other children, expanded breadth-first.
  const rest = n - next;
  const queue = [];
  if (rest > 0) {
    budget[root] = rest + 1;
    queue.push(root);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const p = queue[qi];
    const b = budget[p] - 1;
    if (b <= 0) continue;
    const k = p === root ? Math.min(b, 60) : Math.min(b, 1 + Math.floor(rand() * rand() * 14));
    const weights = new Float64Array(k);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += weights[c] = 0.2 + rand();
    const share = new Int32Array(k).fill(1);
    let left = b - k;
    for (let c = 0; c < k && left > 0; c++) {
      const x = c === k - 1 ? left : Math.min(left, Math.floor(((b - k) * weights[c]) / sum));
      share[c] += x;
      left -= x;
    }
    const ps = p === root ? start[root] + 35_000_000 : start[p];
    const pd = p === root ? dur[root] - 35_500_000 : dur[p];
    const sequential = rand() < 0.6;
    let cursor = ps + Math.min(50, pd * 0.01);
    const slot = (pd * 0.97) / k;
    const producer = kind[p] === 3;
    for (let c = 0; c < k; c++) {
      const s = producer ? SERVICES.indexOf('kafka') : calleeOf(service[p], kind[p]);
      let st;
      let du;
      if (sequential) {
        st = cursor + rand() * slot * 0.1;
        du = slot * (0.5 + rand() * 0.45);
        cursor += slot;
      } else {
        st = ps + rand() * pd * 0.4;
        du = rand() * (ps + pd - st);
      }
      let o;
      const roll = rand();
      if (producer)
        o = opsOf[s][1]; // its consumer: asynchronous by kind
      else if (roll < 0.01 && share[c] > 1) o = opsOf[SERVICES.indexOf('kafka')][rand() < 0.5 ? 0 : 2];
      const asyncHop = !producer && roll > 0.995;
      if (producer || asyncHop)
        du = (du + pd) * (0.5 + rand()); // may outlive its parent
      else if (roll > 0.993 && p !== root) du += 1 + rand() * 500; // clock skew: ends after its parent
      const i = add(p, o === undefined ? s : SERVICES.indexOf('kafka'), st, du, o);
      if (asyncHop) follows[i] = 1;
      budget[i] = share[c];
      if (share[c] > 1) queue.push(i);
    }
  }
  const byEnd = endOrder(next, start, dur);
  return {
    n: next,
    traceId: hex8(seed * 40503) + hex8(0x5eed0000 + seed) + hex8(n) + hex8(0xa11ce),
    startUnixUs: 1_764_547_200_000_000 + seed * 1_000_000,
    services: SERVICES,
    ops,
    processes,
    ...permute(byEnd, { parent, start, dur, service, op, kind, follows, error, logs, process }),
  };
}

/** Span indices 0..n-1 by end time, ties by index. */
function endOrder(n, start, dur) {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => start[a] + dur[a] - (start[b] + dur[b]) || a - b);
}

/**
 * The arrays with span order[k] moved to k (parents renumbered to match).
 * @template T
 * @param {Int32Array} order
 * @param {T} arrays
 * @returns {T}
 */
function permute(order, arrays) {
  const n = order.length;
  const newIndex = new Int32Array(n);
  for (let k = 0; k < n; k++) newIndex[order[k]] = k;
  const out = {};
  for (const [key, a] of Object.entries(arrays)) {
    const b = new a.constructor(n);
    for (let k = 0; k < n; k++) b[k] = a[order[k]];
    out[key] = b;
  }
  for (let k = 0; k < n; k++) if (out.parent[k] >= 0) out.parent[k] = newIndex[out.parent[k]];
  return out;
}

const hex8 = (x) => (x >>> 0).toString(16).padStart(8, '0');
/** 32-bit mixer (an avalanche of multiply-xorshift steps) for ids that look random. */
function mix(x) {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}
/** Span i's id: unique (the low half is a bijection of i), never all zeros. */
export const spanIdOf = (i) => hex8(mix(i + 1) | 1) + hex8(Math.imul(i + 1, 0x9e3779b1));
