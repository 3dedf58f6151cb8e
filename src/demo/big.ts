/**
 * A big synthetic trace of exactly N spans: an export job at the api-gateway processes
 * batches of pages in parallel; each page is a request tree through ~30 services (client
 * and server span per hop, database calls, internal work), with occasional fan-outs
 * (batch gets run through a bounded worker pool) and recursion chains hundreds deep.
 *
 * big-shape.ts grows the tree and times it; this file emits it as OTLP spans with the
 * attributes, events and errors each role would carry.
 */
import { OtlpTraceBuilder, int, str, type SpanRef } from './otlp-builder';
import { CHAIN_OPS, ERROR_MESSAGES, INTERNAL_OPS, namespaceOf } from './big-services';
import {
  BATCH,
  CHAIN,
  CLIENT,
  DB,
  FANOUT,
  INTERNAL,
  PAGE,
  PAGES_PER_BATCH,
  ROOT,
  RUN,
  SERVER,
  buildShape,
  layoutTimes,
} from './big-shape';
import { SPAN_KIND, STATUS_CODE, type OtlpKeyValue, type OtlpSpanKind } from './otlp-wire';
import type { EventSpec } from './otlp-builder';
import { Rng } from './prng';
import { SCOPES, serviceTables } from './big-attributes';

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
        str('k8s.namespace.name', namespaceOf(t.svc)),
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
        attributes = [
          method('POST'),
          str('http.route', '/api/v1/exports'),
          str('http.target', '/api/v1/exports?format=parquet'),
          OK_HTTP,
          t.host,
          str('user_agent.original', 'export-cli/2.3.1'),
        ];
        break;
      case RUN:
        name = 'export.run';
        attributes = [
          str('code.function', 'run'),
          t.codeNamespace,
          int('export.pages', Math.ceil(shape.n / 100)),
          str('export.format', 'parquet'),
        ];
        scope = 'api-gateway.exporter';
        break;
      case BATCH:
        name = 'export.batch';
        attributes = [
          str('code.function', 'processBatch'),
          t.codeNamespace,
          int('batch.index', o),
          int('batch.size', PAGES_PER_BATCH),
        ];
        scope = 'api-gateway.exporter';
        break;
      case PAGE:
        name = 'export.page';
        attributes = [
          str('code.function', 'processPage'),
          t.codeNamespace,
          int('page.index', o),
          int('page.size', 100),
          int('thread.id', 20 + (i % 8)),
        ];
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
          attributes = [
            method(op?.method ?? 'GET'),
            route,
            str('http.target', path),
            failed ? int('http.status_code', 503) : OK_HTTP,
            t.host,
          ];
        } else {
          message = failed ? rng.pick(ERROR_MESSAGES.grpc) : undefined;
          attributes = [
            GRPC,
            str('rpc.service', t.rpcService),
            route,
            failed ? int('rpc.grpc.status_code', 4) : OK_GRPC,
            t.host,
          ];
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
          attributes = [
            method(m),
            str('http.url', `http://${target.svc.name}.prod.svc:8080${op?.path.replace('{id}', String(id)) ?? '/'}`),
            failed ? int('http.status_code', 503) : OK_HTTP,
            str('net.peer.name', `${target.svc.name}.prod.svc`),
            target.peerService,
          ];
        } else {
          name = target.serverNames[o % target.serverNames.length] ?? 'call';
          message = failed ? rng.pick(ERROR_MESSAGES.grpc) : undefined;
          attributes = [
            GRPC,
            str('rpc.service', target.rpcService),
            target.routeAttrs[o % target.routeAttrs.length] ?? GRPC,
            failed ? int('rpc.grpc.status_code', 4) : OK_GRPC,
            str('net.peer.name', `${target.svc.name}.prod.svc`),
            target.peerService,
          ];
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
        attributes = [
          str('code.function', name),
          t.codeNamespace,
          int('recursion.depth', shape.peer[i] ?? 0),
          str('node.id', `n-${id}`),
        ];
        scope = `${t.svc.name}.resolver`;
        break;
      case FANOUT:
        name = `batchGet ${tables[shape.peer[i] ?? 0]?.svc.entity ?? 'items'}s`;
        attributes = [
          str('code.function', 'batchGet'),
          t.codeNamespace,
          int('batch.workers', shape.pool[i] ?? 0),
          int('thread.id', 40 + (i % 16)),
        ];
        scope = t.svc.name;
        break;
      default:
        name = INTERNAL_OPS[o % INTERNAL_OPS.length] ?? 'work';
        attributes = [
          str('code.function', name),
          t.codeNamespace,
          int('thread.id', 10 + (i % 32)),
          int('app.items', id % 200),
        ];
        scope = t.svc.name;
    }
    let events: EventSpec[] | undefined;
    if (message !== undefined) {
      events = [
        {
          atNs: start + dur * 0.9,
          name: 'exception',
          attributes: [
            str('exception.type', role === DB ? 'DatabaseError' : 'RpcError'),
            str('exception.message', message),
          ],
        },
      ];
    } else if (rng.chance(0.03)) {
      events = [
        rng.chance(0.5)
          ? {
              atNs: start + dur * 0.1,
              name: 'cache miss',
              attributes: [str('cache.key', `${t.svc.entity}:${id}`), str('level', 'debug')],
            }
          : {
              atNs: start + dur * 0.5,
              name: 'log',
              attributes: [str('message', `processed ${id % 200} ${t.svc.entity} records`), str('level', 'info')],
            },
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
