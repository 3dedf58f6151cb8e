/**
 * A big synthetic trace of exactly N spans: an export job at the api-gateway processes
 * batches of pages in parallel; each page is a request tree through ~30 services (client
 * and server span per hop, database calls, internal work), with occasional fan-outs
 * (batch gets run through a bounded worker pool) and recursion chains hundreds deep.
 *
 * Built in three iterative passes over flat typed arrays (no recursion, so depth is not
 * limited by the call stack): (1) shape: parent, service and role per span, grown from a
 * frontier picked at random; (2) durations bottom-up in reverse creation order (every
 * child is created after its parent) and start offsets top-down; (3) emission of OTLP
 * spans. Times are nanoseconds relative to the trace start, as doubles.
 */
import { MS, OtlpTraceBuilder, int, str, type SpanRef } from './otlp-builder';
import { BIG_SERVICES, CHAIN_OPS, ERROR_MESSAGES, INTERNAL_OPS, operationsOf, type BigService } from './big-services';
import { SPAN_KIND, STATUS_CODE, type OtlpKeyValue, type OtlpSpanKind } from './otlp-wire';
import type { EventSpec } from './otlp-builder';
import { Rng } from './prng';

// span roles
const ROOT = 0;
const RUN = 1;
const BATCH = 2;
const PAGE = 3;
const SERVER = 4;
const CLIENT = 5;
const DB = 6;
const INTERNAL = 7;
const CHAIN = 8;
const FANOUT = 9;

const PAGES_PER_BATCH = 25;

interface Shape {
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

function buildShape(n: number, rng: Rng): Shape {
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
function layoutTimes(shape: Shape, rng: Rng): { startNs: Float64Array; durNs: Float64Array } {
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
      else if (r === CLIENT) d = logUniformNs(rng, 2, 30); // callee not instrumented, or cut off
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
    startNs[i] = (p >= 0 ? startNs[p] ?? 0 : 0) + (offNs[i] ?? 0);
  }
  return { startNs, durNs };
}

// ---- attributes ----------------------------------------------------------------------

interface DbStatement {
  readonly name: string;
  readonly attrs: readonly OtlpKeyValue[];
}

function dbStatements(s: BigService): readonly DbStatement[] {
  const system = s.db ?? 'postgresql';
  const table = `${s.entity}s`.replace(/ss$/, 's');
  const base = [str('db.system', system), str('net.peer.name', `${s.name}-${system}.prod.svc`)];
  const mk = (operation: string, statement: string, name = `${operation} ${table}`): DbStatement => ({
    name,
    attrs: [...base, str('db.operation', operation), str('db.statement', statement), str('db.name', s.name.replace(/-/g, '_'))],
  });
  switch (system) {
    case 'redis':
      return [
        mk('GET', `GET ${s.entity}:?`, 'GET'),
        mk('MGET', `MGET ${s.entity}:? ${s.entity}:? ${s.entity}:?`, 'MGET'),
        mk('HGETALL', `HGETALL ${s.entity}:?:fields`, 'HGETALL'),
        mk('SET', `SET ${s.entity}:? ? EX 300`, 'SET'),
      ];
    case 'mongodb':
      return [
        mk('find', `{"find":"${table}","filter":{"_id":"?"}}`),
        mk('find', `{"find":"${table}","filter":{"owner":"?"},"limit":50}`),
        mk('aggregate', `{"aggregate":"${table}","pipeline":[{"$match":{"owner":"?"}},{"$group":{"_id":"$kind","n":{"$sum":1}}}]}`),
        mk('update', `{"update":"${table}","updates":[{"q":{"_id":"?"},"u":{"$set":{"seen":true}}}]}`),
      ];
    case 'cassandra':
      return [
        mk('SELECT', `SELECT * FROM ${table} WHERE id = ?`),
        mk('SELECT', `SELECT * FROM ${table} WHERE owner_id = ? AND day = ? LIMIT 100`),
        mk('INSERT', `INSERT INTO ${table} (id, owner_id, day, payload) VALUES (?, ?, ?, ?) USING TTL 604800`),
        mk('UPDATE', `UPDATE ${table} SET hits = hits + 1 WHERE id = ?`),
      ];
    default: {
      const p = system === 'mysql' ? '?' : '$1';
      const p2 = system === 'mysql' ? '?' : '$2';
      return [
        mk('SELECT', `SELECT id, owner_id, status, updated_at FROM ${table} WHERE id = ${p}`),
        mk('SELECT', `SELECT t.id, t.status, o.name FROM ${table} t JOIN owners o ON o.id = t.owner_id WHERE t.owner_id = ${p} ORDER BY t.updated_at DESC LIMIT 50`),
        mk('INSERT', `INSERT INTO ${table} (id, owner_id, status, payload) VALUES (${p}, ${p2}, 'new', ${system === 'mysql' ? '?' : '$3'})`),
        mk('UPDATE', `UPDATE ${table} SET status = ${p2}, updated_at = now() WHERE id = ${p}`),
      ];
    }
  }
}

interface ServiceTables {
  readonly svc: BigService;
  readonly rpcService: string;
  readonly ops: ReturnType<typeof operationsOf>;
  readonly serverNames: readonly string[];
  readonly routeAttrs: readonly OtlpKeyValue[];
  readonly db: readonly DbStatement[];
  readonly host: OtlpKeyValue;
  readonly peerService: OtlpKeyValue;
  readonly codeNamespace: OtlpKeyValue;
}

function serviceTables(): ServiceTables[] {
  return BIG_SERVICES.map((svc) => {
    const ops = operationsOf(svc);
    const pascal = svc.name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    const rpcService = `${svc.name.replace(/-/g, '')}.v1.${pascal}Service`;
    return {
      svc,
      rpcService,
      ops,
      serverNames: ops.map((o) => (svc.protocol === 'http' ? `${o.method} ${o.path}` : `${rpcService}/${o.rpc}`)),
      routeAttrs: ops.map((o) => (svc.protocol === 'http' ? str('http.route', o.path) : str('rpc.method', o.rpc))),
      db: dbStatements(svc),
      host: str(svc.protocol === 'http' ? 'net.host.name' : 'net.sock.host.addr', `${svc.name}.prod.svc`),
      peerService: str('peer.service', svc.name),
      codeNamespace: str('code.namespace', `${svc.name.replace(/-/g, '.')}.${svc.lang === 'java' ? 'service' : 'internal'}`),
    };
  });
}

const SCOPES: Record<BigService['lang'], string> = {
  go: 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp',
  java: 'io.opentelemetry.spring-webmvc-6.0',
  nodejs: '@opentelemetry/instrumentation-http',
  python: 'opentelemetry.instrumentation.flask',
  dotnet: 'OpenTelemetry.Instrumentation.AspNetCore',
  rust: 'tracing-opentelemetry',
};

export function buildBig(b: OtlpTraceBuilder, rng: Rng, spans: number): void {
  const n = Math.max(1, Math.floor(spans));
  const shape = buildShape(n, rng);
  const { startNs, durNs } = layoutTimes(shape, rng);
  const tables = serviceTables();
  for (const t of tables) {
    b.service({
      name: t.svc.name,
      scope: SCOPES[t.svc.lang],
      attributes: [
        str('service.version', `${1 + (t.svc.entity.length % 4)}.${t.svc.name.length % 10}.${t.svc.tier}`),
        str('telemetry.sdk.language', t.svc.lang),
        str('telemetry.sdk.name', 'opentelemetry'),
        str('deployment.environment', 'production'),
        str('k8s.namespace.name', 'shop'),
        str('k8s.pod.name', `${t.svc.name}-${(rng.u32() % 0xfffff).toString(36)}`),
      ],
    });
  }
  const GET = str('http.method', 'GET');
  const methodAttr = new Map<string, OtlpKeyValue>([['GET', GET]]);
  const method = (m: string): OtlpKeyValue => {
    let a = methodAttr.get(m);
    if (a === undefined) methodAttr.set(m, (a = str('http.method', m)));
    return a;
  };
  const OK_HTTP = int('http.status_code', 200);
  const OK_GRPC = int('rpc.grpc.status_code', 0);
  const GRPC = str('rpc.system', 'grpc');

  const refs: SpanRef[] = new Array<SpanRef>(shape.n);
  for (let i = 0; i < shape.n; i++) {
    const s = shape.svc[i] ?? 0;
    const t = tables[s];
    if (t === undefined) continue;
    const role = shape.role[i] ?? INTERNAL;
    const o = shape.op[i] ?? 0;
    const failed = (shape.err[i] ?? 0) === 1;
    const p = shape.parent[i] ?? -1;
    const parentRef = p >= 0 ? refs[p] : undefined;
    const start = startNs[i] ?? 0;
    const dur = durNs[i] ?? 0;
    let name: string;
    let kind: OtlpSpanKind = SPAN_KIND.internal;
    let attributes: OtlpKeyValue[];
    let message: string | undefined;
    let scope: string | undefined;
    const id = rng.int(1, 99999);
    switch (role) {
      case ROOT:
        name = 'POST /api/v1/exports';
        kind = SPAN_KIND.server;
        attributes = [method('POST'), str('http.route', '/api/v1/exports'), str('http.target', '/api/v1/exports?format=parquet'), OK_HTTP, t.host, str('user_agent.original', 'export-cli/2.3.1')];
        break;
      case RUN:
        name = 'export.run';
        attributes = [str('code.function', 'run'), t.codeNamespace, int('export.pages', Math.ceil(shape.n / 100)), str('export.format', 'parquet')];
        scope = 'api-gateway.exporter';
        break;
      case BATCH:
        name = 'export.batch';
        attributes = [str('code.function', 'processBatch'), t.codeNamespace, int('batch.index', o), int('batch.size', PAGES_PER_BATCH)];
        scope = 'api-gateway.exporter';
        break;
      case PAGE:
        name = 'export.page';
        attributes = [str('code.function', 'processPage'), t.codeNamespace, int('page.index', o), int('page.size', 100), int('thread.id', 20 + (i % 8))];
        scope = 'api-gateway.exporter';
        break;
      case SERVER: {
        kind = SPAN_KIND.server;
        const op = t.ops[o % t.ops.length];
        name = t.serverNames[o % t.serverNames.length] ?? 'request';
        const route = t.routeAttrs[o % t.routeAttrs.length] ?? GET;
        if (t.svc.protocol === 'http') {
          const path = op?.path.replace('{id}', String(id)) ?? '/';
          message = failed ? rng.pick(ERROR_MESSAGES.http) : undefined;
          attributes = [method(op?.method ?? 'GET'), route, str('http.target', path), failed ? int('http.status_code', 503) : OK_HTTP, t.host];
        } else {
          message = failed ? rng.pick(ERROR_MESSAGES.grpc) : undefined;
          attributes = [GRPC, str('rpc.service', t.rpcService), route, failed ? int('rpc.grpc.status_code', 4) : OK_GRPC, t.host];
        }
        break;
      }
      case CLIENT: {
        kind = SPAN_KIND.client;
        const target = tables[shape.peer[i] ?? 0] ?? t;
        const op = target.ops[o % target.ops.length];
        if (target.svc.protocol === 'http') {
          const m = op?.method ?? 'GET';
          name = m;
          message = failed ? rng.pick(ERROR_MESSAGES.http) : undefined;
          attributes = [method(m), str('http.url', `http://${target.svc.name}.prod.svc:8080${op?.path.replace('{id}', String(id)) ?? '/'}`), failed ? int('http.status_code', 503) : OK_HTTP, str('net.peer.name', `${target.svc.name}.prod.svc`), target.peerService];
        } else {
          name = target.serverNames[o % target.serverNames.length] ?? 'call';
          message = failed ? rng.pick(ERROR_MESSAGES.grpc) : undefined;
          attributes = [GRPC, str('rpc.service', target.rpcService), target.routeAttrs[o % target.routeAttrs.length] ?? GRPC, failed ? int('rpc.grpc.status_code', 4) : OK_GRPC, str('net.peer.name', `${target.svc.name}.prod.svc`), target.peerService];
        }
        break;
      }
      case DB: {
        kind = SPAN_KIND.client;
        const st = t.db[o % t.db.length];
        name = st?.name ?? 'query';
        attributes = st ? [...st.attrs] : [];
        message = failed ? rng.pick(ERROR_MESSAGES.db) : undefined;
        scope = `${t.svc.lang}.${t.svc.db ?? 'db'}.client`;
        break;
      }
      case CHAIN:
        name = CHAIN_OPS[o % CHAIN_OPS.length] ?? 'resolve';
        attributes = [str('code.function', name), t.codeNamespace, int('recursion.depth', shape.peer[i] ?? 0), str('node.id', `n-${id}`)];
        scope = `${t.svc.name}.resolver`;
        break;
      case FANOUT:
        name = `batchGet ${tables[shape.peer[i] ?? 0]?.svc.entity ?? 'items'}s`;
        attributes = [str('code.function', 'batchGet'), t.codeNamespace, int('batch.workers', shape.pool[i] ?? 0), int('thread.id', 40 + (i % 16))];
        scope = t.svc.name;
        break;
      default:
        name = INTERNAL_OPS[o % INTERNAL_OPS.length] ?? 'work';
        attributes = [str('code.function', name), t.codeNamespace, int('thread.id', 10 + (i % 32)), int('app.items', id % 200)];
        scope = t.svc.name;
    }
    let events: EventSpec[] | undefined;
    if (message !== undefined) {
      events = [{ atNs: start + dur * 0.9, name: 'exception', attributes: [str('exception.type', role === DB ? 'DatabaseError' : 'RpcError'), str('exception.message', message)] }];
    } else if (rng.chance(0.03)) {
      events = [
        rng.chance(0.5)
          ? { atNs: start + dur * 0.1, name: 'cache miss', attributes: [str('cache.key', `${t.svc.entity}:${id}`), str('level', 'debug')] }
          : { atNs: start + dur * 0.5, name: 'log', attributes: [str('message', `processed ${id % 200} ${t.svc.entity} records`), str('level', 'info')] },
      ];
    }
    refs[i] = b.add({
      service: t.svc.name,
      name,
      kind,
      parent: parentRef,
      startNs: start,
      durationNs: dur,
      attributes,
      events,
      status: message !== undefined ? { code: STATUS_CODE.error, message } : undefined,
      scope,
    });
  }
}

