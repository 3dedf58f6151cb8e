/**
 * A HotROD-like dispatch (Jaeger's "Hot R.O.D." demo): frontend asks customer (which
 * waits ~300 ms on mysql), then driver (redis-manual: FindDriverIDs, then 10 GetDriver
 * calls where every 5th attempt fails with "redis timeout" and is retried), then 10 /route
 * calls through a pool of 3 workers, which draws the familiar staircase. Delays follow
 * HotROD's defaults (services/config); the names and attributes mimic what its OTel
 * instrumentation emits. Times here are ms offsets from the trace start.
 */
import { MS, OtlpTraceBuilder, int, str, type EventSpec, type SpanRef } from './otlp-builder';
import { SPAN_KIND, STATUS_CODE } from './otlp-wire';
import { Rng } from './prng';

const OTELHTTP = 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp';
const OTELGRPC = 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc';
const CUSTOMERS = [123, 392, 731, 567] as const;

const info = (fields: Record<string, string | number>): EventSpec['attributes'] =>
  Object.entries(fields).map(([k, v]) => (typeof v === 'number' ? int(k, v) : str(k, v)));

export function buildHotrod(b: OtlpTraceBuilder, rng: Rng): void {
  const goResource = (host: string) => [
    str('telemetry.sdk.language', 'go'),
    str('telemetry.sdk.name', 'opentelemetry'),
    str('telemetry.sdk.version', '1.35.0'),
    str('host.name', host),
  ];
  b.service({ name: 'frontend', attributes: goResource('hotrod-frontend'), scope: OTELHTTP, scopeVersion: '0.60.0' });
  b.service({ name: 'customer', attributes: goResource('hotrod-customer'), scope: OTELHTTP, scopeVersion: '0.60.0' });
  b.service({ name: 'mysql', attributes: goResource('hotrod-customer'), scope: 'mysql' });
  b.service({ name: 'driver', attributes: goResource('hotrod-driver'), scope: OTELGRPC, scopeVersion: '0.60.0' });
  b.service({ name: 'redis-manual', attributes: goResource('hotrod-driver'), scope: 'redis-manual' });
  b.service({ name: 'route', attributes: goResource('hotrod-route'), scope: OTELHTTP, scopeVersion: '0.60.0' });

  const customerId = rng.pick(CUSTOMERS);
  const requestId = `${rng.int(1000, 9999)}-1`;
  const location = `${rng.int(100, 999)},${rng.int(100, 999)}`;
  const dispatchTarget = `/dispatch?customer=${customerId}&nonse=0.${rng.int(1, 9)}`;
  const frontendEvents: EventSpec[] = [];
  const ms = (n: number) => n * MS;
  const log = (events: EventSpec[], atMs: number, msg: string, fields: Record<string, string | number> = {}) =>
    events.push({ atNs: ms(atMs), name: msg, attributes: info({ level: 'info', ...fields }) });

  log(frontendEvents, 0.05, 'HTTP request received', { method: 'GET', url: dispatchTarget });
  log(frontendEvents, 0.1, 'Getting customer', { customer_id: customerId });

  // The /dispatch server span is the root: added first, its end and logs filled in last.
  const root = b.add({
    service: 'frontend',
    name: '/dispatch',
    kind: SPAN_KIND.server,
    startNs: 0,
    durationNs: 0,
    attributes: [],
  });

  // ---- customer → mysql -------------------------------------------------------------
  let t = 0.3;
  const custClient = b.add(httpClient('frontend', root, t, 0, '127.0.0.1:8081', `/customer?customer=${customerId}`));
  const mysqlMs = rng.normal(300, 12, 270);
  const custServerStart = t + 0.25;
  const mysqlStart = custServerStart + 0.15;
  const custServerEnd = mysqlStart + mysqlMs + 0.2;
  const custServerEvents: EventSpec[] = [];
  log(custServerEvents, custServerStart + 0.02, 'HTTP request received', {
    method: 'GET',
    url: `/customer?customer=${customerId}`,
  });
  log(custServerEvents, custServerStart + 0.05, 'Loading customer', { customer_id: customerId });
  const custServer = b.add({
    service: 'customer',
    name: '/customer',
    kind: SPAN_KIND.server,
    parent: custClient,
    startNs: ms(custServerStart),
    durationNs: ms(custServerEnd - custServerStart),
    attributes: httpServerAttrs('/customer', `/customer?customer=${customerId}`, 8081),
    events: custServerEvents,
  });
  const mysqlEvents: EventSpec[] = [];
  log(mysqlEvents, mysqlStart + 0.01, 'Waiting for lock behind 0 transactions', { blockers: '[]' });
  log(mysqlEvents, mysqlStart + 0.02, 'Acquired lock with 0 transactions waiting behind');
  b.add({
    service: 'mysql',
    name: 'SQL SELECT',
    kind: SPAN_KIND.client,
    parent: custServer,
    startNs: ms(mysqlStart),
    durationNs: ms(mysqlMs),
    attributes: [
      str('peer.service', 'mysql'),
      str('db.system', 'mysql'),
      str('sql.query', `SELECT * FROM customer WHERE customer_id=${customerId}`),
      str('request', requestId),
    ],
    events: mysqlEvents,
  });
  t = custServerEnd + 0.25;
  b.endAt(custClient, ms(t));
  log(frontendEvents, t + 0.1, 'Found customer', { customer_id: customerId, location });
  log(frontendEvents, t + 0.15, 'Finding nearest drivers', { location });

  // ---- driver → redis-manual ---------------------------------------------------------
  t += 0.4;
  const findNearest = 'driver.DriverService/FindNearest';
  const driverClient = b.add({
    service: 'frontend',
    name: findNearest,
    kind: SPAN_KIND.client,
    parent: root,
    startNs: ms(t),
    durationNs: 0,
    scope: OTELGRPC,
    attributes: grpcAttrs('FindNearest', [str('net.peer.name', '127.0.0.1'), int('net.peer.port', 8082)]),
  });
  const driverServerStart = t + 0.3;
  const driverEvents: EventSpec[] = [];
  log(driverEvents, driverServerStart + 0.02, 'Searching for nearby drivers', { location });
  const driverServer = b.add({
    service: 'driver',
    name: findNearest,
    kind: SPAN_KIND.server,
    parent: driverClient,
    startNs: ms(driverServerStart),
    durationNs: 0,
    attributes: grpcAttrs('FindNearest', [str('net.sock.peer.addr', '127.0.0.1')]),
    events: driverEvents,
  });
  t = driverServerStart + 0.1;
  const findIdsMs = rng.normal(20, 3, 12);
  b.add({
    service: 'redis-manual',
    name: 'FindDriverIDs',
    kind: SPAN_KIND.client,
    parent: driverServer,
    startNs: ms(t),
    durationNs: ms(findIdsMs),
    attributes: [str('param.driver.location', location), str('peer.service', 'redis'), str('db.system', 'redis')],
    events: [{ atNs: ms(t + findIdsMs - 0.01), name: 'Found drivers', attributes: info({ level: 'info', count: 10 }) }],
  });
  t += findIdsMs + 0.05;
  let attempt = 0;
  const drivers: string[] = [];
  for (let d = 0; d < 10; d++) {
    const driverId = `T7${String(rng.int(0, 99999)).padStart(5, '0')}C`;
    drivers.push(driverId);
    for (let retry = 0; ; retry++) {
      attempt++;
      const fails = attempt % 5 === 0;
      const durMs = rng.normal(10, 2, 5) + (fails ? 20 : 0);
      const attrs = [str('param.driverID', driverId), str('peer.service', 'redis'), str('db.system', 'redis')];
      b.add({
        service: 'redis-manual',
        name: 'GetDriver',
        kind: SPAN_KIND.client,
        parent: driverServer,
        startNs: ms(t),
        durationNs: ms(durMs),
        attributes: attrs,
        ...(fails
          ? {
              status: { code: STATUS_CODE.error, message: 'redis timeout' },
              events: [
                {
                  atNs: ms(t + durMs - 0.01),
                  name: 'redis timeout',
                  attributes: info({ level: 'error', driver_id: driverId, error: 'redis timeout' }),
                },
              ],
            }
          : {}),
      });
      t += durMs + 0.05;
      if (!fails) break;
      log(driverEvents, t, 'Retrying GetDriver after error', { retry_no: retry + 1, error: 'redis timeout' });
    }
  }
  log(driverEvents, t + 0.05, 'Search successful', { driver_count: drivers.length });
  b.endAt(driverServer, ms(t + 0.1));
  t += 0.35;
  b.endAt(driverClient, ms(t));
  log(frontendEvents, t + 0.05, 'Found drivers', { count: drivers.length });

  // ---- route: 10 calls through a pool of 3 workers ----------------------------------
  t += 0.2;
  const workerFree = [t, t + 0.05, t + 0.1];
  let lastEnd = t;
  for (let r = 0; r < drivers.length; r++) {
    // the next task goes to the worker that frees up first
    let w = 0;
    for (let k = 1; k < workerFree.length; k++) if ((workerFree[k] ?? 0) < (workerFree[w] ?? 0)) w = k;
    const start = (workerFree[w] ?? t) + 0.02;
    const pickup = `${rng.int(100, 999)},${rng.int(100, 999)}`;
    const query = `/route?dropoff=${encodeURIComponent(location)}&pickup=${encodeURIComponent(pickup)}`;
    log(frontendEvents, start, 'Finding route', { pickup, dropoff: location });
    const client = b.add(httpClient('frontend', root, start, 0, '127.0.0.1:8083', query));
    const computeMs = rng.normal(50, 10, 20);
    const serverStart = start + 0.2;
    const serverEvents: EventSpec[] = [];
    log(serverEvents, serverStart + 0.02, 'HTTP request received', { method: 'GET', url: query });
    b.add({
      service: 'route',
      name: '/route',
      kind: SPAN_KIND.server,
      parent: client,
      startNs: ms(serverStart),
      durationNs: ms(computeMs),
      attributes: httpServerAttrs('/route', query, 8083),
      events: serverEvents,
    });
    const end = serverStart + computeMs + 0.2;
    b.endAt(client, ms(end));
    workerFree[w] = end;
    if (end > lastEnd) lastEnd = end;
  }
  const eta = rng.int(2, 9);
  log(frontendEvents, lastEnd + 0.1, 'Dispatch successful', { driver: drivers[0] ?? '', eta: `${eta}m0s` });
  b.update(root, {
    durationNs: ms(lastEnd + 0.3),
    attributes: httpServerAttrs('/dispatch', dispatchTarget, 8080),
    events: frontendEvents,
  });
}

function httpServerAttrs(route: string, target: string, port: number) {
  return [
    str('http.method', 'GET'),
    str('http.target', target),
    str('http.route', route),
    str('net.host.name', '127.0.0.1'),
    int('net.host.port', port),
    int('http.status_code', 200),
  ];
}

function httpClient(service: string, parent: SpanRef, startMs: number, durationMs: number, host: string, path: string) {
  return {
    service,
    name: 'HTTP GET',
    kind: SPAN_KIND.client,
    parent,
    startNs: startMs * MS,
    durationNs: durationMs * MS,
    attributes: [
      str('http.method', 'GET'),
      str('http.url', `http://${host}${path}`),
      str('net.peer.name', host.split(':')[0] ?? host),
      int('http.status_code', 200),
    ],
  } as const;
}

function grpcAttrs(method: string, extra: ReturnType<typeof str>[]) {
  return [
    str('rpc.system', 'grpc'),
    str('rpc.service', 'driver.DriverService'),
    str('rpc.method', method),
    int('rpc.grpc.status_code', 0),
    ...extra,
  ];
}
