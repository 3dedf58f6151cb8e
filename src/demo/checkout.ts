/**
 * A checkout through a small shop: web-gateway → checkout, which reads the cart, reserves
 * stock in inventory (the first attempt fails with UNAVAILABLE and is retried after a
 * 100 ms backoff), scores fraud, charges payment (the first card is declined: an error
 * span with a message; the second card goes through), writes the order to postgres and
 * publishes `order-events` to Kafka. email-service and shipping consume the event after
 * the producer span has ended: CONSUMER spans whose parent is the PRODUCER span, so the
 * trace runs on after the HTTP response. Times are ms offsets from the trace start.
 */
import { MS, OtlpTraceBuilder, bool, int, str, type EventSpec, type SpanRef } from './otlp-builder';
import { SPAN_KIND, STATUS_CODE, type OtlpKeyValue, type OtlpSpanKind } from './otlp-wire';
import { Rng } from './prng';

const ms = (n: number) => n * MS;

export function buildCheckout(b: OtlpTraceBuilder, rng: Rng): void {
  const res = (lang: string, version: string, extra: OtlpKeyValue[] = []) => [
    str('service.version', version),
    str('telemetry.sdk.language', lang),
    str('telemetry.sdk.name', 'opentelemetry'),
    str('deployment.environment', 'production'),
    ...extra,
  ];
  const pod = () => str('k8s.pod.name', `pod-${rng.u32().toString(36).slice(0, 5)}`);
  b.service({
    name: 'web-gateway',
    attributes: res('nodejs', '3.12.0', [pod()]),
    scope: '@opentelemetry/instrumentation-http',
    scopeVersion: '0.57.0',
  });
  b.service({
    name: 'checkout',
    attributes: res('java', '2.8.1', [pod()]),
    scope: 'io.opentelemetry.spring-webmvc-6.0',
    scopeVersion: '2.10.0',
  });
  b.service({
    name: 'cart',
    attributes: res('go', '1.4.0', [pod()]),
    scope: 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc',
  });
  b.service({
    name: 'inventory',
    attributes: res('go', '1.9.3', [pod()]),
    scope: 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc',
  });
  b.service({
    name: 'fraud-check',
    attributes: res('python', '0.22.0', [pod()]),
    scope: 'opentelemetry.instrumentation.flask',
    scopeVersion: '0.50b0',
  });
  b.service({
    name: 'payment',
    attributes: res('java', '5.0.2', [pod()]),
    scope: 'io.opentelemetry.grpc-1.6',
    scopeVersion: '2.10.0',
  });
  b.service({
    name: 'postgres',
    attributes: [str('db.system', 'postgresql'), str('host.name', 'pg-primary-0')],
    scope: 'postgres',
  });
  b.service({
    name: 'email-service',
    attributes: res('nodejs', '1.3.7', [pod()]),
    scope: '@opentelemetry/instrumentation-kafkajs',
    scopeVersion: '0.7.0',
  });
  b.service({
    name: 'shipping',
    attributes: res('go', '0.9.0', [pod()]),
    scope: 'go.opentelemetry.io/contrib/instrumentation/github.com/IBM/sarama/otelsarama',
  });

  const orderId = `ord_${rng.u32().toString(16).padStart(8, '0')}`;
  const userId = `u_${rng.int(10000, 99999)}`;
  const cartId = `c_${rng.u32().toString(36)}`;
  const totalCents = rng.int(1500, 25000);
  const span = (
    service: string,
    name: string,
    kind: OtlpSpanKind,
    parent: SpanRef | undefined,
    startMs: number,
    durMs: number,
    attributes: OtlpKeyValue[],
    more: {
      events?: EventSpec[];
      status?: { code: 0 | 1 | 2; message?: string };
      links?: SpanRef[];
      scope?: string;
    } = {},
  ): SpanRef =>
    b.add({
      service,
      name,
      kind,
      ...(parent ? { parent } : {}),
      startNs: ms(startMs),
      durationNs: ms(durMs),
      attributes,
      ...more,
    });
  const sql = (parent: SpanRef, startMs: number, durMs: number, op: string, table: string, statement: string) =>
    span('postgres', `${op} shop.${table}`, SPAN_KIND.client, parent, startMs, durMs, [
      str('db.system', 'postgresql'),
      str('db.name', 'shop'),
      str('db.operation', op),
      str('db.sql.table', table),
      str('db.statement', statement),
      str('net.peer.name', 'pg-primary.shop.svc'),
    ]);
  const grpc = (
    service: string,
    rpcService: string,
    method: string,
    kind: OtlpSpanKind,
    parent: SpanRef,
    startMs: number,
    durMs: number,
    extra: OtlpKeyValue[] = [],
    more = {},
  ) =>
    span(
      service,
      `${rpcService}/${method}`,
      kind,
      parent,
      startMs,
      durMs,
      [str('rpc.system', 'grpc'), str('rpc.service', rpcService), str('rpc.method', method), ...extra],
      more,
    );

  // ---- gateway ----------------------------------------------------------------------
  const gw = span('web-gateway', 'POST /api/v1/checkout', SPAN_KIND.server, undefined, 0, 0, []);
  span(
    'web-gateway',
    'authorize',
    SPAN_KIND.internal,
    gw,
    0.2,
    rng.normal(1.8, 0.3, 0.8),
    [
      str('enduser.id', userId),
      str('auth.method', 'jwt'),
      str('code.function', 'verifyToken'),
      str('code.namespace', 'auth/middleware'),
    ],
    { scope: 'web-gateway' },
  );
  const gwClient = span('web-gateway', 'POST', SPAN_KIND.client, gw, 2.4, 0, []);
  const co = span('checkout', 'POST /checkout', SPAN_KIND.server, gwClient, 2.9, 0, []);
  const coEvents: EventSpec[] = [];

  // ---- cart ---------------------------------------------------------------------------
  let t = 3.1;
  const cartMs = rng.normal(9, 1.5, 5);
  const cartClient = grpc(
    'checkout',
    'cart.CartService',
    'GetCart',
    SPAN_KIND.client,
    co,
    t,
    cartMs + 1,
    [str('net.peer.name', 'cart.shop.svc'), int('rpc.grpc.status_code', 0)],
    { scope: 'io.opentelemetry.grpc-1.6' },
  );
  const cartServer = grpc('cart', 'cart.CartService', 'GetCart', SPAN_KIND.server, cartClient, t + 0.4, cartMs + 0.2, [
    int('rpc.grpc.status_code', 0),
    str('app.cart.id', cartId),
  ]);
  sql(
    cartServer,
    t + 0.5,
    cartMs - 0.2,
    'SELECT',
    'cart_items',
    'SELECT sku, quantity, unit_price_cents FROM cart_items WHERE cart_id = $1',
  );
  t += cartMs + 1.3;

  // ---- inventory: attempt 1 fails fast, retried after a 100 ms backoff ----------------
  const failMs = rng.normal(25, 3, 15);
  grpc(
    'checkout',
    'inventory.InventoryService',
    'ReserveItems',
    SPAN_KIND.client,
    co,
    t,
    failMs,
    [str('net.peer.name', 'inventory.shop.svc'), int('rpc.grpc.status_code', 14), int('retry.attempt', 1)],
    {
      status: {
        code: STATUS_CODE.error,
        message: 'UNAVAILABLE: upstream connect error or disconnect/reset before headers',
      },
      scope: 'io.opentelemetry.grpc-1.6',
      events: [
        {
          atNs: ms(t + failMs),
          name: 'exception',
          attributes: [
            str('exception.type', 'io.grpc.StatusRuntimeException'),
            str('exception.message', 'UNAVAILABLE: upstream connect error or disconnect/reset before headers'),
          ],
        },
      ],
    },
  );
  t += failMs;
  coEvents.push({
    atNs: ms(t + 0.1),
    name: 'retrying inventory.InventoryService/ReserveItems',
    attributes: [int('retry.attempt', 2), int('backoff_ms', 100), str('level', 'warn')],
  });
  t += 100;
  const invMs = rng.normal(12, 2, 7);
  const invClient = grpc(
    'checkout',
    'inventory.InventoryService',
    'ReserveItems',
    SPAN_KIND.client,
    co,
    t,
    invMs + 1,
    [str('net.peer.name', 'inventory.shop.svc'), int('rpc.grpc.status_code', 0), int('retry.attempt', 2)],
    { scope: 'io.opentelemetry.grpc-1.6' },
  );
  const invServer = grpc(
    'inventory',
    'inventory.InventoryService',
    'ReserveItems',
    SPAN_KIND.server,
    invClient,
    t + 0.4,
    invMs + 0.2,
    [int('rpc.grpc.status_code', 0), int('app.items.count', 3)],
  );
  sql(
    invServer,
    t + 0.5,
    invMs * 0.3,
    'SELECT',
    'stock',
    'SELECT sku, available FROM stock WHERE sku = ANY($1) FOR UPDATE',
  );
  sql(
    invServer,
    t + 0.6 + invMs * 0.3,
    invMs * 0.6,
    'UPDATE',
    'stock',
    'UPDATE stock SET available = available - $2, reserved = reserved + $2 WHERE sku = $1',
  );
  t += invMs + 1.3;

  // ---- fraud check -------------------------------------------------------------------
  const fraudMs = rng.normal(38, 5, 25);
  const fraudClient = span(
    'checkout',
    'POST',
    SPAN_KIND.client,
    co,
    t,
    fraudMs + 1,
    [
      str('http.method', 'POST'),
      str('http.url', 'http://fraud-check.shop.svc:8000/v2/score'),
      int('http.status_code', 200),
      str('net.peer.name', 'fraud-check.shop.svc'),
    ],
    { scope: 'io.opentelemetry.http-url-connection' },
  );
  const fraudServer = span('fraud-check', 'POST /v2/score', SPAN_KIND.server, fraudClient, t + 0.4, fraudMs + 0.2, [
    str('http.method', 'POST'),
    str('http.route', '/v2/score'),
    str('http.target', '/v2/score'),
    int('http.status_code', 200),
    str('net.host.name', 'fraud-check.shop.svc'),
  ]);
  const histMs = rng.normal(6, 1, 3);
  sql(
    fraudServer,
    t + 0.6,
    histMs,
    'SELECT',
    'user_history',
    'SELECT order_count, chargeback_count, last_order_at FROM user_history WHERE user_id = $1',
  );
  span(
    'fraud-check',
    'model.predict',
    SPAN_KIND.internal,
    fraudServer,
    t + 0.8 + histMs,
    fraudMs - histMs - 1.2,
    [
      str('ml.model.name', 'fraud-gbm'),
      str('ml.model.version', '2026-03-01'),
      dbl2('fraud.score', rng.range(0.01, 0.2)),
      str('code.function', 'predict'),
    ],
    { scope: 'fraud_check.model' },
  );
  t += fraudMs + 1.3;

  // ---- payment: first card declined, second accepted --------------------------------
  const declineMs = rng.normal(180, 20, 120);
  const okMs = rng.normal(150, 20, 100);
  const payServerMs = declineMs + okMs + 8;
  const payClient = grpc(
    'checkout',
    'payment.PaymentService',
    'Charge',
    SPAN_KIND.client,
    co,
    t,
    payServerMs + 1,
    [str('net.peer.name', 'payment.shop.svc'), int('rpc.grpc.status_code', 0)],
    { scope: 'io.opentelemetry.grpc-1.6' },
  );
  const payEvents: EventSpec[] = [];
  const payServer = grpc(
    'payment',
    'payment.PaymentService',
    'Charge',
    SPAN_KIND.server,
    payClient,
    t + 0.4,
    payServerMs,
    [int('rpc.grpc.status_code', 0), int('app.payment.amount_cents', totalCents), str('app.payment.currency', 'EUR')],
    { events: payEvents },
  );
  let p = t + 0.6;
  const psp = (status: number, last4: string) => [
    str('http.method', 'POST'),
    str('http.url', 'https://api.psp.example/v1/charges'),
    int('http.status_code', status),
    str('net.peer.name', 'api.psp.example'),
    str('app.card.last4', last4),
  ];
  span('payment', 'POST', SPAN_KIND.client, payServer, p, declineMs, psp(402, '0341'), {
    status: { code: STATUS_CODE.error, message: 'card declined: insufficient_funds' },
    scope: 'io.opentelemetry.okhttp-3.0',
    events: [
      {
        atNs: ms(p + declineMs - 0.05),
        name: 'payment.declined',
        attributes: [str('decline_code', 'insufficient_funds'), bool('retryable', false)],
      },
    ],
  });
  p += declineMs + 0.3;
  payEvents.push({
    atNs: ms(p),
    name: 'trying next payment method',
    attributes: [str('level', 'info'), int('payment_method.index', 2)],
  });
  span('payment', 'POST', SPAN_KIND.client, payServer, p + 0.2, okMs, psp(200, '4242'), {
    scope: 'io.opentelemetry.okhttp-3.0',
  });
  p += okMs + 0.5;
  sql(
    payServer,
    p,
    5,
    'INSERT',
    'payments',
    'INSERT INTO payments (order_id, amount_cents, currency, psp_ref) VALUES ($1, $2, $3, $4)',
  );
  t += payServerMs + 1.6;

  // ---- order row + Kafka publish ----------------------------------------------------
  sql(
    co,
    t,
    4.5,
    'INSERT',
    'orders',
    'INSERT INTO orders (id, user_id, total_cents, currency, status) VALUES ($1, $2, $3, $4, $5)',
  );
  t += 5;
  const kafkaAttrs = (op: string) => [
    str('messaging.system', 'kafka'),
    str('messaging.destination.name', 'order-events'),
    str('messaging.operation', op),
    str('messaging.kafka.message.key', orderId),
    int('messaging.kafka.destination.partition', rng.int(0, 11)),
  ];
  const producer = span('checkout', 'order-events publish', SPAN_KIND.producer, co, t, 1.8, kafkaAttrs('publish'), {
    scope: 'io.opentelemetry.kafka-clients-2.6',
  });
  t += 2.2;
  b.endAt(co, ms(t));
  b.update(co, {
    attributes: [
      str('http.method', 'POST'),
      str('http.route', '/checkout'),
      str('http.target', '/checkout'),
      int('http.status_code', 200),
      str('app.order.id', orderId),
    ],
    events: coEvents,
  });
  b.endAt(gwClient, ms(t + 0.4));
  b.update(gwClient, {
    attributes: [
      str('http.method', 'POST'),
      str('http.url', 'http://checkout.shop.svc:8080/checkout'),
      int('http.status_code', 200),
      str('net.peer.name', 'checkout.shop.svc'),
    ],
  });
  b.update(gw, {
    durationNs: ms(t + 1.1),
    attributes: [
      str('http.method', 'POST'),
      str('http.route', '/api/v1/checkout'),
      str('http.target', '/api/v1/checkout'),
      int('http.status_code', 200),
      str('user_agent.original', 'Mozilla/5.0 (X11; Linux x86_64)'),
    ],
  });

  // ---- consumers: start after the producer span has ended ---------------------------
  const published = t - 0.4;
  const shipStart = published + rng.normal(12, 3, 5);
  const ship = span(
    'shipping',
    'order-events process',
    SPAN_KIND.consumer,
    producer,
    shipStart,
    30,
    [...kafkaAttrs('process'), str('messaging.kafka.consumer.group', 'shipping')],
    { links: [producer] },
  );
  sql(
    ship,
    shipStart + 2,
    6,
    'INSERT',
    'shipments',
    "INSERT INTO shipments (order_id, carrier, status) VALUES ($1, $2, 'pending')",
  );
  span(
    'shipping',
    'carrier.quote',
    SPAN_KIND.internal,
    ship,
    shipStart + 9,
    18,
    [
      str('carrier', 'dhl'),
      str('code.function', 'Quote'),
      str('code.namespace', 'shipping/carrier'),
      int('app.parcels', 1),
    ],
    { scope: 'shipping' },
  );

  const mailStart = published + rng.normal(35, 8, 15);
  const mail = span('email-service', 'order-events process', SPAN_KIND.consumer, producer, mailStart, 125, [
    ...kafkaAttrs('process'),
    str('messaging.kafka.consumer.group', 'email-service'),
  ]);
  span(
    'email-service',
    'render order-confirmation',
    SPAN_KIND.internal,
    mail,
    mailStart + 1,
    14,
    [
      str('template', 'order-confirmation'),
      str('locale', 'de-DE'),
      str('code.function', 'render'),
      str('code.namespace', 'templates'),
    ],
    { scope: 'email-service' },
  );
  span(
    'email-service',
    'POST',
    SPAN_KIND.client,
    mail,
    mailStart + 16,
    105,
    [
      str('http.method', 'POST'),
      str('http.url', 'https://smtp-relay.example/v3/mail/send'),
      int('http.status_code', 202),
      str('net.peer.name', 'smtp-relay.example'),
    ],
    { scope: '@opentelemetry/instrumentation-undici' },
  );
}

function dbl2(key: string, value: number): OtlpKeyValue {
  return { key, value: { doubleValue: Math.round(value * 1000) / 1000 } };
}
