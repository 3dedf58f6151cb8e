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

/** A server of its own for a test that needs other options or data: {get, post, httpPort}. */
async function withServer(opts, fn) {
  const own = await startServer({ httpPort: 0, otlpPort: 0, ...opts });
  const ownBase = `http://127.0.0.1:${own.httpPort}`;
  const ownOtlp = `http://127.0.0.1:${own.otlpPort}`;
  const tget = async (p, headers = {}) => {
    const res = await fetch(`${ownBase}${p}`, { headers });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, type: res.headers.get('content-type') };
  };
  const tpost = async (doc, headers = {}) => {
    const res = await fetch(`${ownOtlp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(doc),
    });
    assert.equal(res.status, 200, await res.clone().text());
  };
  try {
    await fn({ get: tget, post: tpost, httpPort: own.httpPort });
  } finally {
    await own.close();
  }
}

/** checkoutTrace with another trace id (hex), so several copies can live in one server. */
function checkoutCopy(idHex, start) {
  const doc = checkoutTrace(start);
  for (const rs of doc.resourceSpans)
    for (const ss of rs.scopeSpans) for (const sp of ss.spans) sp.traceId = b64(idHex);
  return doc;
}
const S = (ns) => Number(ns / 1_000_000_000n);

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
  // cmd/tempo/app/modules.go echoHandler writes with http.Error: text/plain and a newline.
  assert.equal(echo.text, 'echo\n');
  assert.match(echo.type, /^text\/plain/);
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
  // An unknown id: 200 with an empty trace, never 404 (modules/querier/http.go TraceByIDHandlerV2;
  // modules/frontend/combiner/trace_by_id_v2.go); v1 answers 404 with an empty body.
  const miss = await get('/api/v2/traces/0123456789abcdef');
  assert.equal(miss.status, 200);
  assert.deepEqual(miss.json, { trace: {}, metrics: {} });
  assert.equal((await get('/api/traces/0123456789abcdef')).status, 404);
  // A route this Tempo does not have: 404 "404 page not found" (how a client tells v2 is missing).
  const none = await get('/api/v3/traces/0123456789abcdef');
  assert.equal(none.status, 404);
  assert.equal(none.text, '404 page not found');
});

test('GET /api/search with TraceQL: the response shape', async () => {
  const q =
    '{ resource.service.name = "customer" && name = "/customer" && span.http.status_code = 500 && duration > 500ms && status = error }';
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
    return (r.json.traces ?? []).map((t) => t.traceID);
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
  for (const q of [
    '{ span.a = }',
    '{ .a = 1 } | count() > 1',
    'resource.service.name = "x"',
    '{ duration > 5 }',
    '{ foo = 1 }',
  ]) {
    const r = await get(`/api/search?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 400, q);
    assert.match(r.type, /text\/plain/);
    assert.match(r.text, /TraceQL/);
  }
  assert.equal((await get('/api/search?limit=abc')).status, 400);
  assert.equal((await get('/api/search?minDuration=fast')).status, 400);
});

test('GET /api/search with legacy tags, minDuration/maxDuration and start/end', async () => {
  const ids = async (qs) => ((await get(`/api/search?${qs}`)).json.traces ?? []).map((t) => t.traceID);
  assert.deepEqual(await ids(`tags=${encodeURIComponent('service.name=customer http.status_code=500')}`), [
    CHECKOUT_SEARCH_ID,
  ]);
  assert.deepEqual(await ids(`tags=${encodeURIComponent('service.name=frontend')}&minDuration=1s`), [
    CHECKOUT_SEARCH_ID,
  ]);
  assert.deepEqual(await ids('minDuration=900ms&maxDuration=1100ms'), ['5b8efff798038103d269b633813fc60c']);
  assert.deepEqual(await ids('maxDuration=1ms'), ['11']);
  assert.deepEqual(await ids(`start=${NOW_S - 45}&end=${NOW_S + 60}`), [
    CHECKOUT_SEARCH_ID,
    '5b8efff798038103d269b633813fc60c',
  ]);
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
  assert.deepEqual(v1.json, {
    tagNames: ['http.method', 'http.status_code', 'load', 'my.span.attr', 'retry'],
    metrics: {},
  });
  assert.equal((await get('/api/search/tags?scope=nope')).status, 400);
});

test('tag values: typed in v2, plain strings in v1', async () => {
  const svc = await get('/api/v2/search/tag/resource.service.name/values');
  assert.deepEqual(
    svc.json.tagValues.map((v) => v.value),
    ['customer', 'driver', 'example-service-1', 'example-service-2', 'example-service-3', 'frontend', 'my.service'],
  );
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
  assert.deepEqual(status.json.tagValues.map((v) => `${v.type}:${v.value}`).sort(), [
    'keyword:error',
    'keyword:ok',
    'keyword:unset',
  ]);
  const v1 = await get('/api/search/tag/service.name/values');
  assert.equal(v1.json.tagValues[0], 'customer');
  assert.ok(v1.json.tagValues.every((v) => typeof v === 'string'));
});

test('X-Scope-OrgID: ignored without multitenancy, keeps tenants apart with it', async () => {
  // Multitenancy off: one tenant, "single-tenant", whatever the header says (cmd/tempo/app/app.go
  // picks fakeHTTPAuthMiddleware, cmd/tempo/app/fake_auth.go, when multitenancy_enabled is false).
  const any = await get(`/api/traces/${CHECKOUT_ID}`, { 'X-Scope-OrgID': 'someone-else' });
  assert.equal(any.status, 200);
  await withServer({ multitenancy: true }, async ({ get: tget, post: tpost }) => {
    const doc = checkoutTrace();
    doc.resourceSpans[0].resource.attributes[0].value.stringValue = 'tenant-a-frontend';
    await tpost(doc, { 'X-Scope-OrgID': 'tenant-a' });
    const a = await tget('/api/search', { 'X-Scope-OrgID': 'tenant-a' });
    assert.deepEqual(
      a.json.traces.map((t) => t.rootServiceName),
      ['tenant-a-frontend'],
    );
    assert.equal((await tget(`/api/traces/${CHECKOUT_ID}`, { 'X-Scope-OrgID': 'tenant-b' })).status, 404);
    const noOrg = await tget('/api/search');
    assert.equal(noOrg.status, 401);
    assert.equal(noOrg.text, 'no org id');
  });
});

test('OTLP receiver rejects protobuf and bad JSON', async () => {
  const proto = await fetch(`${otlp}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-protobuf' },
    body: 'x',
  });
  assert.equal(proto.status, 415);
  const bad = await fetch(`${otlp}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}',
  });
  assert.equal(bad.status, 400);
});

// ---------------------------------------------------------------- as strict as a real Tempo

test('trace by id: a window reads only blocks whose recorded range overlaps; far-off span times are recorded at ingestion time', async () => {
  // modules/frontend/traceid_sharder.go (with start/end only overlapping blocks are read);
  // modules/blockbuilder/tenant_store.go (spans beyond ingestion_time_range_slack, 2 min, get
  // the ingestion time as their block range).
  await withServer({}, async ({ get: tget, post: tpost }) => {
    const oldId = '00000000000000000000000000a1d000';
    const freshId = '00000000000000000000000000f4e500';
    const oldStart = NOW_NS - ms(3 * 3600_000); // a replayed trace: its spans are 3 h old
    const freshStart = NOW_NS - ms(60_000); // within the slack: recorded by its own times
    await tpost(checkoutCopy(oldId, oldStart));
    await tpost(checkoutCopy(freshId, freshStart));
    const around = (ns) => `start=${S(ns) - 1}&end=${S(ns) + 2}`;
    // The replayed trace is hidden by a window around its own span times…
    const v2 = await tget(`/api/v2/traces/${oldId}?${around(oldStart)}`);
    assert.equal(v2.status, 200);
    assert.deepEqual(v2.json.trace, {});
    assert.equal((await tget(`/api/traces/${oldId}?${around(oldStart)}`)).status, 404);
    // …found without a window, and with one around the time it was ingested.
    assert.equal((await tget(`/api/v2/traces/${oldId}`)).json.trace.resourceSpans.length, 3);
    assert.equal(
      (await tget(`/api/v2/traces/${oldId}?start=${NOW_S - 60}&end=${NOW_S + 60}`)).json.trace.resourceSpans.length,
      3,
    );
    // A trace sent as it happens is found by a window around its span times.
    assert.equal((await tget(`/api/v2/traces/${freshId}?${around(freshStart)}`)).json.trace.resourceSpans.length, 3);
  });
});

test("search and tags: at most 168h, end after start, both or neither of start/end; Tempo's error texts", async () => {
  // modules/frontend/search_sharder.go (max_duration, default 168h), pkg/api/http.go
  // (ParseSearchRequest: end must be after start; ClampDateRangeReq: both or neither),
  // modules/frontend/tag_sharder.go (the same limit for tags).
  const week = 168 * 3600;
  const ok = await get(`/api/search?q=%7B%7D&start=${NOW_S - week}&end=${NOW_S}`);
  assert.equal(ok.status, 200, ok.text);
  const over = await get(`/api/search?q=%7B%7D&start=${NOW_S - week - 1}&end=${NOW_S}`);
  assert.equal(over.status, 400);
  assert.match(over.type, /text\/plain/);
  assert.equal(
    over.text,
    `range specified by start and end exceeds 168h0m0s. received start=${NOW_S - week - 1} end=${NOW_S}`,
  );
  const backwards = await get(`/api/search?q=%7B%7D&start=${NOW_S}&end=${NOW_S - 60}`);
  assert.equal(backwards.status, 400);
  assert.equal(backwards.text, `http parameter start must be before end. received start=${NOW_S} end=${NOW_S - 60}`);
  assert.equal((await get(`/api/search?q=%7B%7D&start=${NOW_S}&end=${NOW_S}`)).status, 400);
  for (const lone of [`start=${NOW_S - 60}`, `end=${NOW_S}`]) {
    const r = await get(`/api/search?q=%7B%7D&${lone}`);
    assert.equal(r.status, 400, lone);
    assert.equal(r.text, 'error parsing date range: only one of start and end provided: must provide both or neither');
  }
  assert.equal((await get(`/api/v2/search/tags?start=${NOW_S - week - 1}&end=${NOW_S}`)).status, 400);
  assert.equal(
    (await get(`/api/v2/search/tag/resource.service.name/values?start=${NOW_S - week - 1}&end=${NOW_S}`)).status,
    400,
  );
  const both = await get('/api/search?q=%7B%7D&tags=a%3Db');
  assert.equal(both.status, 400);
  assert.match(both.text, /can't specify tags and q/);
});

test('search: query_end_cutoff leaves out the last seconds', async () => {
  // modules/frontend/config.go (query_end_cutoff, 30s in Tempo 3) and
  // modules/frontend/pipeline/async_adjust_start_end.go + pkg/api/http.go ClampDateRangeReq (end clamped).
  await withServer({ queryEndCutoffS: 30 }, async ({ get: tget, post: tpost }) => {
    await tpost(checkoutCopy('000000000000000000000000000c0001', NOW_NS - ms(90_000)));
    await tpost(checkoutCopy('000000000000000000000000000c0002', NOW_NS - ms(5_000)));
    const ids = async (qs) => ((await tget(`/api/search?q=%7B%7D&${qs}`)).json.traces ?? []).map((t) => t.traceID);
    assert.deepEqual(await ids(`start=${NOW_S - 600}&end=${NOW_S + 1}`), ['c0001']);
    assert.deepEqual(await ids(''), ['c0001'], 'the default window ends at now − cutoff too');
  });
  await withServer({}, async ({ get: tget, post: tpost }) => {
    await tpost(checkoutCopy('000000000000000000000000000c0002', NOW_NS - ms(5_000)));
    const r = await tget(`/api/search?q=%7B%7D&start=${NOW_S - 600}&end=${NOW_S + 1}`);
    assert.deepEqual(
      r.json.traces.map((t) => t.traceID),
      ['c0002'],
      'no cutoff by default',
    );
  });
});

test('search: limit keeps the first traces found; with(most_recent=true) the newest; older versions refuse the hint', async () => {
  // pkg/traceql/combine.go (NewMetadataCombiner: first N, or newMostRecentCombiner with the hint),
  // pkg/traceql/enum_hints.go (most_recent, since v2.8), pkg/traceql/expr.y (`with ( hints )`).
  const ids = async (q, extra = '') => {
    const r = await get(`/api/search?q=${encodeURIComponent(q)}&limit=2${extra}`);
    assert.equal(r.status, 200, r.text);
    return r.json.traces.map((t) => t.traceID);
  };
  // Ingested oldest first: the integration example (60 s ago), the proto example (30 s), checkout (5 s).
  assert.deepEqual(
    await ids('{}'),
    ['5b8efff798038103d269b633813fc60c', '11'],
    'the first two found, then sorted newest first',
  );
  assert.deepEqual(await ids('{} with (most_recent=true)'), [CHECKOUT_SEARCH_ID, '5b8efff798038103d269b633813fc60c']);
  assert.deepEqual(await ids('{ duration >= 1s } with(most_recent=true)'), [
    CHECKOUT_SEARCH_ID,
    '5b8efff798038103d269b633813fc60c',
  ]);
  await withServer({ version: '2.7.2' }, async ({ get: tget }) => {
    const info = await tget('/api/status/buildinfo');
    assert.equal(info.json.version, '2.7.2');
    const r = await tget(`/api/search?q=${encodeURIComponent('{} with (most_recent=true)')}`);
    assert.equal(r.status, 400);
    assert.match(r.text, /^invalid TraceQL query: /);
    assert.equal((await tget('/api/search?q=%7B%7D')).status, 200);
  });
});

test('search: an empty result leaves "traces" out', async () => {
  // jsonpb omits an empty repeated field (pkg/tempopb SearchResponse, marshalled by the frontend).
  const r = await get(`/api/search?q=${encodeURIComponent('{ name = "nothing here" }')}`);
  assert.equal(r.status, 200);
  assert.equal('traces' in r.json, false);
  assert.ok(r.json.metrics);
});

test('tags: recent data without a range, start/end and limit honoured, v2 names must be TraceQL identifiers, q filters values', async () => {
  // modules/frontend/tag_handlers.go + pipeline/async_adjust_start_end.go (no range: the recent
  // window), pkg/api/search_tags.go (ParseIdentifier on v2 names), pkg/traceql/lexer.go (quoting).
  await withServer({}, async ({ get: tget, post: tpost }) => {
    const old = checkoutCopy('00000000000000000000000000001d1e', NOW_NS - ms(3600_000));
    old.resourceSpans[0].resource.attributes[0].value.stringValue = 'hour-old';
    old.resourceSpans[0].scopeSpans[0].spans[0].attributes.push({ key: 'odd key', value: { stringValue: 'v' } });
    await tpost(old);
    await tpost(checkoutTrace());
    const svc = async (qs) =>
      (await tget(`/api/v2/search/tag/resource.service.name/values${qs}`)).json.tagValues.map((v) => v.value);
    assert.deepEqual(await svc(''), ['customer', 'driver', 'frontend'], 'without a range: the last 15 minutes');
    assert.deepEqual(await svc(`?start=${NOW_S - 7200}&end=${NOW_S}`), ['customer', 'driver', 'frontend', 'hour-old']);
    assert.deepEqual(await svc(`?start=${NOW_S - 7200}&end=${NOW_S}&limit=2`), ['customer', 'driver']);
    const names = await tget(`/api/v2/search/tags?scope=span&start=${NOW_S - 7200}&end=${NOW_S}`);
    assert.ok(names.json.scopes[0].tags.includes('odd key'));
    const bad = await tget(
      `/api/v2/search/tag/${encodeURIComponent('span.odd key')}/values?start=${NOW_S - 7200}&end=${NOW_S}`,
    );
    assert.equal(bad.status, 400);
    assert.match(bad.text, /^please provide a valid tagName/);
    const quoted = await tget(
      `/api/v2/search/tag/${encodeURIComponent('span."odd key"')}/values?start=${NOW_S - 7200}&end=${NOW_S}`,
    );
    assert.equal(quoted.status, 200, quoted.text);
    assert.deepEqual(quoted.json.tagValues, [{ type: 'string', value: 'v' }]);
    // v1 names are plain keys, no TraceQL check.
    assert.equal(
      (await tget(`/api/search/tag/${encodeURIComponent('odd key')}/values?start=${NOW_S - 7200}&end=${NOW_S}`)).status,
      200,
    );
    const q = encodeURIComponent('{resource.service.name="customer"}');
    const ops = await tget(`/api/v2/search/tag/name/values?q=${q}&start=${NOW_S - 7200}&end=${NOW_S}`);
    assert.deepEqual(ops.json.tagValues, [{ type: 'string', value: '/customer' }]);
  });
});

test('buildinfo: Prometheus-style version object, as Tempo writes it', async () => {
  // cmd/tempo/app/app.go buildinfoHandler, cmd/tempo/build/build.go (prom.PrometheusVersion).
  const r = await get('/api/status/buildinfo');
  assert.equal(r.status, 200);
  assert.match(r.type, /application\/json/);
  assert.deepEqual(Object.keys(r.json), ['version', 'revision', 'branch', 'buildUser', 'buildDate', 'goVersion']);
  assert.equal(r.json.version, 'v3.0.3');
});

test('helpers: durations and the TraceQL parser', () => {
  assert.equal(parseDuration('1h2m3s'), 3723e9);
  assert.equal(parseDuration('1.5ms'), 1.5e6);
  assert.throws(() => parseDuration('5'));
  assert.equal(parseTraceQL('{}').conds.length, 0);
  assert.equal(parseTraceQL('{ span."quoted key" = "v" }').conds[0].field.key, 'quoted key');
});
