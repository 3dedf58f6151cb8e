/** Flattening and tree helpers for the demo tests: reads the OTLP documents the way a test can trust. */
import type { OtlpDocument, OtlpSpan } from './otlp-wire';

export interface FlatSpan {
  readonly span: OtlpSpan;
  readonly service: string;
  readonly startNs: bigint;
  readonly endNs: bigint;
}

export function flatten(doc: OtlpDocument): FlatSpan[] {
  const out: FlatSpan[] = [];
  for (const rs of doc.resourceSpans) {
    const nameAttr = rs.resource.attributes.find((a) => a.key === 'service.name');
    const service = nameAttr !== undefined && 'stringValue' in nameAttr.value ? nameAttr.value.stringValue : '?';
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        out.push({ span, service, startNs: BigInt(span.startTimeUnixNano), endNs: BigInt(span.endTimeUnixNano) });
      }
    }
  }
  return out;
}

export const ms = (ns: bigint): number => Number(ns) / 1e6;

/** Depth of every span (root 0), iteratively: parents may come after children in the document. */
export function depths(spans: readonly FlatSpan[]): Map<string, number> {
  const byId = new Map(spans.map((s) => [s.span.spanId, s]));
  const depth = new Map<string, number>();
  for (const s of spans) {
    const path: string[] = [];
    let cur: FlatSpan | undefined = s;
    let base = 0;
    while (cur !== undefined) {
      const known = depth.get(cur.span.spanId);
      if (known !== undefined) {
        base = known + 1;
        break;
      }
      path.push(cur.span.spanId);
      cur = cur.span.parentSpanId !== undefined ? byId.get(cur.span.parentSpanId) : undefined;
    }
    for (let k = path.length - 1, d = base; k >= 0; k--, d++) {
      const id = path[k];
      if (id !== undefined) depth.set(id, d);
    }
  }
  return depth;
}

/** Self time (ns): duration minus the union of direct children clipped to the span. */
export function selfTimes(spans: readonly FlatSpan[]): Map<string, bigint> {
  const kids = new Map<string, FlatSpan[]>();
  for (const s of spans) {
    const p = s.span.parentSpanId;
    if (p === undefined) continue;
    const list = kids.get(p) ?? [];
    list.push(s);
    kids.set(p, list);
  }
  const out = new Map<string, bigint>();
  for (const s of spans) {
    const ivs = (kids.get(s.span.spanId) ?? [])
      .map((c): [bigint, bigint] => [
        c.startNs < s.startNs ? s.startNs : c.startNs,
        c.endNs > s.endNs ? s.endNs : c.endNs,
      ])
      .filter(([a, b]) => b > a)
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    let covered = 0n;
    let curStart = -1n;
    let curEnd = -1n;
    for (const [a, b] of ivs) {
      if (a > curEnd) {
        covered += curEnd - curStart;
        curStart = a;
        curEnd = b;
      } else if (b > curEnd) curEnd = b;
    }
    covered += curEnd - curStart;
    out.set(s.span.spanId, s.endNs - s.startNs - covered);
  }
  return out;
}
