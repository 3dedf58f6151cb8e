// A Tempo-compatible test server (test code, not product code; no dependencies).
//
// Written from the wire facts in shared/WIRE-FORMATS.md §3 only. It speaks Tempo's
// encodings so Pathlight's Tempo adapter can be tested end to end on a machine where
// Tempo itself cannot be installed:
//   - OTLP/HTTP JSON in:   POST /v1/traces on the OTLP port (gzip accepted; hex or base64 ids,
//                          integer or name enums).
//   - Query API (HTTP port): /ready, /api/echo, /api/traces/{id}, /api/v2/traces/{id},
//                          /api/search (TraceQL subset `q`, or legacy `tags`), tag endpoints v1/v2.
//   - Responses use gogo-jsonpb-style encoding: base64 ids, enum names, 64-bit ints as strings,
//     zero values omitted; search results use hex trace ids with leading zeros stripped.
//   - Trace by id answers protobuf (tempopb.Trace on v1, TraceByIDResponse on v2, Content-Type
//     application/protobuf) when the Accept header names application/protobuf, as Tempo does
//     (proto-encode.mjs); `--json-only` answers JSON whatever is asked, like Tempo before protobuf.
// Storage is in memory. With --multitenancy, per tenant (X-Scope-OrgID, required); without it the
// header is ignored and everything is tenant "single-tenant", as in Tempo.
//
// It is as strict as a real Tempo where Pathlight could otherwise lean on kindness (each point
// names the Tempo source it mirrors; see server.test.mjs):
//   - trace by id with start/end reads only "blocks" whose recorded range overlaps; a trace whose
//     span times are more than 2 min from ingestion time is recorded at ingestion time;
//   - /api/v2/traces answers an unknown id with 200 {"trace":{}}; /api/traces with an empty 404;
//   - search: at most 168 h, end > start, both or neither of start/end (neither: the last 15 min),
//     `end` clamped to now − query_end_cutoff; `limit` keeps the FIRST traces found unless the
//     TraceQL hint `with(most_recent=true)` asks for the newest (refused by versions before 2.8);
//     an empty result leaves `traces` out;
//   - tag names/values: the same range rules, `limit`, v2 tag names must be TraceQL identifiers,
//     v2 values honour the `q` filter;
//   - /api/status/buildinfo and /api/echo as Tempo writes them.
//
// Usage: node e2e/tempo-server/server.mjs [--http-port 3200] [--otlp-port 4418] [--host 127.0.0.1]
//        [--multitenancy] [--query-end-cutoff 30s] [--version v3.0.3] [--json-only]
//        (env: TEMPO_HTTP_PORT, TEMPO_OTLP_PORT, TEMPO_HOST, TEMPO_MULTITENANCY=1, TEMPO_QUERY_END_CUTOFF,
//         TEMPO_VERSION). The cutoff is off by default (0s) so freshly sent traces are found at once;
//        Tempo 3's own default is 30s.
// Port 0 picks a free port; the chosen ports are printed as one JSON line on stdout.

import http from 'node:http';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { KIND_NAMES, STATUS_NAMES, encodeTrace, encodeTraceByIdResponse } from './proto-encode.mjs';

const DEFAULT_TENANT = 'single-tenant';
const NO_ROOT = '<root span not yet received>';
/** The version /api/status/buildinfo reports unless told otherwise (Tempo 3 writes a leading "v"). */
export const DEFAULT_VERSION = 'v3.0.3';
/** Tempo's defaults: query_frontend max_duration, query_backend_after (the window without start/end),
 *  and ingestion_time_range_slack. */
const MAX_DURATION_S = 168 * 3600;
const RECENT_WINDOW_S = 15 * 60;
const INGESTION_SLACK_NS = 2n * 60n * 1_000_000_000n;

const KIND_WORDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS_WORDS = ['unset', 'ok', 'error'];

// ---------------------------------------------------------------- ids

/** Normalise an id from OTLP/JSON (hex, case-insensitive) or proto-JSON (base64) to lower hex. */
export function idToHex(id, bytes) {
  if (id === undefined || id === null || id === '') return '';
  if (typeof id !== 'string') throw new Error(`id must be a string, got ${typeof id}`);
  const hexLen = bytes * 2;
  let hex;
  // Decide by alphabet, never by "does it decode": a string of hex digits is hex (OTLP/JSON),
  // anything else must be base64 (proto-JSON, as Tempo writes) of exactly `bytes` bytes.
  if (/^[0-9a-fA-F]+$/.test(id)) {
    hex = id.toLowerCase();
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(id) && Buffer.from(id, 'base64').length === bytes) {
    hex = Buffer.from(id, 'base64').toString('hex');
  } else {
    throw new Error(`id ${JSON.stringify(id)} is neither hex nor base64 of ${bytes} bytes`);
  }
  if (hex.length > hexLen) throw new Error(`id ${JSON.stringify(id)} is longer than ${bytes} bytes`);
  return hex.padStart(hexLen, '0');
}

const hexToB64 = (hex) => (hex ? Buffer.from(hex, 'hex').toString('base64') : undefined);
const stripZeros = (hex) => hex.replace(/^0+(?=.)/, '');

function enumValue(v, names, field) {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < names.length) return v;
  if (typeof v === 'string') {
    const i = names.indexOf(v);
    if (i >= 0) return i;
    if (/^\d+$/.test(v) && Number(v) < names.length) return Number(v);
  }
  throw new Error(`bad ${field} ${JSON.stringify(v)}`);
}

function toBigInt(v, field) {
  if (v === undefined || v === null || v === '') return 0n;
  // int64 attribute values may be negative.
  if ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v))) return BigInt(v);
  throw new Error(`bad ${field} ${JSON.stringify(v)}`);
}

// ---------------------------------------------------------------- values (in: OTLP/JSON, out: jsonpb)

function normValue(v) {
  if (!v || typeof v !== 'object') return {};
  if ('stringValue' in v) return { stringValue: String(v.stringValue ?? '') };
  if ('boolValue' in v) return { boolValue: Boolean(v.boolValue) };
  if ('intValue' in v) return { intValue: String(toBigInt(v.intValue, 'intValue')) };
  if ('doubleValue' in v) return { doubleValue: Number(v.doubleValue) };
  if ('bytesValue' in v) return { bytesValue: String(v.bytesValue ?? '') };
  if ('arrayValue' in v) return { arrayValue: { values: (v.arrayValue?.values ?? []).map(normValue) } };
  if ('kvlistValue' in v) return { kvlistValue: { values: normAttrs(v.kvlistValue?.values) } };
  return {};
}

function normAttrs(list) {
  if (!Array.isArray(list)) return [];
  return list
    .filter((kv) => kv && typeof kv.key === 'string')
    .map((kv) => ({ key: kv.key, value: normValue(kv.value) }));
}

/** jsonpb output of a normalised AnyValue: int64 as string, empty arrays omitted. */
function outValue(v) {
  if ('arrayValue' in v) {
    const values = v.arrayValue.values.map(outValue);
    return { arrayValue: values.length ? { values } : {} };
  }
  if ('kvlistValue' in v) {
    const values = outAttrs(v.kvlistValue.values);
    return { kvlistValue: values ? { values } : {} };
  }
  return { ...v };
}

function outAttrs(list) {
  if (!list || list.length === 0) return undefined;
  return list.map((kv) => ({ key: kv.key, value: outValue(kv.value) }));
}

/** The value of an attribute for comparisons: string | number | boolean | undefined. */
function plainValue(v) {
  if (!v) return undefined;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return v.doubleValue;
  return undefined;
}

function valueType(v) {
  if ('stringValue' in v) return 'string';
  if ('boolValue' in v) return 'bool';
  if ('intValue' in v) return 'int';
  if ('doubleValue' in v) return 'float';
  return undefined;
}

const findAttr = (list, key) => list.find((kv) => kv.key === key);

function omitEmpty(obj) {
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined || v === '' || v === 0 || v === false || (Array.isArray(v) && v.length === 0)) delete obj[k];
  }
  return obj;
}

// ---------------------------------------------------------------- ingest

/**
 * Parse an OTLP/JSON ExportTraceServiceRequest (also Tempo's own `batches` output and the
 * old `instrumentationLibrarySpans` shape) into flat span records.
 */
export function parseOtlp(body) {
  const out = [];
  const rss = body?.resourceSpans ?? body?.batches ?? [];
  if (!Array.isArray(rss)) throw new Error('resourceSpans must be an array');
  for (const rs of rss) {
    const resource = {
      attributes: normAttrs(rs?.resource?.attributes),
      droppedAttributesCount: Number(rs?.resource?.droppedAttributesCount ?? 0),
    };
    const serviceAttr = findAttr(resource.attributes, 'service.name');
    const service = serviceAttr ? String(plainValue(serviceAttr.value) ?? '') : '';
    const sss = rs?.scopeSpans ?? rs?.instrumentationLibrarySpans ?? [];
    for (const ss of sss) {
      const sc = ss?.scope ?? ss?.instrumentationLibrary ?? {};
      const scope = {
        name: sc.name ?? '',
        version: sc.version ?? '',
        attributes: normAttrs(sc.attributes),
        droppedAttributesCount: Number(sc.droppedAttributesCount ?? 0),
      };
      for (const s of ss?.spans ?? []) {
        const traceId = idToHex(s.traceId, 16);
        const spanId = idToHex(s.spanId, 8);
        if (!traceId || /^0+$/.test(traceId)) throw new Error('span without a trace id');
        const start = toBigInt(s.startTimeUnixNano, 'startTimeUnixNano');
        const end = toBigInt(s.endTimeUnixNano, 'endTimeUnixNano');
        out.push({
          resource,
          resourceSchemaUrl: rs.schemaUrl ?? '',
          scope,
          scopeSchemaUrl: ss.schemaUrl ?? '',
          service,
          traceId,
          spanId,
          parentSpanId: idToHex(s.parentSpanId, 8),
          traceState: s.traceState ?? '',
          flags: Number(s.flags ?? 0),
          name: s.name ?? '',
          kind: enumValue(s.kind, KIND_NAMES, 'kind'),
          start,
          end: end < start ? start : end,
          attributes: normAttrs(s.attributes),
          droppedAttributesCount: Number(s.droppedAttributesCount ?? 0),
          events: (s.events ?? []).map((e) => ({
            time: toBigInt(e.timeUnixNano, 'timeUnixNano'),
            name: e.name ?? '',
            attributes: normAttrs(e.attributes),
            droppedAttributesCount: Number(e.droppedAttributesCount ?? 0),
          })),
          droppedEventsCount: Number(s.droppedEventsCount ?? 0),
          links: (s.links ?? []).map((l) => ({
            traceId: idToHex(l.traceId, 16),
            spanId: idToHex(l.spanId, 8),
            traceState: l.traceState ?? '',
            attributes: normAttrs(l.attributes),
            droppedAttributesCount: Number(l.droppedAttributesCount ?? 0),
            flags: Number(l.flags ?? 0),
          })),
          droppedLinksCount: Number(s.droppedLinksCount ?? 0),
          status: {
            code: enumValue(s.status?.code, STATUS_NAMES, 'status.code'),
            message: s.status?.message ?? '',
          },
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- store

export class Store {
  constructor() {
    /** tenant -> Map(traceIdHex -> {spans: [], keys: Set, bytes}) */
    this.tenants = new Map();
  }

  traces(tenant) {
    let m = this.tenants.get(tenant);
    if (!m) this.tenants.set(tenant, (m = new Map()));
    return m;
  }

  add(tenant, spans, bytes, nowNs = BigInt(Date.now()) * 1_000_000n) {
    const m = this.traces(tenant);
    const per = Math.ceil(bytes / Math.max(spans.length, 1));
    // The range a block records for a span: its own times, or the ingestion time when they are more
    // than ingestion_time_range_slack away from it (a replayed, imported or clock-skewed trace).
    const recorded = (ns) => (ns - nowNs > INGESTION_SLACK_NS || nowNs - ns > INGESTION_SLACK_NS ? nowNs : ns);
    for (const s of spans) {
      let t = m.get(s.traceId);
      if (!t)
        m.set(
          s.traceId,
          (t = { traceId: s.traceId, spans: [], keys: new Set(), bytes: 0, blockMin: null, blockMax: null }),
        );
      const lo = recorded(s.start);
      const hi = recorded(s.end);
      if (t.blockMin === null || lo < t.blockMin) t.blockMin = lo;
      if (t.blockMax === null || hi > t.blockMax) t.blockMax = hi;
      // Tempo combines duplicate copies of a span; do the same for an exact (span id, kind) repeat.
      const key = `${s.spanId}/${s.kind}`;
      if (t.keys.has(key)) continue;
      t.keys.add(key);
      t.spans.push(s);
      t.bytes += per;
    }
  }
}

function traceRange(t) {
  let min = null;
  let max = null;
  for (const s of t.spans) {
    if (min === null || s.start < min) min = s.start;
    if (max === null || s.end > max) max = s.end;
  }
  return { min: min ?? 0n, max: max ?? 0n };
}

/** Does the trace overlap [start, end] (unix seconds, either may be undefined)? */
function inWindow(t, start, end) {
  const { min, max } = traceRange(t);
  if (start !== undefined && max < BigInt(start) * 1_000_000_000n) return false;
  if (end !== undefined && min > BigInt(end) * 1_000_000_000n) return false;
  return true;
}

/** Trace by id: does the block range recorded for the trace overlap [start, end] (unix seconds)? */
function blockInWindow(t, start, end) {
  if (start !== undefined && (t.blockMax ?? 0n) < BigInt(start) * 1_000_000_000n) return false;
  if (end !== undefined && (t.blockMin ?? 0n) > BigInt(end) * 1_000_000_000n) return false;
  return true;
}

// ---------------------------------------------------------------- output (jsonpb encoding)

function outSpan(s) {
  return omitEmpty({
    traceId: hexToB64(s.traceId),
    spanId: hexToB64(s.spanId),
    traceState: s.traceState,
    parentSpanId: hexToB64(s.parentSpanId),
    flags: s.flags,
    name: s.name,
    kind: s.kind ? KIND_NAMES[s.kind] : undefined,
    startTimeUnixNano: s.start ? String(s.start) : undefined,
    endTimeUnixNano: s.end ? String(s.end) : undefined,
    attributes: outAttrs(s.attributes),
    droppedAttributesCount: s.droppedAttributesCount,
    events: s.events.length
      ? s.events.map((e) =>
          omitEmpty({
            timeUnixNano: e.time ? String(e.time) : undefined,
            name: e.name,
            attributes: outAttrs(e.attributes),
            droppedAttributesCount: e.droppedAttributesCount,
          }),
        )
      : undefined,
    droppedEventsCount: s.droppedEventsCount,
    links: s.links.length
      ? s.links.map((l) =>
          omitEmpty({
            traceId: hexToB64(l.traceId),
            spanId: hexToB64(l.spanId),
            traceState: l.traceState,
            attributes: outAttrs(l.attributes),
            droppedAttributesCount: l.droppedAttributesCount,
            flags: l.flags,
          }),
        )
      : undefined,
    droppedLinksCount: s.droppedLinksCount,
    // A present but empty message field is written as {} by jsonpb.
    status: omitEmpty({ message: s.status.message, code: s.status.code ? STATUS_NAMES[s.status.code] : undefined }),
  });
}

/** Group spans back into resourceSpans → scopeSpans, in arrival order. */
export function toResourceSpans(spans) {
  const groups = new Map();
  for (const s of spans) {
    let g = groups.get(s.resource);
    if (!g) groups.set(s.resource, (g = { s, scopes: new Map() }));
    let sc = g.scopes.get(s.scope);
    if (!sc) g.scopes.set(s.scope, (sc = { s, spans: [] }));
    sc.spans.push(outSpan(s));
  }
  return [...groups.values()].map((g) =>
    omitEmpty({
      resource: omitEmpty({
        attributes: outAttrs(g.s.resource.attributes),
        droppedAttributesCount: g.s.resource.droppedAttributesCount,
      }),
      scopeSpans: [...g.scopes.values()].map((sc) =>
        omitEmpty({
          scope: omitEmpty({
            name: sc.s.scope.name,
            version: sc.s.scope.version,
            attributes: outAttrs(sc.s.scope.attributes),
            droppedAttributesCount: sc.s.scope.droppedAttributesCount,
          }),
          spans: sc.spans,
          schemaUrl: sc.s.scopeSchemaUrl,
        }),
      ),
      schemaUrl: g.s.resourceSchemaUrl,
    }),
  );
}

// ---------------------------------------------------------------- TraceQL subset

const DURATION_UNITS = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go-style duration ("1h2m", "500ms", "1.5s") to nanoseconds; throws when malformed. */
export function parseDuration(str) {
  const s = String(str).trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let m;
  while (pos < s.length && (m = re.exec(s))) {
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== s.length || s.length === 0) throw new Error(`invalid duration ${JSON.stringify(str)}`);
  return total;
}

function tokenize(q) {
  const toks = [];
  const re =
    /\s*(?:(\{|\}|\(|\)|&&|\|\||!=|>=|<=|=~|!~|=|>|<|\|)|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))*)(?![\w.])|(-?\d+(?:\.\d+)?)(?![\w.])|((?:resource|span)?\.(?:"(?:[^"\\]|\\.)*"|[\w.:/-]+)|[A-Za-z_][\w:]*))/y;
  let pos = 0;
  while (pos < q.length) {
    if (/^\s*$/.test(q.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(q);
    if (!m) throw new Error(`unexpected input at position ${pos}: ${JSON.stringify(q.slice(pos, pos + 20))}`);
    pos = re.lastIndex;
    if (m[1]) toks.push({ t: 'op', v: m[1] });
    else if (m[2] !== undefined) toks.push({ t: 'str', v: JSON.parse(`"${m[2]}"`) });
    else if (m[3]) toks.push({ t: 'dur', v: parseDuration(m[3].replace(/^-/, '')) * (m[3].startsWith('-') ? -1 : 1) });
    else if (m[4]) toks.push({ t: 'num', v: Number(m[4]) });
    else toks.push({ t: 'ident', v: m[5] });
  }
  return toks;
}

const INTRINSICS = new Set([
  'name',
  'status',
  'statusMessage',
  'kind',
  'duration',
  'rootName',
  'rootServiceName',
  'traceDuration',
]);

function parseField(raw) {
  const unq = (s) => (s.startsWith('"') ? JSON.parse(s) : s);
  if (raw.startsWith('resource.')) return { scope: 'resource', key: unq(raw.slice(9)), raw };
  if (raw.startsWith('span.')) return { scope: 'span', key: unq(raw.slice(5)), raw };
  if (raw.startsWith('.')) return { scope: 'any', key: unq(raw.slice(1)), raw };
  const alias = {
    'trace:rootName': 'rootName',
    'trace:rootService': 'rootServiceName',
    'trace:duration': 'traceDuration',
  }[raw];
  const name = alias ?? raw.replace(/^span:/, '');
  if (INTRINSICS.has(name)) return { scope: 'intrinsic', key: name, raw };
  throw new Error(`unknown field ${JSON.stringify(raw)}: use resource.x, span.x, .x or an intrinsic`);
}

/**
 * Parse the TraceQL subset a search UI produces: one spanset `{ ... }` holding comparisons
 * joined with && / || (and parentheses). Returns {conds, match(span, trace)}; throws on anything else.
 */
export function parseTraceQL(q) {
  const toks = tokenize(q);
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];
  const expectOp = (v) => {
    const t = next();
    if (!t || t.t !== 'op' || t.v !== v)
      throw new Error(`expected "${v}"${t ? ` but found "${t.v}"` : ' at end of query'}`);
  };
  const conds = [];
  if (toks.length === 0) return { conds, match: () => true };
  expectOp('{');
  if (peek()?.t === 'op' && peek().v === '}') {
    next();
    if (i < toks.length) throw new Error(`unsupported TraceQL after the spanset: ${JSON.stringify(toks[i].v)}`);
    return { conds, match: () => true };
  }
  const parseOr = () => {
    let left = parseAnd();
    while (peek()?.t === 'op' && peek().v === '||') {
      next();
      const l = left;
      const r = parseAnd();
      left = (s, t) => l(s, t) || r(s, t);
    }
    return left;
  };
  const parseAnd = () => {
    let left = parsePrimary();
    while (peek()?.t === 'op' && peek().v === '&&') {
      next();
      const l = left;
      const r = parsePrimary();
      left = (s, t) => l(s, t) && r(s, t);
    }
    return left;
  };
  const parsePrimary = () => {
    const t = peek();
    if (t?.t === 'op' && t.v === '(') {
      next();
      const e = parseOr();
      expectOp(')');
      return e;
    }
    if (t?.t !== 'ident') throw new Error(`expected a field${t ? ` but found "${t.v}"` : ' at end of query'}`);
    next();
    const field = parseField(t.v);
    const op = next();
    if (!op || op.t !== 'op' || !['=', '!=', '>', '<', '>=', '<=', '=~', '!~'].includes(op.v)) {
      throw new Error(`expected a comparison operator after ${t.v}`);
    }
    const lit = next();
    if (!lit) throw new Error(`expected a value after ${t.v} ${op.v}`);
    let value;
    if (lit.t === 'str' || lit.t === 'num' || lit.t === 'dur') value = lit.v;
    else if (lit.t === 'ident' && (lit.v === 'true' || lit.v === 'false')) value = lit.v === 'true';
    else if (lit.t === 'ident' && field.key === 'status' && STATUS_WORDS.includes(lit.v))
      value = { status: STATUS_WORDS.indexOf(lit.v) };
    else if (lit.t === 'ident' && field.key === 'kind' && KIND_WORDS.includes(lit.v))
      value = { kind: KIND_WORDS.indexOf(lit.v) };
    else throw new Error(`unsupported value ${JSON.stringify(lit.v)} for ${t.v}`);
    if ((op.v === '=~' || op.v === '!~') && typeof value !== 'string') throw new Error(`${op.v} needs a string`);
    if (['duration', 'traceDuration'].includes(field.key) && lit.t !== 'dur')
      throw new Error(`${field.key} needs a duration such as 500ms`);
    if (field.key === 'status' && !(value && Object.hasOwn(value, 'status')))
      throw new Error('status compares with error, ok or unset');
    if (field.key === 'kind' && !(value && Object.hasOwn(value, 'kind')))
      throw new Error('kind compares with server, client, producer, consumer, internal or unspecified');
    const cond = {
      field,
      op: op.v,
      value,
      re: typeof value === 'string' && op.v.includes('~') ? new RegExp(`^(?:${value})$`) : null,
    };
    conds.push(cond);
    return (s, tr) => evalCond(cond, s, tr);
  };
  const match = parseOr();
  expectOp('}');
  if (i < toks.length)
    throw new Error(
      `unsupported TraceQL after the spanset: ${JSON.stringify(toks[i].v)} (this test server understands one { ... } spanset)`,
    );
  return { conds, match };
}

function compare(a, op, b, re) {
  if (op === '=~') return typeof a === 'string' && re.test(a);
  if (op === '!~') return typeof a === 'string' && !re.test(a);
  if (a === undefined || typeof a !== typeof b) return false;
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
  }
  return false;
}

function fieldValue(field, s, tr) {
  switch (field.scope) {
    case 'resource':
      return plainValue(findAttr(s.resource.attributes, field.key)?.value);
    case 'span':
      return plainValue(findAttr(s.attributes, field.key)?.value);
    case 'any': {
      const v = findAttr(s.attributes, field.key) ?? findAttr(s.resource.attributes, field.key);
      return plainValue(v?.value);
    }
  }
  switch (field.key) {
    case 'name':
      return s.name;
    case 'statusMessage':
      return s.status.message;
    case 'duration':
      return Number(s.end - s.start);
    case 'status':
      return { status: s.status.code };
    case 'kind':
      return { kind: s.kind };
    case 'rootName':
      return tr.root?.name;
    case 'rootServiceName':
      return tr.root?.service;
    case 'traceDuration':
      return Number(tr.max - tr.min);
  }
  return undefined;
}

function evalCond(c, s, tr) {
  const v = fieldValue(c.field, s, tr);
  if (v && typeof v === 'object') {
    const k = Object.keys(v)[0];
    if (c.op === '=') return v[k] === c.value[k];
    if (c.op === '!=') return v[k] !== c.value[k];
    return false;
  }
  return compare(v, c.op, c.value, c.re);
}

// ---------------------------------------------------------------- search

function traceInfo(t) {
  const { min, max } = traceRange(t);
  const ids = new Set(t.spans.map((s) => s.spanId));
  // The root: a span without a parent (earliest wins); spans whose parent is missing do not count.
  const roots = t.spans
    .filter((s) => !s.parentSpanId)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { min, max, root: roots[0], ids };
}

function searchSpan(s, conds) {
  const attrs = [];
  const seen = new Set();
  for (const c of conds) {
    const f = c.field;
    if (seen.has(f.raw)) continue;
    seen.add(f.raw);
    if (f.scope === 'intrinsic') {
      if (f.key === 'status') attrs.push({ key: 'status', value: { stringValue: STATUS_WORDS[s.status.code] } });
      if (f.key === 'kind') attrs.push({ key: 'kind', value: { stringValue: KIND_WORDS[s.kind] } });
      if (f.key === 'statusMessage') attrs.push({ key: 'statusMessage', value: { stringValue: s.status.message } });
      continue;
    }
    const kv =
      f.scope === 'resource'
        ? findAttr(s.resource.attributes, f.key)
        : f.scope === 'span'
          ? findAttr(s.attributes, f.key)
          : (findAttr(s.attributes, f.key) ?? findAttr(s.resource.attributes, f.key));
    if (kv) attrs.push({ key: kv.key, value: outValue(kv.value) });
  }
  return omitEmpty({
    spanID: s.spanId,
    name: s.name,
    startTimeUnixNano: String(s.start),
    durationNanos: String(s.end - s.start),
    attributes: attrs,
  });
}

/** Legacy `tags` (logfmt) → predicate over a span: each tag must match the span or its resource. */
export function parseLogfmt(str) {
  const out = [];
  const re = /\s*([^\s=]+)(?:=("(?:[^"\\]|\\.)*"|\S*))?/gy;
  let m;
  while ((m = re.exec(str)) && m[0].trim()) {
    let v = m[2] ?? '';
    if (v.startsWith('"')) v = JSON.parse(v);
    out.push([m[1], v]);
  }
  return out;
}

function attrString(v) {
  const p = plainValue(v);
  return p === undefined ? undefined : String(p);
}

function search(store, tenant, params) {
  const limit = params.limit;
  const spss = params.spss;
  const results = [];
  let inspectedBytes = 0;
  let inspectedTraces = 0;
  for (const t of store.traces(tenant).values()) {
    if (!inWindow(t, params.start, params.end)) continue;
    inspectedTraces++;
    inspectedBytes += t.bytes;
    const tr = traceInfo(t);
    const dur = Number(tr.max - tr.min);
    if (params.minDuration !== undefined && dur < params.minDuration) continue;
    if (params.maxDuration !== undefined && dur > params.maxDuration) continue;
    const matched = t.spans.filter((s) => params.match(s, tr));
    if (matched.length === 0) continue;
    matched.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const spanSet = { spans: matched.slice(0, spss).map((s) => searchSpan(s, params.conds)), matched: matched.length };
    const serviceStats = {};
    for (const s of t.spans) {
      const st = (serviceStats[s.service] ??= { spanCount: 0 });
      st.spanCount++;
      if (s.status.code === 2) st.errorCount = (st.errorCount ?? 0) + 1;
    }
    const durationMs = Math.floor(dur / 1e6);
    results.push(
      omitEmpty({
        traceID: stripZeros(t.traceId),
        rootServiceName: tr.root ? tr.root.service : NO_ROOT,
        rootTraceName: tr.root?.name,
        startTimeUnixNano: String(tr.min),
        durationMs,
        spanSet,
        spanSets: [spanSet],
        serviceStats,
      }),
    );
  }
  const newestFirst = (a, b) => (BigInt(b.startTimeUnixNano) > BigInt(a.startTimeUnixNano) ? 1 : -1);
  // Without most_recent Tempo stops at the first `limit` traces its jobs find (here: the order they
  // were ingested, oldest first), and only then sorts what it kept by start time.
  // (modules/frontend/combiner/search.go; pkg/traceql/combine.go newMostRecentCombiner)
  const kept = params.mostRecent
    ? results.sort(newestFirst).slice(0, limit)
    : results.slice(0, limit).sort(newestFirst);
  // jsonpb leaves an empty repeated field out: no "traces" key for an empty result.
  return omitEmpty({
    traces: kept,
    metrics: omitEmpty({
      inspectedTraces,
      inspectedBytes: inspectedBytes ? String(inspectedBytes) : undefined,
      completedJobs: 1,
      totalJobs: 1,
    }),
  });
}

/** "1.2.3", "v3.0.3", "v3.1.0-rc.0" → [major, minor]; a branch build ("main-abc1234") → undefined. */
export function versionOf(text) {
  const m = /^v?(\d+)\.(\d+)/.exec(String(text));
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}
const atLeast = (version, major, minor) => {
  const v = versionOf(version);
  return v === undefined || v[0] > major || (v[0] === major && v[1] >= minor);
};

/** Go's time.Duration.String() for whole seconds: 604800 → "168h0m0s". */
export function goDurationString(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const sec = seconds % 60;
  return h > 0 ? `${h}h${m}m${sec}s` : m > 0 ? `${m}m${sec}s` : `${sec}s`;
}

/**
 * TraceQL query hints at the end of a query: `{ … } with (most_recent=true)` (pkg/traceql/expr.y
 * `hints`; most_recent since Tempo 2.8, pkg/traceql/enum_hints.go). Returns the query without them.
 */
export function splitHints(q) {
  const m = /\bwith\s*\(([^()]*)\)\s*$/.exec(q);
  if (!m) return { query: q, hints: {} };
  const hints = {};
  for (const part of m[1].split(',')) {
    const kv = /^\s*([A-Za-z_]\w*)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s]+)\s*$/.exec(part);
    if (!kv) throw new Error(`invalid query hint ${JSON.stringify(part.trim())}`);
    hints[kv[1]] = kv[2].startsWith('"')
      ? JSON.parse(kv[2])
      : kv[2] === 'true'
        ? true
        : kv[2] === 'false'
          ? false
          : kv[2];
  }
  return { query: q.slice(0, m.index), hints };
}

// ---------------------------------------------------------------- tags

const INTRINSIC_TAGS = [
  'duration',
  'event:name',
  'kind',
  'name',
  'rootName',
  'rootServiceName',
  'status',
  'statusMessage',
  'traceDuration',
];

function collectTags(store, tenant, start, end, match = () => true) {
  const resource = new Map();
  const span = new Map();
  const add = (map, kv) => {
    let vals = map.get(kv.key);
    if (!vals) map.set(kv.key, (vals = new Map()));
    const type = valueType(kv.value);
    if (type) vals.set(`${type}\0${String(plainValue(kv.value))}`, { type, value: String(plainValue(kv.value)) });
  };
  const intrinsic = {
    name: new Map(),
    status: new Map(),
    kind: new Map(),
    rootName: new Map(),
    rootServiceName: new Map(),
    statusMessage: new Map(),
  };
  for (const t of store.traces(tenant).values()) {
    if (!inWindow(t, start, end)) continue;
    const tr = traceInfo(t);
    if (tr.root) {
      intrinsic.rootName.set(tr.root.name, { type: 'string', value: tr.root.name });
      intrinsic.rootServiceName.set(tr.root.service, { type: 'string', value: tr.root.service });
    }
    for (const s of t.spans) {
      if (!match(s, tr)) continue;
      s.resource.attributes.forEach((kv) => add(resource, kv));
      s.attributes.forEach((kv) => add(span, kv));
      intrinsic.name.set(s.name, { type: 'string', value: s.name });
      intrinsic.status.set(s.status.code, { type: 'keyword', value: STATUS_WORDS[s.status.code] });
      intrinsic.kind.set(s.kind, { type: 'keyword', value: KIND_WORDS[s.kind] });
      if (s.status.message) intrinsic.statusMessage.set(s.status.message, { type: 'string', value: s.status.message });
    }
  }
  return { resource, span, intrinsic };
}

function tagValues(tags, tag) {
  // v2 names are scoped (resource.x, span.x, .x) or intrinsic; v1 names are bare attribute keys.
  let maps;
  let key = tag;
  const unq = (k) => (k.startsWith('"') ? JSON.parse(k) : k);
  if (tag.startsWith('resource.')) {
    maps = [tags.resource];
    key = unq(tag.slice(9));
  } else if (tag.startsWith('span.')) {
    maps = [tags.span];
    key = unq(tag.slice(5));
  } else if (tag.startsWith('.')) {
    maps = [tags.span, tags.resource];
    key = unq(tag.slice(1));
  } else if (tags.intrinsic[tag]) return [...tags.intrinsic[tag].values()];
  else maps = [tags.span, tags.resource];
  const out = new Map();
  for (const m of maps) for (const [k, v] of m.get(key) ?? []) out.set(k, v);
  return [...out.values()];
}

/**
 * Is a v2 tag name a TraceQL attribute or intrinsic? Tempo parses `{<name>}` (pkg/traceql/parse.go
 * ParseIdentifier); an unquoted attribute name may hold any rune but white space and
 * `{}()=~!<>&|^,` (pkg/traceql/lexer.go isAttributeRune), anything else must be quoted: span."x y".
 */
export function isTraceQLIdentifier(name) {
  if (INTRINSICS.has(name) || /^(span|trace|event|link|instrumentation):\w+$/.test(name)) return true;
  const m = /^(?:resource|span|event|link|instrumentation|parent)?\.(.*)$/s.exec(name);
  if (!m || m[1] === '') return false;
  if (m[1].startsWith('"')) return /^"(?:[^"\\]|\\.)*"$/.test(m[1]);
  return !/[\s{}()=~!<>&|^,"]/.test(m[1]);
}

// ---------------------------------------------------------------- HTTP

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function send(res, status, body, type = 'application/json') {
  const text =
    body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function unixSeconds(params, name) {
  const v = params.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new HttpError(400, `invalid ${name}: expected unix seconds, got ${JSON.stringify(v)}`);
  return Number(v);
}

function positiveInt(params, name, dflt) {
  const v = params.get(name);
  if (v === null || v === '') return dflt;
  if (!/^\d+$/.test(v) || Number(v) === 0) throw new HttpError(400, `invalid ${name}: expected a positive integer`);
  return Number(v);
}

function durationParam(params, name) {
  const v = params.get(name);
  if (v === null || v === '') return undefined;
  try {
    return parseDuration(v);
  } catch {
    throw new HttpError(400, `invalid ${name}: expected a duration such as 100ms`);
  }
}

function parseTraceIdParam(raw) {
  if (!/^[0-9a-fA-F]{1,32}$/.test(raw))
    throw new HttpError(400, `invalid trace id ${JSON.stringify(raw)}: expected up to 32 hex characters`);
  return raw.toLowerCase().padStart(32, '0');
}

export function createServers({
  multitenancy = false,
  log = () => {},
  queryEndCutoffS = 0,
  version = DEFAULT_VERSION,
  jsonOnly = false,
} = {}) {
  const store = new Store();

  // Multitenancy off: the header is ignored and everything is one tenant (Tempo's
  // multitenancy_enabled: false, "single-tenant"); on: the header is required.
  const tenantOf = (req) => {
    if (!multitenancy) return DEFAULT_TENANT;
    const org = req.headers['x-scope-orgid'];
    if (org) return String(org);
    throw new HttpError(401, 'no org id');
  };

  /**
   * The search and tag range as Tempo's frontend resolves it (pkg/api/http.go ClampDateRangeReq,
   * ParseSearchRequest; modules/frontend/search_sharder.go): neither start nor end → the last
   * 15 min; one alone → 400; end clamped to now − query_end_cutoff; end ≤ start → 400; longer than
   * max_duration (168h) → 400.
   */
  const searchRange = (p) => {
    const nowS = Math.floor(Date.now() / 1000);
    let start = unixSeconds(p, 'start');
    let end = unixSeconds(p, 'end');
    if (start === undefined && end === undefined) return { start: nowS - RECENT_WINDOW_S, end: nowS - queryEndCutoffS };
    if (start === undefined || end === undefined) {
      throw new HttpError(
        400,
        'error parsing date range: only one of start and end provided: must provide both or neither',
      );
    }
    if (end <= start)
      throw new HttpError(400, `http parameter start must be before end. received start=${start} end=${end}`);
    const maxEnd = nowS - queryEndCutoffS;
    if (end > maxEnd) {
      end = maxEnd;
      if (start > end) start = nowS - RECENT_WINDOW_S;
    }
    if (end - start > MAX_DURATION_S) {
      throw new HttpError(
        400,
        `range specified by start and end exceeds ${goDurationString(MAX_DURATION_S)}. received start=${start} end=${end}`,
      );
    }
    return { start, end };
  };

  const query = (req, res) => {
    const url = new URL(req.url, 'http://x');
    const p = url.searchParams;
    const path = url.pathname;
    if (req.method !== 'GET') throw new HttpError(405, 'method not allowed');
    if (path === '/ready') return send(res, 200, 'ready', 'text/plain; charset=utf-8');
    // Tempo answers echo with Go's http.Error (cmd/tempo/app/modules.go echoHandler): a newline ends it.
    if (path === '/api/echo') return send(res, 200, 'echo\n', 'text/plain; charset=utf-8');
    // cmd/tempo/app/app.go buildinfoHandler: Prometheus' version struct, encoded by json.Encoder.
    if (path === '/api/status/buildinfo') {
      const info = {
        version,
        revision: '0000000',
        branch: 'HEAD',
        buildUser: '',
        buildDate: '',
        goVersion: process.version.replace(/^v/, 'node'),
      };
      return send(res, 200, `${JSON.stringify(info)}\n`);
    }
    const tenant = tenantOf(req);

    let m;
    if ((m = path.match(/^\/api\/(v2\/)?traces\/([^/]+)$/))) {
      // pkg/api/http.go MarshalingFormatFromAcceptHeader: the first format the header contains wins,
      // application/protobuf before application/json.
      const proto = !jsonOnly && String(req.headers.accept ?? '').includes('application/protobuf');
      const answer = (json, encode) =>
        proto ? send(res, 200, encode(json), 'application/protobuf') : send(res, 200, json);
      const id = parseTraceIdParam(decodeURIComponent(m[2]));
      const start = unixSeconds(p, 'start');
      const end = unixSeconds(p, 'end');
      const t = store.traces(tenant).get(id);
      if (!t || !blockInWindow(t, start, end)) {
        // v2 never answers 404 for a miss: an empty trace and its metrics (modules/querier/http.go
        // TraceByIDHandlerV2, modules/frontend/combiner/trace_by_id_v2.go); v1 says 404, empty body.
        if (m[1]) return answer({ trace: {}, metrics: {} }, encodeTraceByIdResponse);
        return send(res, 404, undefined, 'text/plain; charset=utf-8');
      }
      const resourceSpans = toResourceSpans(t.spans);
      if (m[1]) {
        const json = { trace: { resourceSpans }, metrics: { inspectedBytes: String(t.bytes) } };
        return answer(json, encodeTraceByIdResponse);
      }
      return answer({ batches: resourceSpans }, (json) => encodeTrace(json.batches));
    }

    if (path === '/api/search') {
      const q = p.get('q');
      const tags = p.get('tags');
      let parsed;
      let minDuration = durationParam(p, 'minDuration');
      let maxDuration = durationParam(p, 'maxDuration');
      let mostRecent = false;
      if (q !== null && tags !== null)
        throw new HttpError(400, "invalid request: can't specify tags and q in the same query");
      if (q && q.trim()) {
        try {
          const { query, hints } = splitHints(q);
          if (Object.keys(hints).length > 0 && !atLeast(version, 2, 8))
            throw new Error('syntax error: unexpected with');
          mostRecent = hints.most_recent === true;
          parsed = parseTraceQL(query);
        } catch (e) {
          throw new HttpError(400, `invalid TraceQL query: ${e.message}`);
        }
      } else {
        const pairs = tags ? parseLogfmt(tags) : [];
        parsed = {
          conds: [],
          match: (s) =>
            pairs.every(([k, v]) => {
              if (k === 'name') return s.name === v;
              const kv = findAttr(s.attributes, k) ?? findAttr(s.resource.attributes, k);
              return kv !== undefined && attrString(kv.value) === v;
            }),
        };
      }
      if (minDuration !== undefined && maxDuration !== undefined && maxDuration < minDuration) {
        throw new HttpError(400, 'invalid maxDuration: must be greater than minDuration');
      }
      const { start, end } = searchRange(p);
      return send(
        res,
        200,
        search(store, tenant, {
          ...parsed,
          mostRecent,
          minDuration,
          maxDuration,
          start,
          end,
          limit: positiveInt(p, 'limit', 20),
          spss: positiveInt(p, 'spss', 3),
        }),
      );
    }

    if (path === '/api/search/tags' || path === '/api/v2/search/tags') {
      const scope = p.get('scope') || '';
      const valid = ['', 'all', 'resource', 'span', 'intrinsic', 'event', 'link', 'instrumentation'];
      if (!valid.includes(scope)) throw new HttpError(400, `invalid scope ${JSON.stringify(scope)}`);
      const { start, end } = searchRange(p);
      const tags = collectTags(store, tenant, start, end);
      const limit = positiveInt(p, 'limit', Infinity);
      const sorted = (m) => [...m.keys()].sort().slice(0, limit);
      if (path === '/api/search/tags') {
        const names = new Set();
        if (['', 'all', 'resource'].includes(scope)) sorted(tags.resource).forEach((k) => names.add(k));
        if (['', 'all', 'span'].includes(scope)) sorted(tags.span).forEach((k) => names.add(k));
        if (scope === 'intrinsic') INTRINSIC_TAGS.forEach((k) => names.add(k));
        return send(res, 200, omitEmpty({ tagNames: [...names].sort(), metrics: {} }));
      }
      const scopes = [];
      if (['', 'all', 'resource'].includes(scope) && tags.resource.size)
        scopes.push({ name: 'resource', tags: sorted(tags.resource) });
      if (['', 'all', 'span'].includes(scope) && tags.span.size) scopes.push({ name: 'span', tags: sorted(tags.span) });
      if (['', 'all', 'intrinsic'].includes(scope)) scopes.push({ name: 'intrinsic', tags: INTRINSIC_TAGS });
      return send(res, 200, { scopes, metrics: {} });
    }

    if ((m = path.match(/^\/api\/(v2\/)?search\/tag\/([^/]+)\/values$/))) {
      const tag = decodeURIComponent(m[2]);
      // v2 names must parse as TraceQL (pkg/api/search_tags.go parseSearchTagValuesRequest).
      if (m[1] && !isTraceQLIdentifier(tag)) {
        throw new HttpError(400, `please provide a valid tagName: failed to parse identifier ${tag}: syntax error`);
      }
      const { start, end } = searchRange(p);
      // v2 values honour a TraceQL filter `q`: only spans it matches count.
      let match;
      const q = p.get('q');
      if (m[1] && q && q.trim()) {
        try {
          match = parseTraceQL(q).match;
        } catch (e) {
          throw new HttpError(400, `invalid TraceQL query: ${e.message}`);
        }
      }
      const tags = collectTags(store, tenant, start, end, match);
      const limit = positiveInt(p, 'limit', Infinity);
      if (m[1]) {
        const vals = tagValues(tags, tag)
          .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
          .slice(0, limit);
        return send(res, 200, { tagValues: vals, metrics: {} });
      }
      const vals = [...new Set(tagValues(tags, tag).map((v) => v.value))].sort().slice(0, limit);
      return send(res, 200, { tagValues: vals, metrics: {} });
    }

    throw new HttpError(404, '404 page not found');
  };

  const ingest = async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname !== '/v1/traces') throw new HttpError(404, '404 page not found');
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed');
    const type = String(req.headers['content-type'] ?? '');
    if (!type.startsWith('application/json')) {
      throw new HttpError(
        415,
        `unsupported content type ${JSON.stringify(type)}: this test server accepts OTLP/JSON only`,
      );
    }
    const tenant = tenantOf(req);
    let raw = await readBody(req);
    const enc = String(req.headers['content-encoding'] ?? '');
    if (enc === 'gzip') raw = zlib.gunzipSync(raw);
    else if (enc === 'deflate') raw = zlib.inflateSync(raw);
    else if (enc && enc !== 'identity') throw new HttpError(415, `unsupported content encoding ${enc}`);
    let spans;
    try {
      spans = parseOtlp(JSON.parse(raw.toString('utf8')));
    } catch (e) {
      throw new HttpError(400, `invalid OTLP/JSON: ${e.message}`);
    }
    store.add(tenant, spans, raw.length);
    log(`ingested ${spans.length} spans for tenant ${tenant}`);
    return send(res, 200, {});
  };

  const wrap = (fn) => async (req, res) => {
    try {
      await fn(req, res);
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) log(`error: ${e.stack}`);
      if (!res.headersSent) send(res, status, e.message, 'text/plain; charset=utf-8');
    }
  };

  return { store, http: http.createServer(wrap(query)), otlp: http.createServer(wrap(ingest)) };
}

/** Start both listeners; resolves to {httpPort, otlpPort, store, close()}. */
export async function startServer({
  host = '127.0.0.1',
  httpPort = 3200,
  otlpPort = 4418,
  multitenancy = false,
  log,
  queryEndCutoffS = 0,
  version,
  jsonOnly,
} = {}) {
  const s = createServers({ multitenancy, log, queryEndCutoffS, version, jsonOnly });
  const listen = (srv, port) =>
    new Promise((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, () => resolve(srv.address().port));
    });
  const hp = await listen(s.http, httpPort);
  const op = await listen(s.otlp, otlpPort);
  return {
    httpPort: hp,
    otlpPort: op,
    store: s.store,
    close: () =>
      Promise.all(
        [s.http, s.otlp].map((srv) => new Promise((r) => (srv.closeAllConnections?.(), srv.close(() => r())))),
      ),
  };
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const opts = {
    host: argValue('--host') ?? process.env.TEMPO_HOST ?? '127.0.0.1',
    httpPort: Number(argValue('--http-port') ?? process.env.TEMPO_HTTP_PORT ?? 3200),
    otlpPort: Number(argValue('--otlp-port') ?? process.env.TEMPO_OTLP_PORT ?? 4418),
    multitenancy: process.argv.includes('--multitenancy') || process.env.TEMPO_MULTITENANCY === '1',
    queryEndCutoffS: parseDuration(argValue('--query-end-cutoff') ?? process.env.TEMPO_QUERY_END_CUTOFF ?? '0') / 1e9,
    version: argValue('--version') ?? process.env.TEMPO_VERSION ?? DEFAULT_VERSION,
    jsonOnly: process.argv.includes('--json-only'),
    log: (msg) => console.error(`${new Date().toISOString()} ${msg}`),
  };
  const srv = await startServer(opts);
  console.log(JSON.stringify({ host: opts.host, httpPort: srv.httpPort, otlpPort: srv.otlpPort }));
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
