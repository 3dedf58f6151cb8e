// Jaeger query API v1 JSON for a generateMillionTrace() trace, streamed to disk in ~1 MB
// chunks (a 1M-span file is over 512 MB: far past what one string should hold), written to a
// temporary name and renamed when complete, so a cut-short run never leaves a truncated file.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { KIND_NAMES, spanIdOf } from './million-trace.mjs';

const tag = (key, type, value) =>
  `{"key":${JSON.stringify(key)},"type":"${type}","value":${typeof value === 'string' ? JSON.stringify(value) : String(value)}}`;

/** A small deterministic number per (span, salt), for tag values that need not be random. */
const num = (i, salt) => (Math.imul(i + 1, 0x27d4eb2d) ^ Math.imul(salt, 0x165667b1)) >>> 0;

const COMPONENT = {
  mysql: 'mysql',
  postgres: 'pgx',
  redis: 'go-redis',
  kafka: 'sarama',
  elasticsearch: 'olivere',
  s3: 'aws-sdk',
};
const TABLES = ['orders', 'order_items', 'customers', 'inventory_levels', 'shipments', 'payments', 'price_rules'];

function tagsOf(t, i) {
  const svc = t.services[t.service[i]];
  const op = t.ops[t.op[i]];
  const out = [];
  if (t.kind[i] === 1) out.push(tag('otel.scope.name', 'string', `io.pathlight.bench.${svc}`));
  if (t.kind[i] !== 0) out.push(tag('span.kind', 'string', KIND_NAMES[t.kind[i]]));
  out.push(tag('component', 'string', COMPONENT[svc] ?? (op.name.startsWith('HTTP') ? 'net/http' : 'grpc')));
  if (op.name.startsWith('HTTP')) {
    const [, verb, path] = op.name.split(' ');
    out.push(tag('http.method', 'string', verb));
    out.push(tag('http.url', 'string', `http://${svc}.svc:8080${path}?request_id=${num(i, 1)}`));
    out.push(tag('http.status_code', 'int64', t.error[i] ? 503 : 200));
  } else if (svc === 'redis') {
    out.push(tag('db.system', 'string', 'redis'));
    out.push(tag('db.statement', 'string', `${op.name} stock:${num(i, 3) % 100000}:level`));
    out.push(tag('cache.hit', 'bool', num(i, 4) % 5 !== 0));
  } else if (svc === 'mysql' || svc === 'postgres' || svc === 'elasticsearch' || svc === 's3') {
    const table = TABLES[num(i, 5) % TABLES.length];
    out.push(tag('db.system', 'string', svc));
    out.push(
      tag(
        'db.statement',
        'string',
        `SELECT id, status, amount_cents, updated_at FROM ${table} WHERE tenant_id = ? AND id IN (?, ?) LIMIT 50`,
      ),
    );
    out.push(tag('db.rows_affected', 'int64', num(i, 6) % 50));
    out.push(tag('peer.service', 'string', svc));
  } else if (svc === 'kafka') {
    out.push(tag('messaging.system', 'string', 'kafka'));
    out.push(tag('messaging.destination', 'string', op.name.split(' ')[0]));
    out.push(tag('messaging.kafka.partition', 'int64', num(i, 7) % 12));
  } else {
    out.push(tag('rpc.method', 'string', op.name));
    out.push(tag('load.factor', 'float64', (num(i, 8) % 1000) / 997));
    out.push(tag('tenant.id', 'string', `tenant-${num(i, 9) % 300}`));
  }
  if (t.error[i]) {
    out.push(tag('error', 'bool', true));
    out.push(tag('otel.status_code', 'string', 'ERROR'));
    out.push(tag('otel.status_description', 'string', `upstream ${svc} failed: deadline exceeded`));
  }
  return out.join(',');
}

function logsOf(t, i, absStart) {
  const n = t.logs[i];
  if (n === 0) return '[]';
  const out = [];
  for (let k = 0; k < n; k++) {
    const at = absStart + Math.floor((t.dur[i] * (k + 1)) / (n + 1));
    const fields = t.error[i]
      ? [
          tag('event', 'string', 'error'),
          tag('error.object', 'string', 'context deadline exceeded'),
          tag('level', 'string', 'error'),
        ]
      : [
          tag('event', 'string', k === 0 ? 'cache miss' : 'retry'),
          tag('attempt', 'int64', k + 1),
          tag('message', 'string', `retrying after ${k * 25 + 10}ms backoff`),
        ];
    out.push(`{"timestamp":${at},"fields":[${fields.join(',')}]}`);
  }
  return `[${out.join(',')}]`;
}

function spanJson(t, i, traceId) {
  const abs = t.startUnixUs + t.start[i];
  const p = t.parent[i];
  const refs =
    p < 0
      ? '[]'
      : `[{"refType":"${t.follows[i] ? 'FOLLOWS_FROM' : 'CHILD_OF'}","traceID":"${traceId}","spanID":"${spanIdOf(p)}"}]`;
  return (
    `{"traceID":"${traceId}","spanID":"${spanIdOf(i)}","flags":1,"operationName":${JSON.stringify(t.ops[t.op[i]].name)},` +
    `"references":${refs},"startTime":${abs},"duration":${t.dur[i]},"tags":[${tagsOf(t, i)}],` +
    `"logs":${logsOf(t, i, abs)},"processID":"p${t.process[i] + 1}","warnings":null}`
  );
}

function processesJson(t) {
  const parts = t.processes.map((p, k) => {
    const tags = [
      tag('hostname', 'string', p.host),
      tag('ip', 'string', `10.${16 + (k % 8)}.${(k * 37) % 256}.${(k * 91) % 256}`),
      tag('jaeger.version', 'string', 'Go-2.30.0'),
      tag('client-uuid', 'string', `${spanIdOf(1_000_000_000 + k)}`),
    ];
    return `"p${k + 1}":{"serviceName":${JSON.stringify(t.services[p.service])},"tags":[${tags.join(',')}]}`;
  });
  return `{${parts.join(',')}}`;
}

/** Writes the trace as `{"data":[trace],…}` to `path`; resolves to the number of bytes written. */
export async function writeJaegerJson(t, path) {
  const tmp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  let bytes = 0;
  let buf = '';
  const flush = async () => {
    bytes += Buffer.byteLength(buf);
    if (!out.write(buf)) await once(out, 'drain');
    buf = '';
  };
  try {
    buf = `{"data":[{"traceID":"${t.traceId}","spans":[`;
    for (let i = 0; i < t.n; i++) {
      buf += (i === 0 ? '' : ',') + spanJson(t, i, t.traceId);
      if (buf.length > 1 << 20) await flush();
    }
    buf += `],"processes":${processesJson(t)},"warnings":null}],"total":0,"limit":0,"offset":0,"errors":null}\n`;
    await flush();
    out.end();
    await once(out, 'finish');
    await rename(tmp, path);
    return bytes;
  } catch (e) {
    out.destroy();
    await rm(tmp, { force: true });
    throw e;
  }
}
