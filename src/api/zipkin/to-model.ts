/**
 * Zipkin v2 JSON → Trace model (WIRE-FORMATS §4).
 *
 * Zipkin stores what each process reported, so one span id can appear several times:
 * - a CLIENT span and the SERVER span it called share one id (server half `shared: true`):
 *   the server half gets a new id (original + 1, incremented until unused, so the result is
 *   deterministic) and becomes the client half's child; children that name the shared id as
 *   parent move under the server half (with several halves: same service, then by time);
 * - late fragments of one span (no timestamp, same id and local service, e.g. a tag added
 *   after finish) are merged into the span they belong to.
 * Times: µs epoch minus the earliest span start.
 */
import { arr, isRecord, num, numOrDecimal, rec, str, type JsonRecord } from '../../lib/json';
import type { Attribute, Span, SpanEvent, SpanId, SpanKind, Trace, TraceId } from '../../model/types';
import { toMicros } from '../../model/types';
import {
  EMPTY,
  ResourceCache,
  TraceAdapterError,
  listOrEmpty,
  makeTrace,
  intern,
  statusOf,
  stringAttr,
  spanIdOf,
  traceIdOf,
  withInterning,
} from '../adapter-common';

const UNKNOWN_SERVICE = 'unknown service';
/** Attribute on a split server half naming the id it shared with its client. */
export const SHARED_ID_ATTR = 'zipkin.shared_span_id';
// A Map, not an object: a wire kind such as "constructor" must not find Object.prototype's.
const KINDS: ReadonlyMap<string, SpanKind> = new Map([
  ['CLIENT', 'client'],
  ['SERVER', 'server'],
  ['PRODUCER', 'producer'],
  ['CONSUMER', 'consumer'],
]);

interface Draft {
  readonly wire: JsonRecord;
  readonly traceId: TraceId;
  spanId: SpanId;
  parentSpanId: SpanId | undefined;
  readonly service: string;
  readonly shared: boolean;
  kind: string | undefined;
  timestamp: number | undefined;
  duration: number | undefined;
  extra: JsonRecord[]; // merged fragments
  warnings: string[];
  sharedWith: SpanId | undefined;
}

function fail(message: string): never {
  throw new TraceAdapterError('zipkin', `Zipkin v2: ${message}`);
}

/** `[span…]` (one trace) or `[[span…]…]` (several) → one Trace per trace id. */
export function zipkinToTraces(json: unknown): Trace[] {
  return withInterning(() => convertZipkin(json));
}

function convertZipkin(json: unknown): Trace[] {
  if (!Array.isArray(json)) fail('expected an array of spans');
  const drafts: Draft[] = [];
  json.forEach((item, i) => {
    if (Array.isArray(item)) item.forEach((s, j) => drafts.push(readDraft(s, `[${i}][${j}]`)));
    else drafts.push(readDraft(item, `[${i}]`));
  });
  const byTrace = new Map<TraceId, Draft[]>();
  for (const d of drafts) {
    const g = byTrace.get(d.traceId);
    if (g === undefined) byTrace.set(d.traceId, [d]);
    else g.push(d);
  }
  const resources = new ResourceCache();
  return [...byTrace].map(([traceId, group]) => buildTrace(traceId, group, resources));
}

function readDraft(s: unknown, where: string): Draft {
  if (!isRecord(s)) fail(`span ${where} is not an object`);
  const rawTrace = str(s.traceId);
  const traceId = rawTrace === undefined ? undefined : traceIdOf(rawTrace);
  if (traceId === undefined) fail(`span ${where} has an invalid traceId ${JSON.stringify(rawTrace ?? null)}`);
  const rawId = str(s.id);
  const spanId = rawId === undefined ? undefined : spanIdOf(rawId);
  if (spanId === undefined) fail(`span ${where} has an invalid id ${JSON.stringify(rawId ?? null)}`);
  const warnings: string[] = [];
  const rawParent = str(s.parentId);
  const parentSpanId = rawParent === undefined ? undefined : spanIdOf(rawParent);
  if (rawParent !== undefined && parentSpanId === undefined)
    warnings.push(`invalid parentId ${JSON.stringify(rawParent)}; shown as a root`);
  const local = rec(s.localEndpoint);
  const service = (local === undefined ? undefined : str(local.serviceName)) || UNKNOWN_SERVICE;
  const ts = numOrDecimal(s.timestamp);
  const dur = numOrDecimal(s.duration);
  return {
    wire: s,
    traceId,
    spanId,
    parentSpanId,
    service,
    shared: s.shared === true,
    kind: str(s.kind),
    timestamp: ts === undefined || ts <= 0 ? undefined : ts,
    duration: dur === undefined || dur < 0 ? undefined : dur,
    extra: [],
    warnings,
    sharedWith: undefined,
  };
}

function buildTrace(traceId: TraceId, all: Draft[], resources: ResourceCache): Trace {
  const byId = new Map<SpanId, Draft[]>();
  for (const d of all) {
    const g = byId.get(d.spanId);
    if (g === undefined) byId.set(d.spanId, [d]);
    else g.push(d);
  }
  const merged = new Set<Draft>();
  for (const group of byId.values()) if (group.length > 1) mergeFragments(group, merged);
  const drafts = all.filter((d) => !merged.has(d));
  splitShared(drafts);

  let minStart = Number.POSITIVE_INFINITY;
  const startById = new Map<SpanId, number>();
  for (const d of drafts) {
    if (d.timestamp === undefined) inferFromAnnotations(d);
    if (d.timestamp !== undefined) {
      minStart = Math.min(minStart, d.timestamp);
      if (!startById.has(d.spanId)) startById.set(d.spanId, d.timestamp);
    }
  }
  if (!Number.isFinite(minStart)) minStart = 0;
  for (const d of drafts) {
    if (d.timestamp !== undefined) continue;
    const parentStart = d.parentSpanId === undefined ? undefined : startById.get(d.parentSpanId);
    d.timestamp = parentStart ?? minStart;
    d.warnings.push(
      parentStart === undefined
        ? 'missing timestamp; placed at the trace start'
        : "missing timestamp; placed at its parent's start",
    );
  }
  const spans = drafts.map((d) => toSpan(d, minStart, resources));
  return makeTrace(traceId, minStart, spans, EMPTY, 'zipkin');
}

/** Folds timestamp-less fragments into the span of the same id and local service. */
function mergeFragments(group: readonly Draft[], merged: Set<Draft>): void {
  for (const frag of group) {
    if (frag.timestamp !== undefined) continue;
    const target = group.find(
      (d) =>
        d !== frag &&
        !merged.has(d) &&
        d.timestamp !== undefined &&
        d.service === frag.service &&
        (frag.kind === undefined || frag.kind === d.kind),
    );
    if (target === undefined) continue;
    merged.add(frag);
    target.extra.push(frag.wire);
    target.kind ??= frag.kind;
    target.duration ??= frag.duration;
  }
}

/** Gives each server half of a shared id its own id, as the child of the client half. */
function splitShared(drafts: Draft[]): void {
  const used = new Set<string>(drafts.map((d) => d.spanId));
  const byId = new Map<SpanId, Draft[]>();
  for (const d of drafts) {
    const g = byId.get(d.spanId);
    if (g === undefined) byId.set(d.spanId, [d]);
    else g.push(d);
  }
  const moved = new Map<SpanId, Draft[]>(); // shared id → its server halves
  for (const [id, group] of byId) {
    if (group.length < 2) continue;
    const servers = group.filter((d) => d.shared || d.kind === 'SERVER');
    const client = group.find((d) => !servers.includes(d));
    if (client === undefined || servers.length === 0) continue; // plain duplicates: the tree flags them
    for (const server of servers) {
      server.spanId = unusedId(id, used);
      server.parentSpanId = id;
      server.sharedWith = id;
    }
    moved.set(id, servers);
  }
  if (moved.size === 0) return;
  for (const d of drafts) {
    const servers = d.parentSpanId === undefined || d.sharedWith !== undefined ? undefined : moved.get(d.parentSpanId);
    if (servers === undefined) continue;
    // Work done below a shared id ran in the server process, so it hangs under the server
    // half; with several halves, prefer the same service, then the one running when it started.
    const sameService = servers.filter((s) => s.service === d.service);
    const same = sameService.length > 0 ? sameService : servers;
    const ts = d.timestamp;
    const within =
      ts === undefined
        ? undefined
        : same.find((s) => s.timestamp !== undefined && s.timestamp <= ts && ts <= s.timestamp + (s.duration ?? 0));
    d.parentSpanId = (within ?? same[0] ?? d).spanId;
  }
}

/** Deterministic fresh id: the shared id + 1, + 2, … (mod 2^64, skipping 0) until unused. */
function unusedId(id: SpanId, used: Set<string>): SpanId {
  let n = BigInt(`0x${id}`);
  for (;;) {
    n = (n + 1n) & 0xffffffffffffffffn;
    const hex = n.toString(16);
    const candidate = n === 0n ? undefined : spanIdOf(hex);
    if (candidate !== undefined && !used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}

function annotationsOf(d: Draft): JsonRecord[] {
  const out: JsonRecord[] = [];
  for (const w of [d.wire, ...d.extra]) for (const a of arr(w.annotations)) if (isRecord(a)) out.push(a);
  return out;
}

function inferFromAnnotations(d: Draft): void {
  const times = annotationsOf(d).flatMap((a) => {
    const t = num(a.timestamp);
    return t === undefined ? [] : [t];
  });
  if (times.length === 0) return;
  // A loop, not Math.min(...times): a span may carry more annotations than the stack has room for.
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of times) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  d.timestamp = lo;
  d.warnings.push('missing timestamp; taken from the first annotation');
  if (d.duration === undefined && times.length > 1) {
    d.duration = hi - lo;
    d.warnings.push('missing duration; taken from the annotations');
  }
}

function endpointAttrs(e: JsonRecord | undefined, prefix: 'peer' | 'host', out: Attribute[]): void {
  if (e === undefined) return;
  const service = str(e.serviceName);
  if (prefix === 'peer' && service !== undefined && service !== '') out.push(stringAttr('peer.service', service));
  if (prefix === 'host' && service !== undefined && service !== '') out.push(stringAttr('service.name', service));
  const ip = str(e.ipv4) ?? str(e.ipv6);
  if (ip !== undefined) out.push(stringAttr(`net.${prefix}.ip`, ip));
  const port = num(e.port);
  if (port !== undefined) out.push({ key: `net.${prefix}.port`, value: port, type: 'int' });
}

function toSpan(d: Draft, minStart: number, resources: ResourceCache): Span {
  const start = d.timestamp ?? minStart;
  let duration = d.duration;
  if (duration === undefined) {
    d.warnings.push('missing duration; shown as 0');
    duration = 0;
  }
  const attributes: Attribute[] = [];
  let errorMessage: string | undefined;
  let isError = false;
  let remote: JsonRecord | undefined;
  for (const w of [d.wire, ...d.extra]) {
    const tags = rec(w.tags);
    if (tags !== undefined) {
      for (const [key, value] of Object.entries(tags)) {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        attributes.push(stringAttr(key, text));
        if (key === 'error') {
          isError = true;
          if (text !== '' && text !== 'true') errorMessage = text;
        }
      }
    }
    remote ??= rec(w.remoteEndpoint);
  }
  endpointAttrs(remote, 'peer', attributes);
  if (d.sharedWith !== undefined) attributes.push(stringAttr(SHARED_ID_ATTR, d.sharedWith));
  const resourceAttrs: Attribute[] = [];
  endpointAttrs(rec(d.wire.localEndpoint), 'host', resourceAttrs);
  const events: SpanEvent[] = annotationsOf(d).map((a) => ({
    timeUs: toMicros((num(a.timestamp) ?? start) - minStart),
    name: intern(str(a.value) ?? ''),
    attributes: EMPTY,
  }));
  events.sort((a, b) => a.timeUs - b.timeUs);
  return {
    spanId: d.spanId,
    parentSpanId: d.parentSpanId,
    refType: 'child-of',
    traceId: d.traceId,
    name: intern(str(d.wire.name) ?? str(d.extra.find((x) => str(x.name) !== undefined)?.name) ?? ''),
    service: d.service,
    kind: d.kind === undefined ? 'internal' : (KINDS.get(d.kind) ?? 'unspecified'),
    startUs: toMicros(start - minStart),
    durationUs: toMicros(duration),
    status: statusOf(isError ? 'error' : 'unset', errorMessage),
    attributes: listOrEmpty(attributes),
    resource: resources.intern(resourceAttrs),
    scope: undefined,
    events: listOrEmpty(events),
    links: EMPTY,
    warnings: listOrEmpty(d.warnings),
  };
}
