// Tests for the Tempo-compatible test server: run with `node --test e2e/tempo-server/`.
// Each test posts OTLP/JSON (fixtures from shared/fixtures, re-timestamped to now) and checks
// the exact encodings Tempo uses (shared/WIRE-FORMATS.md §3).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, idToHex, parseTraceQL, parseDuration } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = process.env.PATHLIGHT_FIXTURES ?? path.resolve(here, '../../../shared/fixtures');
const loadFixture = (name) => JSON.parse(readFileSync(path.join(FIXTURES, 'otlp-json', name), 'utf8'));

const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const NOW_S = Math.floor(Date.now() / 1000);

/** Shift every timestamp of an OTLP/JSON document so its latest end time is `endNs`. */
function retimestamp(doc, endNs = NOW_NS) {
  let max = 0n;
  const spans = doc.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
  for (const s of spans) if (BigInt(s.endTimeUnixNano) > max) max = BigInt(s.endTimeUnixNano);
  const shift = endNs - max;
  const mv = (v) => String(BigInt(v) + shift);
  for (const s of spans) {
    s.startTimeUnixNano = mv(s.startTimeUnixNano);
    s.endTimeUnixNano = mv(s.endTimeUnixNano);
    for (const e of s.events ?? []) if (e.timeUnixNano) e.timeUnixNano = mv(e.timeUnixNano);
  }
  return doc;
}

const b64 = (hex) => Buffer.from(hex, 'hex').toString('base64');
const ms = (n) => BigInt(n) * 1_000_000n;

/**
 * A HotROD-like trace written the way a Tempo client might send it: base64 ids and enum names.
 * frontend /dispatch (1.2 s, root) → customer /customer (HTTP 500, error) and driver FindNearest.
 */
const CHECKOUT_ID = '0af7651916cd43dd8448eb211c80319c';
const CHECKOUT_SEARCH_ID = 'af7651916cd43dd8448eb211c80319c'; // search results strip leading zeros
function checkoutTrace(start = NOW_NS - ms(5000)) {
  const span = (id, parent, name, kind, from, to, attrs = [], status = undefined) => ({
    traceId: b64(CHECKOUT_ID),
    spanId: b64(id),
    ...(parent ? { parentSpanId: b64(parent) } : {}),
    name,
    kind,
    startTimeUnixNano: String(start + ms(from)),
    endTimeUnixNano: String(start + ms(to)),
    attributes: attrs,
    ...(status ? { status } : {}),
  });
  const res = (service) => ({ attributes: [{ key: 'service.name', value: { stringValue: service } }] });
  return {
    resourceSpans: [
      {
        resource: res('frontend'),
        scopeSpans: [
          {
            scope: { name: 'hotrod' },
            spans: [
              span('b7ad6b7169203331', null, '/dispatch', 'SPAN_KIND_SERVER', 0, 1200, [
                { key: 'http.method', value: { stringValue: 'GET' } },
                { key: 'http.status_code', value: { intValue: '200' } },
              ]),
            ],
          },
        ],
      },
      {
        resource: res('customer'),
        scopeSpans: [
          {
            scope: { name: 'hotrod' },
            spans: [
              span(
                '00f067aa0ba902b7',
                'b7ad6b7169203331',
                '/customer',
                2,
                10,
                700,
                [
                  { key: 'http.status_code', value: { intValue: 500 } },
                  { key: 'retry', value: { boolValue: true } },
                  { key: 'load', value: { doubleValue: 0.75 } },
                ],
                { code: 'STATUS_CODE_ERROR', message: 'boom' },
              ),
            ],
          },
        ],
      },
      {
        resource: res('driver'),
        scopeSpans: [
          {
            scope: {},
            spans: [span('1111111111111111', 'b7ad6b7169203331', 'FindNearest', 3, 710, 1000, [], { code: 1 })],
          },
        ],
      },
    ],
  };
}

let srv;
let base;
let otlp;

async function post(doc, headers = {}) {
  const res = await fetch(`${otlp}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(doc),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res;
}

async function get(p, headers = {}) {
  const res = await fetch(`${base}${p}`, { headers });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, type: res.headers.get('content-type') };
}

before(async () => {
  srv = await startServer({ httpPort: 0, otlpPort: 0 });
  base = `http://127.0.0.1:${srv.httpPort}`;
  otlp = `http://127.0.0.1:${srv.otlpPort}`;
  await post(retimestamp(loadFixture('jaeger-integration-example-trace.json'), NOW_NS - ms(60_000)));
  await post(retimestamp(loadFixture('otel-proto-example-trace.json'), NOW_NS - ms(30_000)));
  // Sent gzip-compressed, as the OTel Collector's otlphttp exporter does by default.
  const gz = zlib.gzipSync(Buffer.from(JSON.stringify(checkoutTrace())));
  const res = await fetch(`${otlp}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    body: gz,
  });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {});
});

after(() => srv.close());

test('ready and echo', async () => {
  assert.equal((await get('/ready')).status, 200);
  const echo = await get('/api/echo');
  assert.equal(echo.status, 200);
  assert.equal(echo.text, 'echo');
});

test('ids: hex, upper-case hex, base64', () => {
  assert.equal(idToHex('5B8EFFF798038103D269B633813FC60C', 16), '5b8efff798038103d269b633813fc60c');
  assert.equal(idToHex('QpC1h3qZMN55u0KDZTmOzA==', 16), '4290b5877a9930de79bb428365398ecc');
  assert.equal(idToHex('1gZXnld4dYc=', 8), 'd606579e57787587');
  assert.equal(idToHex('11', 16), '00000000000000000000000000000011');
});

test('GET /api/traces/{id}: batches, base64 ids, enum names, ns strings, zero values omitted', async () => {
  const r = await get('/api/traces/11');
  assert.equal(r.status, 200);
  assert.match(r.type, /application\/json/);
  assert.deepEqual(Object.keys(r.json), ['batches']);
  assert.equal(r.json.batches.length, 3);
  const b = r.json.batches[2];
  assert.deepEqual(b.resource, { attributes: [{ key: 'service.name', value: { stringValue: 'example-service-1' } }] });
  // An empty scope is written as {}; spans keep their order.
  assert.deepEqual(b.scopeSpans[0].scope, {});
  const spans = b.scopeSpans[0].spans;
  assert.deepEqual(
    spans.map((s) => s.spanId),
    ['AAAAAAAAAAM=', 'AAAAAAAAAAY=', 'AAAAAAAAAAc='],
  );
  const s = spans[1];
  assert.equal(s.traceId, 'AAAAAAAAAAAAAAAAAAAAEQ==');
  assert.equal(s.kind, 'SPAN_KIND_SERVER');
  assert.equal(spans[2].kind, 'SPAN_KIND_CLIENT');
  assert.equal('kind' in spans[0], false, 'SPAN_KIND_UNSPECIFIED is the zero value and omitted');
  assert.equal(typeof s.startTimeUnixNano, 'string');
  assert.equal(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano), 100_000n);
  assert.deepEqual(s.status, {});
  assert.equal('parentSpanId' in s, false);
  assert.equal('attributes' in s, false);
  // Events with only a timestamp.
  assert.equal(s.events.length, 2);
  assert.deepEqual(Object.keys(s.events[0]), ['timeUnixNano']);
  assert.equal(typeof s.events[0].timeUnixNano, 'string');
});

test('GET /api/traces/{id}: scope, attributes, parent id; upper-case and padded ids in the URL', async () => {
  for (const id of ['5b8efff798038103d269b633813fc60c', '5B8EFFF798038103D269B633813FC60C']) {
    const r = await get(`/api/traces/${id}`);
    assert.equal(r.status, 200);
    const ss = r.json.batches[0].scopeSpans[0];
    assert.deepEqual(ss.scope, {
      name: 'my.library',
      version: '1.0.0',
      attributes: [{ key: 'my.scope.attribute', value: { stringValue: 'some scope attribute' } }],
    });
    const s = ss.spans[0];
    assert.equal(s.traceId, 'W47/95gDgQPSabYzgT/GDA==');
    assert.equal(s.spanId, '7uGbfsPBsXQ=');
    assert.equal(s.parentSpanId, '7uGbfsPBsXM=');
    assert.equal(s.kind, 'SPAN_KIND_SERVER');
    assert.deepEqual(s.attributes, [{ key: 'my.span.attr', value: { stringValue: 'some value' } }]);
  }
  assert.equal((await get('/api/traces/00000000000000000000000000000011')).status, 200);
});

test('GET /api/traces/{id}: typed values and status from base64/enum-name input', async () => {
  const r = await get(`/api/traces/${CHECKOUT_ID}`);
  assert.equal(r.status, 200);
  const customer = r.json.batches[1].scopeSpans[0].spans[0];
  assert.deepEqual(customer.attributes, [
    { key: 'http.status_code', value: { intValue: '500' } },
    { key: 'retry', value: { boolValue: true } },
    { key: 'load', value: { doubleValue: 0.75 } },
  ]);
  assert.deepEqual(customer.status, { message: 'boom', code: 'STATUS_CODE_ERROR' });
  assert.equal(customer.parentSpanId, b64('b7ad6b7169203331'));
  const driver = r.json.batches[2].scopeSpans[0].spans[0];
  assert.equal(driver.kind, 'SPAN_KIND_CLIENT');
  assert.deepEqual(driver.status, { code: 'STATUS_CODE_OK' });
});

test('GET /api/traces/{id}: 404 with an empty body, 400 text for a bad id, start/end filter', async () => {
  const nf = await get('/api/traces/0123456789abcdef0123456789abcdef');
  assert.equal(nf.status, 404);
  assert.equal(nf.text, '');
  for (const bad of ['xyz', '0123456789abcdef0123456789abcdef0', 'QpC1h3qZMN55u0KDZTmOzA==']) {
    const r = await get(`/api/traces/${encodeURIComponent(bad)}`);
    assert.equal(r.status, 400, bad);
    assert.match(r.type, /text\/plain/);
    assert.ok(r.text.length > 0);
  }
  assert.equal((await get(`/api/traces/${CHECKOUT_ID}?start=${NOW_S - 3600}&end=${NOW_S + 60}`)).status, 200);
  assert.equal((await get(`/api/traces/${CHECKOUT_ID}?start=1000&end=2000`)).status, 404);
  assert.equal((await get(`/api/traces/${CHECKOUT_ID}?start=abc`)).status, 400);
});

test('GET /api/v2/traces/{id}: {trace:{resourceSpans}, metrics:{inspectedBytes}}', async () => {
  const r = await get(`/api/v2/traces/${CHECKOUT_ID}`);
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.json).sort(), ['metrics', 'trace']);
  assert.deepEqual(Object.keys(r.json.trace), ['resourceSpans']);
  assert.equal(r.json.trace.resourceSpans.length, 3);
  assert.match(r.json.metrics.inspectedBytes, /^\d+$/);
  assert.equal('status' in r.json, false, 'COMPLETE is the zero value and omitted');
  const v1 = await get(`/api/traces/${CHECKOUT_ID}`);
  assert.deepEqual(r.json.trace.resourceSpans, v1.json.batches);
  assert.equal((await get('/api/v2/traces/0123456789abcdef')).status, 404);
});

test('GET /api/search with TraceQL: the response shape', async () => {
  const q = '{ resource.service.name = "customer" && name = "/customer" && span.http.status_code = 500 && duration > 500ms && status = error }';
  const r = await get(`/api/search?q=${encodeURIComponent(q)}&start=${NOW_S - 3600}&end=${NOW_S + 60}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.traces.length, 1);
  const t = r.json.traces[0];
  assert.equal(t.traceID, CHECKOUT_SEARCH_ID);
  assert.equal(t.rootServiceName, 'frontend');
  assert.equal(t.rootTraceName, '/dispatch');
  assert.equal(t.startTimeUnixNano, String(NOW_NS - ms(5000)));
  assert.equal(t.durationMs, 1200);
  assert.equal(t.spanSets.length, 1);
  assert.deepEqual(t.spanSet, t.spanSets[0]);
  assert.equal(t.spanSets[0].matched, 1);
  assert.deepEqual(t.spanSets[0].spans, [
    {
      spanID: '00f067aa0ba902b7',
      name: '/customer',
      startTimeUnixNano: String(NOW_NS - ms(5000) + ms(10)),
      durationNanos: String(ms(690)),
      attributes: [
        { key: 'service.name', value: { stringValue: 'customer' } },
        { key: 'http.status_code', value: { intValue: '500' } },
        { key: 'status', value: { stringValue: 'error' } },
      ],
    },
  ]);
  assert.deepEqual(t.serviceStats, {
    frontend: { spanCount: 1 },
    customer: { spanCount: 1, errorCount: 1 },
    driver: { spanCount: 1 },
  });
  assert.equal(r.json.metrics.completedJobs, 1);
  assert.match(r.json.metrics.inspectedBytes, /^\d+$/);
});

test('GET /api/search: leading zeros stripped, durationMs omitted, missing root, newest first', async () => {
  const r = await get('/api/search?q=%7B%7D');
  assert.equal(r.status, 200);
  assert.deepEqual(
    r.json.traces.map((t) => t.traceID),
    [CHECKOUT_SEARCH_ID, '5b8efff798038103d269b633813fc60c', '11'],
  );
  const small = r.json.traces[2];
  assert.equal('durationMs' in small, false);
  assert.equal(small.spanSets[0].matched, 5);
  assert.equal(small.spanSets[0].spans.length, 3, 'spss defaults to 3');
  const orphan = r.json.traces[1];
  assert.equal(orphan.rootServiceName, '<root span not yet received>');
  assert.equal('rootTraceName' in orphan, false);
  assert.equal(orphan.durationMs, 1000);
  assert.equal((await get('/api/search?limit=1')).json.traces.length, 1);
  assert.equal((await get('/api/search?q=%7B%7D&spss=1')).json.traces[2].spanSets[0].spans.length, 1);
});

test('GET /api/search: TraceQL operators and literals', async () => {
  const ids = async (q) => {
    const r = await get(`/api/search?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, `${q}: ${r.text}`);
    return r.json.traces.map((t) => t.traceID);
  };
  assert.deepEqual(await ids('{ .http.status_code >= 500 }'), [CHECKOUT_SEARCH_ID]);
  assert.deepEqual(await ids('{ span.http.status_code < 500 }'), [CHECKOUT_SEARCH_ID]);
  assert.deepEqual(await ids('{ span.http.status_code != 200 && span.retry = true }'), [CHECKOUT_SEARCH_ID]);
  assert.deepEqual(await ids('{ span.load > 0.5 }'), [CHECKOUT_SEARCH_ID]);
  assert.deepEqual(await ids('{ span.load <= 0.5 }'), []);
  assert.deepEqual(await ids('{ resource.service.name = "my.service" }'), ['5b8efff798038103d269b633813fc60c']);
  assert.deepEqual(await ids('{ .service.name =~ "example-.*" }'), ['11']);
  assert.deepEqual(await ids('{ kind = client && status = ok }'), [CHECKOUT_SEARCH_ID]);
  assert.deepEqual(await ids('{ duration >= 1s }'), [CHECKOUT_SEARCH_ID, '5b8efff798038103d269b633813fc60c']);
  assert.deepEqual(await ids('{ name = "x" || name = "FindNearest" }'), [CHECKOUT_SEARCH_ID]);
  // The same span must satisfy every condition joined by &&.
  assert.deepEqual(await ids('{ resource.service.name = "frontend" && status = error }'), []);
});

test('GET /api/search: 400 with a message for TraceQL it cannot parse', async () => {
  for (const q of ['{ span.a = }', '{ .a = 1 } | count() > 1', 'resource.service.name = "x"', '{ duration > 5 }', '{ foo = 1 }']) {
    const r = await get(`/api/search?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 400, q);
    assert.match(r.type, /text\/plain/);
    assert.match(r.text, /TraceQL/);
  }
  assert.equal((await get('/api/search?limit=abc')).status, 400);
  assert.equal((await get('/api/search?minDuration=fast')).status, 400);
});

test('GET /api/search with legacy tags, minDuration/maxDuration and start/end', async () => {
  const ids = async (qs) => (await get(`/api/search?${qs}`)).json.traces.map((t) => t.traceID);
  assert.deepEqual(await ids(`tags=${encodeURIComponent('service.name=customer http.status_code=500')}`), [CHECKOUT_SEARCH_ID]);
  assert.deepEqual(await ids(`tags=${encodeURIComponent('service.name=frontend')}&minDuration=1s`), [CHECKOUT_SEARCH_ID]);
  assert.deepEqual(await ids('minDuration=900ms&maxDuration=1100ms'), ['5b8efff798038103d269b633813fc60c']);
  assert.deepEqual(await ids('maxDuration=1ms'), ['11']);
  assert.deepEqual(await ids(`start=${NOW_S - 45}&end=${NOW_S + 60}`), [CHECKOUT_SEARCH_ID, '5b8efff798038103d269b633813fc60c']);
  assert.deepEqual(await ids('start=1000&end=2000'), []);
});

test('tag names: /api/v2/search/tags scopes and /api/search/tags', async () => {
  const v2 = await get('/api/v2/search/tags');
  assert.equal(v2.status, 200);
  assert.deepEqual(
    v2.json.scopes.map((s) => s.name),
    ['resource', 'span', 'intrinsic'],
  );
  assert.deepEqual(v2.json.scopes[0].tags, ['service.name']);
  assert.deepEqual(v2.json.scopes[1].tags, ['http.method', 'http.status_code', 'load', 'my.span.attr', 'retry']);
  assert.ok(v2.json.scopes[2].tags.includes('duration'));
  assert.deepEqual(v2.json.metrics, {});
  const only = await get('/api/v2/search/tags?scope=resource');
  assert.deepEqual(only.json.scopes, [{ name: 'resource', tags: ['service.name'] }]);
  const v1 = await get('/api/search/tags?scope=span');
  assert.deepEqual(v1.json, { tagNames: ['http.method', 'http.status_code', 'load', 'my.span.attr', 'retry'], metrics: {} });
  assert.equal((await get('/api/search/tags?scope=nope')).status, 400);
});

test('tag values: typed in v2, plain strings in v1', async () => {
  const svc = await get('/api/v2/search/tag/resource.service.name/values');
  assert.deepEqual(svc.json.tagValues.map((v) => v.value), [
    'customer',
    'driver',
    'example-service-1',
    'example-service-2',
    'example-service-3',
    'frontend',
    'my.service',
  ]);
  assert.deepEqual(svc.json.tagValues[0], { type: 'string', value: 'customer' });
  const codes = await get('/api/v2/search/tag/span.http.status_code/values');
  assert.deepEqual(codes.json, {
    tagValues: [
      { type: 'int', value: '200' },
      { type: 'int', value: '500' },
    ],
    metrics: {},
  });
  const status = await get('/api/v2/search/tag/status/values');
  assert.deepEqual(
    status.json.tagValues.map((v) => `${v.type}:${v.value}`).sort(),
    ['keyword:error', 'keyword:ok', 'keyword:unset'],
  );
  const v1 = await get('/api/search/tag/service.name/values');
  assert.equal(v1.json.tagValues[0], 'customer');
  assert.ok(v1.json.tagValues.every((v) => typeof v === 'string'));
});

test('X-Scope-OrgID keeps tenants apart', async () => {
  const doc = checkoutTrace();
  doc.resourceSpans[0].resource.attributes[0].value.stringValue = 'tenant-a-frontend';
  await post(doc, { 'X-Scope-OrgID': 'tenant-a' });
  const a = await get('/api/search', { 'X-Scope-OrgID': 'tenant-a' });
  assert.deepEqual(a.json.traces.map((t) => t.rootServiceName), ['tenant-a-frontend']);
  assert.equal((await get('/api/traces/11', { 'X-Scope-OrgID': 'tenant-a' })).status, 404);
  assert.equal((await get(`/api/traces/${CHECKOUT_ID}`)).json.batches[0].resource.attributes[0].value.stringValue, 'frontend');
});

test('OTLP receiver rejects protobuf and bad JSON', async () => {
  const proto = await fetch(`${otlp}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/x-protobuf' }, body: 'x' });
  assert.equal(proto.status, 415);
  const bad = await fetch(`${otlp}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}' });
  assert.equal(bad.status, 400);
});

test('helpers: durations and the TraceQL parser', () => {
  assert.equal(parseDuration('1h2m3s'), 3723e9);
  assert.equal(parseDuration('1.5ms'), 1.5e6);
  assert.throws(() => parseDuration('5'));
  assert.equal(parseTraceQL('{}').conds.length, 0);
  assert.equal(parseTraceQL('{ span."quoted key" = "v" }').conds[0].field.key, 'quoted key');
});
