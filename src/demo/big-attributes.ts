/**
 * The big demo trace's per-service tables: span names, route and host attributes, database
 * statements and instrumentation scopes, built once per trace (big.ts emits the spans).
 */
import { str } from './otlp-builder';
import { BIG_SERVICES, operationsOf, type BigService } from './big-services';
import type { OtlpKeyValue } from './otlp-wire';

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
    attrs: [
      ...base,
      str('db.operation', operation),
      str('db.statement', statement),
      str('db.name', s.name.replace(/-/g, '_')),
    ],
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
        mk(
          'aggregate',
          `{"aggregate":"${table}","pipeline":[{"$match":{"owner":"?"}},{"$group":{"_id":"$kind","n":{"$sum":1}}}]}`,
        ),
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
        mk(
          'SELECT',
          `SELECT t.id, t.status, o.name FROM ${table} t JOIN owners o ON o.id = t.owner_id WHERE t.owner_id = ${p} ORDER BY t.updated_at DESC LIMIT 50`,
        ),
        mk(
          'INSERT',
          `INSERT INTO ${table} (id, owner_id, status, payload) VALUES (${p}, ${p2}, 'new', ${system === 'mysql' ? '?' : '$3'})`,
        ),
        mk('UPDATE', `UPDATE ${table} SET status = ${p2}, updated_at = now() WHERE id = ${p}`),
      ];
    }
  }
}

export interface ServiceTables {
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

export function serviceTables(): ServiceTables[] {
  return BIG_SERVICES.map((svc) => {
    const ops = operationsOf(svc);
    const pascal = svc.name
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('');
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
      codeNamespace: str(
        'code.namespace',
        `${svc.name.replace(/-/g, '.')}.${svc.lang === 'java' ? 'service' : 'internal'}`,
      ),
    };
  });
}

export const SCOPES: Record<BigService['lang'], string> = {
  go: 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp',
  java: 'io.opentelemetry.spring-webmvc-6.0',
  nodejs: '@opentelemetry/instrumentation-http',
  python: 'opentelemetry.instrumentation.flask',
  dotnet: 'OpenTelemetry.Instrumentation.AspNetCore',
  rust: 'tracing-opentelemetry',
};
