// The Tempo-compatible server's protobuf answers (run with `node --test e2e/tempo-server/`):
// trace by id with `Accept: application/protobuf` must carry exactly what the JSON answer
// carries. The body is read here with @bufbuild/protobuf's BinaryReader and a field table taken
// from the .proto files (tempo pkg/tempopb/tempo.proto, opentelemetry-proto trace/common/resource
// v1), independent of the server's hand-written encoder, and turned back into Tempo's jsonpb form
// (base64 bytes, enum names, 64-bit ints as strings, zero values left out): a round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = process.env.PATHLIGHT_FIXTURES ?? path.resolve(here, '../../../shared/fixtures');
const loadFixture = (name) => JSON.parse(readFileSync(path.join(FIXTURES, 'otlp-json', name), 'utf8'));

const KINDS = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT'];
KINDS.push('SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER');
const CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

// field number → [json name, type, message or enum names, repeated]
const KV = (n) => [n, ['attributes', 'message', 'KeyValue', true]];
const DROPPED = (n) => [n, ['droppedAttributesCount', 'uint32']];
const SCHEMA = {
  TraceByIDResponse: new Map([
    [1, ['trace', 'message', 'Trace']],
    [2, ['metrics', 'message', 'TraceByIDMetrics']],
    [3, ['status', 'enum', ['COMPLETE', 'PARTIAL']]],
    [4, ['message', 'string']],
  ]),
  TraceByIDMetrics: new Map([[1, ['inspectedBytes', 'uint64']]]),
  Trace: new Map([[1, ['resourceSpans', 'message', 'ResourceSpans', true]]]),
  ResourceSpans: new Map([
    [1, ['resource', 'message', 'Resource']],
    [2, ['scopeSpans', 'message', 'ScopeSpans', true]],
    [3, ['schemaUrl', 'string']],
  ]),
  Resource: new Map([KV(1), DROPPED(2)]),
  ScopeSpans: new Map([
    [1, ['scope', 'message', 'InstrumentationScope']],
    [2, ['spans', 'message', 'Span', true]],
    [3, ['schemaUrl', 'string']],
  ]),
  InstrumentationScope: new Map([[1, ['name', 'string']], [2, ['version', 'string']], KV(3), DROPPED(4)]),
  Span: new Map([
    [1, ['traceId', 'bytes']],
    [2, ['spanId', 'bytes']],
    [3, ['traceState', 'string']],
    [4, ['parentSpanId', 'bytes']],
    [5, ['name', 'string']],
    [6, ['kind', 'enum', KINDS]],
    [7, ['startTimeUnixNano', 'fixed64']],
    [8, ['endTimeUnixNano', 'fixed64']],
    KV(9),
    DROPPED(10),
    [11, ['events', 'message', 'Event', true]],
    [12, ['droppedEventsCount', 'uint32']],
    [13, ['links', 'message', 'Link', true]],
    [14, ['droppedLinksCount', 'uint32']],
    [15, ['status', 'message', 'Status']],
    [16, ['flags', 'fixed32']],
  ]),
  Event: new Map([[1, ['timeUnixNano', 'fixed64']], [2, ['name', 'string']], KV(3), DROPPED(4)]),
  Link: new Map([
    [1, ['traceId', 'bytes']],
    [2, ['spanId', 'bytes']],
    [3, ['traceState', 'string']],
    KV(4),
    DROPPED(5),
    [6, ['flags', 'fixed32']],
  ]),
  Status: new Map([
    [2, ['message', 'string']],
    [3, ['code', 'enum', CODES]],
  ]),
  KeyValue: new Map([
    [1, ['key', 'string']],
    [2, ['value', 'message', 'AnyValue']],
  ]),
  // A oneof: its member is kept even when it holds the zero value.
  AnyValue: new Map([
    [1, ['stringValue', 'string!']],
    [2, ['boolValue', 'bool!']],
    [3, ['intValue', 'int64!']],
    [4, ['doubleValue', 'double!']],
    [5, ['arrayValue', 'message', 'ArrayValue']],
    [6, ['kvlistValue', 'message', 'KeyValueList']],
    [7, ['bytesValue', 'bytes!']],
  ]),
  ArrayValue: new Map([[1, ['values', 'message', 'AnyValue', true]]]),
  KeyValueList: new Map([[1, ['values', 'message', 'KeyValue', true]]]),
};

const WIRE = { string: 2, bytes: 2, message: 2, bool: 0, int64: 0, uint64: 0, uint32: 0, enum: 0 };
Object.assign(WIRE, { fixed64: 1, double: 1, fixed32: 5 });

/** One message of the schema → its jsonpb form (a test decoder; nesting here is bounded by the test data). */
function decode(bytes, type) {
  const r = new BinaryReader(bytes);
  const out = {};
  while (r.pos < r.len) {
    const [no, wt] = r.tag();
    const field = SCHEMA[type].get(no);
    if (!field) assert.fail(`${type}: unexpected field ${no}`);
    const [name, kind, sub, repeated] = field;
    const base = kind.replace('!', '');
    assert.equal(wt, WIRE[base], `${type}.${name}: wire type`);
    let v;
    if (base === 'message') v = decode(r.bytes(), sub);
    else if (base === 'string') v = r.string();
    else if (base === 'bytes') v = Buffer.from(r.bytes()).toString('base64');
    else if (base === 'bool') v = r.bool();
    else if (base === 'int64') v = String(r.int64());
    else if (base === 'uint64' || base === 'fixed64') v = String(base === 'uint64' ? r.uint64() : r.fixed64());
    else if (base === 'uint32') v = r.uint32();
    else if (base === 'fixed32') v = r.fixed32();
    else if (base === 'double') v = r.double();
    else if (base === 'enum') v = sub[r.int32()];
    if (repeated) (out[name] ??= []).push(v);
    else out[name] = v;
  }
  assert.equal(r.pos, r.len, `${type}: trailing bytes`);
  return out;
}

const ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const b64 = (hex) => Buffer.from(hex, 'hex').toString('base64');
const NOW = BigInt(Date.now()) * 1_000_000n;
const ns = (msAgo) => String(NOW - BigInt(msAgo) * 1_000_000n);

/** Every AnyValue kind, events, links, status, flags, dropped counts, trace state. */
const RICH = {
  resourceSpans: [
    {
      resource: {
        attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }],
        droppedAttributesCount: 2,
      },
      schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
      scopeSpans: [
        {
          scope: { name: 'hotrod', version: '1.0', attributes: [{ key: 'a', value: { boolValue: false } }] },
          spans: [
            {
              traceId: ID,
              spanId: '00f067aa0ba902b7',
              traceState: 'rojo=00f067aa0ba902b7',
              flags: 257,
              name: 'GET /dispatch ✓',
              kind: 2,
              startTimeUnixNano: ns(900),
              endTimeUnixNano: ns(100),
              attributes: [
                { key: 's', value: { stringValue: '' } },
                { key: 'i', value: { intValue: '-7' } },
                { key: 'max', value: { intValue: '9223372036854775807' } },
                { key: 'd', value: { doubleValue: -0.5 } },
                { key: 'raw', value: { bytesValue: 'AAAwOQ==' } },
                { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'x' }, { arrayValue: {} }] } } },
                {
                  key: 'map',
                  value: { kvlistValue: { values: [{ key: 'k', value: { kvlistValue: { values: [] } } }] } },
                },
              ],
              droppedAttributesCount: 1,
              events: [{ timeUnixNano: ns(500), name: 'retry', attributes: [{ key: 'n', value: { intValue: '2' } }] }],
              droppedEventsCount: 3,
              links: [{ traceId: ID, spanId: '00000000000000aa', traceState: 't=1', flags: 1 }],
              droppedLinksCount: 4,
              status: { code: 2, message: 'boom' },
            },
            {
              traceId: ID,
              spanId: '00000000000000ab',
              parentSpanId: '00f067aa0ba902b7',
              name: 'child',
              startTimeUnixNano: ns(800),
              endTimeUnixNano: ns(700),
              status: { code: 1 },
            },
          ],
        },
      ],
    },
  ],
};

let srv;
let base;
const PROTOBUF = { accept: 'application/protobuf, application/json;q=0.9' };

async function get(p, headers = {}, at = base) {
  const res = await fetch(`${at}${p}`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), body: new Uint8Array(await res.arrayBuffer()) };
}
const json = (r) => JSON.parse(Buffer.from(r.body).toString('utf8'));

before(async () => {
  srv = await startServer({ httpPort: 0, otlpPort: 0 });
  base = `http://127.0.0.1:${srv.httpPort}`;
  for (const doc of [
    RICH,
    loadFixture('jaeger-integration-example-trace.json'),
    loadFixture('otel-proto-example-trace.json'),
  ]) {
    const res = await fetch(`http://127.0.0.1:${srv.otlpPort}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(doc),
    });
    assert.equal(res.status, 200, await res.clone().text());
  }
});
after(() => srv.close());

test('trace by id in protobuf carries exactly what the JSON answer carries (v1 Trace, v2 TraceByIDResponse)', async () => {
  const ids = [...srv.store.traces('single-tenant').keys()];
  assert.equal(ids.length, 3);
  for (const id of ids) {
    const v1 = await get(`/api/traces/${id}`, PROTOBUF);
    assert.equal(v1.status, 200);
    assert.equal(v1.type, 'application/protobuf');
    const v1Json = json(await get(`/api/traces/${id}`));
    assert.ok(v1Json.batches.length > 0);
    assert.deepEqual(decode(v1.body, 'Trace'), { resourceSpans: v1Json.batches });

    const v2 = await get(`/api/v2/traces/${id}`, PROTOBUF);
    assert.equal(v2.type, 'application/protobuf');
    assert.deepEqual(decode(v2.body, 'TraceByIDResponse'), json(await get(`/api/v2/traces/${id}`)));
  }
});

test('the rich trace: every AnyValue kind, flags, trace state and dropped counts survive the protobuf', async () => {
  const r = decode((await get(`/api/traces/${ID}`, PROTOBUF)).body, 'Trace');
  const root = r.resourceSpans[0].scopeSpans[0].spans.find((s) => s.name === 'GET /dispatch ✓');
  assert.equal(root.traceId, b64(ID));
  assert.equal(root.flags, 257);
  assert.equal(root.traceState, 'rojo=00f067aa0ba902b7');
  assert.equal(root.kind, 'SPAN_KIND_SERVER');
  assert.equal(root.startTimeUnixNano, ns(900));
  assert.deepEqual(
    root.attributes.map((a) => a.value),
    [
      { stringValue: '' },
      { intValue: '-7' },
      { intValue: '9223372036854775807' },
      { doubleValue: -0.5 },
      { bytesValue: 'AAAwOQ==' },
      { arrayValue: { values: [{ stringValue: 'x' }, { arrayValue: {} }] } },
      { kvlistValue: { values: [{ key: 'k', value: { kvlistValue: {} } }] } },
    ],
  );
  assert.deepEqual(root.links, [{ traceId: b64(ID), spanId: b64('00000000000000aa'), traceState: 't=1', flags: 1 }]);
  assert.deepEqual(root.status, { message: 'boom', code: 'STATUS_CODE_ERROR' });
  assert.equal(root.droppedLinksCount, 4);
  assert.equal(r.resourceSpans[0].resource.droppedAttributesCount, 2);
});

test('Accept decides as in Tempo: protobuf when named (even after JSON), JSON otherwise; misses keep their shape', async () => {
  for (const accept of ['application/protobuf', 'application/json, application/protobuf']) {
    assert.equal((await get(`/api/v2/traces/${ID}`, { accept })).type, 'application/protobuf', accept);
  }
  for (const accept of ['application/json', '*/*', '']) {
    assert.equal((await get(`/api/v2/traces/${ID}`, { accept })).type, 'application/json', accept);
  }
  // v2 answers a miss with 200 and an empty trace, in protobuf too; v1 with an empty 404.
  const miss = await get('/api/v2/traces/0123456789abcdef', PROTOBUF);
  assert.equal(miss.status, 200);
  assert.equal(miss.type, 'application/protobuf');
  assert.deepEqual(decode(miss.body, 'TraceByIDResponse'), { trace: {}, metrics: {} });
  const v1Miss = await get('/api/traces/0123456789abcdef', PROTOBUF);
  assert.equal(v1Miss.status, 404);
  assert.equal(v1Miss.body.length, 0);
});

test('--json-only answers JSON whatever is asked (a Tempo or proxy without protobuf)', async () => {
  const own = await startServer({ httpPort: 0, otlpPort: 0, jsonOnly: true });
  try {
    const r = await get('/api/v2/traces/0123456789abcdef', PROTOBUF, `http://127.0.0.1:${own.httpPort}`);
    assert.equal(r.type, 'application/json');
    assert.deepEqual(json(r), { trace: {}, metrics: {} });
  } finally {
    await own.close();
  }
});
