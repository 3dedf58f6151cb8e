/**
 * A trace written back out as OTLP/JSON, so a trace opened from a file (or anywhere) can be
 * downloaded, shared and opened again by Pathlight or any OTLP tool. Spans are grouped by
 * their resource (shared attribute arrays) and service; times become absolute nanosecond
 * strings computed in bigint. Lossy only where OTLP has no field (follows-from, warnings).
 */
import type { Attribute, AttrValue, SpanKind, StatusCode, Trace } from '../../model/types';

type AnyValue = Record<string, unknown>;

const KIND: Record<SpanKind, number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const STATUS: Record<StatusCode, number> = { unset: 0, ok: 1, error: 2 };

function anyValue(v: AttrValue, type?: Attribute['type']): AnyValue {
  if (v === null) return {};
  if (Array.isArray(v)) return { arrayValue: { values: v.map((x: AttrValue) => anyValue(x)) } };
  if (typeof v === 'object')
    return { kvlistValue: { values: Object.entries(v).map(([key, value]) => ({ key, value: anyValue(value) })) } };
  if (typeof v === 'boolean') return { boolValue: v };
  if (type === 'bytes' && typeof v === 'string') return { bytesValue: v };
  if (type === 'int' || (type === undefined && typeof v === 'number' && Number.isInteger(v)))
    return { intValue: String(v) };
  if (typeof v === 'number') return { doubleValue: v };
  return { stringValue: v };
}

const keyValues = (attrs: readonly Attribute[]) => attrs.map((a) => ({ key: a.key, value: anyValue(a.value, a.type) }));

export function traceToOtlpJson(trace: Trace): string {
  const baseNs = BigInt(Math.round(trace.startUnixUs)) * 1000n;
  const ns = (us: number) => String(baseNs + BigInt(Math.round(us * 1000)));
  const groups = new Map<readonly Attribute[], Map<string, unknown[]>>();
  for (const s of trace.spans) {
    let byService = groups.get(s.resource);
    if (!byService) groups.set(s.resource, (byService = new Map()));
    let list = byService.get(s.service);
    if (!list) byService.set(s.service, (list = []));
    list.push({
      traceId: s.traceId,
      spanId: s.spanId,
      ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
      name: s.name,
      kind: KIND[s.kind],
      startTimeUnixNano: ns(s.startUs),
      endTimeUnixNano: ns(s.startUs + s.durationUs),
      attributes: keyValues(s.attributes),
      events: s.events.map((e) => ({ timeUnixNano: ns(e.timeUs), name: e.name, attributes: keyValues(e.attributes) })),
      links: s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: keyValues(l.attributes) })),
      status: { code: STATUS[s.status.code], ...(s.status.message ? { message: s.status.message } : {}) },
    });
  }
  const resourceSpans = [];
  for (const [resource, byService] of groups) {
    for (const [service, spans] of byService) {
      const attrs = resource.some((a) => a.key === 'service.name')
        ? resource
        : [{ key: 'service.name', value: service }, ...resource];
      resourceSpans.push({
        resource: { attributes: keyValues(attrs) },
        scopeSpans: [{ scope: { name: 'pathlight-export' }, spans }],
      });
    }
  }
  return JSON.stringify({ resourceSpans });
}
