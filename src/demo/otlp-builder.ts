/**
 * Collects spans with times relative to the trace start (nanoseconds, as plain numbers so
 * generation stays fast) and emits one OTLP/JSON document, spans grouped by service
 * (resource) and instrumentation scope as an SDK exporter would. Absolute times are built
 * once at the end with BigInt: the trace ends `endsBeforeNowMs` before `nowUnixMs`.
 */
import { hex8, mix32 } from './prng';
import type {
  OtlpAnyValue,
  OtlpEvent,
  OtlpKeyValue,
  OtlpLink,
  OtlpResourceSpans,
  OtlpSpan,
  OtlpSpanKind,
  OtlpStatus,
} from './otlp-wire';

export const str = (key: string, value: string): OtlpKeyValue => ({ key, value: { stringValue: value } });
export const int = (key: string, value: number): OtlpKeyValue => ({
  key,
  value: { intValue: String(Math.trunc(value)) },
});
export const dbl = (key: string, value: number): OtlpKeyValue => ({ key, value: { doubleValue: value } });
export const bool = (key: string, value: boolean): OtlpKeyValue => ({ key, value: { boolValue: value } });
export const strArray = (key: string, values: readonly string[]): OtlpKeyValue => ({
  key,
  value: { arrayValue: { values: values.map((v): OtlpAnyValue => ({ stringValue: v })) } },
});

export const MS = 1_000_000; // ns per millisecond
export const US = 1_000; // ns per microsecond

export interface ServiceInfo {
  readonly name: string;
  /** resource attributes beyond service.name */
  readonly attributes: readonly OtlpKeyValue[];
  /** instrumentation scope used when a span names none */
  readonly scope: string;
  readonly scopeVersion?: string;
}

export interface EventSpec {
  readonly atNs: number; // relative to trace start
  readonly name: string;
  readonly attributes?: readonly OtlpKeyValue[];
}

export interface SpanSpec {
  readonly service: string;
  readonly name: string;
  readonly kind: OtlpSpanKind;
  readonly parent?: SpanRef;
  readonly startNs: number;
  readonly durationNs: number;
  readonly attributes: readonly OtlpKeyValue[];
  readonly events?: readonly EventSpec[];
  readonly links?: readonly SpanRef[];
  readonly status?: OtlpStatus;
  readonly scope?: string;
}

/** What later spans need to know about an emitted span. */
export interface SpanRef {
  readonly index: number;
  readonly spanId: string;
  readonly startNs: number;
  readonly endNs: number;
}

interface PendingSpan {
  spec: SpanSpec;
  readonly spanId: string;
}

export type SpanPatch = Partial<Pick<SpanSpec, 'durationNs' | 'attributes' | 'events' | 'status'>>;

type MutableSpan = { -readonly [K in keyof OtlpSpan]: OtlpSpan[K] };
const UNSET: OtlpStatus = { code: 0 };

export class OtlpTraceBuilder {
  private readonly services = new Map<string, ServiceInfo>();
  private readonly pending: PendingSpan[] = [];
  private counter = 0;
  private maxEndNs = 0;

  /** `idSalt` makes span ids differ between demos; ids are unique within a trace because mix32 is a bijection. */
  constructor(
    readonly traceId: string,
    private readonly idSalt: number,
  ) {}

  service(info: ServiceInfo): void {
    this.services.set(info.name, info);
  }

  add(spec: SpanSpec): SpanRef {
    const n = this.counter++;
    const hi = mix32((n ^ this.idSalt) >>> 0);
    const lo = mix32((n + Math.imul(this.idSalt, 0x9e3779b1)) >>> 0) || 1;
    const spanId = hex8(hi) + hex8(lo);
    const startNs = Math.round(spec.startNs);
    const endNs = startNs + Math.max(1, Math.round(spec.durationNs));
    if (endNs > this.maxEndNs) this.maxEndNs = endNs;
    this.pending.push({ spec, spanId });
    return { index: n, spanId, startNs, endNs };
  }

  /** Fill in what is known only later (a parent's end, its collected log events). */
  update(ref: SpanRef, patch: SpanPatch): SpanRef {
    const pending = this.pending[ref.index];
    if (pending === undefined) throw new Error(`OtlpTraceBuilder.update: no span #${ref.index}`);
    pending.spec = { ...pending.spec, ...patch };
    const endNs = Math.round(pending.spec.startNs) + Math.max(1, Math.round(pending.spec.durationNs));
    if (endNs > this.maxEndNs) this.maxEndNs = endNs;
    return { ...ref, endNs };
  }

  /** Set a span's end (relative ns). */
  endAt(ref: SpanRef, endNs: number): SpanRef {
    return this.update(ref, { durationNs: endNs - ref.startNs });
  }

  get spanCount(): number {
    return this.pending.length;
  }

  build(nowUnixMs: number, endsBeforeNowMs = 1000): { resourceSpans: OtlpResourceSpans[] } {
    const endNs = BigInt(Math.trunc(nowUnixMs)) * 1_000_000n - BigInt(Math.trunc(endsBeforeNowMs)) * 1_000_000n;
    const baseNs = endNs - BigInt(this.maxEndNs);
    const nanos = (relNs: number): string => (baseNs + BigInt(Math.round(relNs))).toString();
    // service → scope → spans, in first-seen order so the document is stable
    const byService = new Map<string, Map<string, OtlpSpan[]>>();
    const traceId = this.traceId;
    for (const { spec, spanId } of this.pending) {
      const info = this.services.get(spec.service);
      const scopeName = spec.scope ?? info?.scope ?? spec.service;
      let scopes = byService.get(spec.service);
      if (scopes === undefined) byService.set(spec.service, (scopes = new Map()));
      let spans = scopes.get(scopeName);
      if (spans === undefined) scopes.set(scopeName, (spans = []));
      const startNs = Math.round(spec.startNs);
      const start = nanos(startNs);
      const end = nanos(startNs + Math.max(1, Math.round(spec.durationNs)));
      const status = spec.status ?? UNSET;
      // two literal shapes (root / child) keep the wire key order and V8's hidden classes stable
      const span: MutableSpan =
        spec.parent !== undefined
          ? {
              traceId,
              spanId,
              parentSpanId: spec.parent.spanId,
              name: spec.name,
              kind: spec.kind,
              startTimeUnixNano: start,
              endTimeUnixNano: end,
              attributes: spec.attributes,
              status,
            }
          : {
              traceId,
              spanId,
              name: spec.name,
              kind: spec.kind,
              startTimeUnixNano: start,
              endTimeUnixNano: end,
              attributes: spec.attributes,
              status,
            };
      if (spec.events !== undefined && spec.events.length > 0) {
        span.events = spec.events.map((e): OtlpEvent => ({
          timeUnixNano: nanos(e.atNs),
          name: e.name,
          attributes: e.attributes ?? [],
        }));
      }
      if (spec.links !== undefined && spec.links.length > 0) {
        span.links = spec.links.map((l): OtlpLink => ({ traceId, spanId: l.spanId, attributes: [] }));
      }
      spans.push(span);
    }
    const resourceSpans: OtlpResourceSpans[] = [];
    for (const [service, scopes] of byService) {
      const info = this.services.get(service);
      resourceSpans.push({
        resource: { attributes: [str('service.name', service), ...(info?.attributes ?? [])] },
        scopeSpans: [...scopes].map(([name, spans]) => ({
          scope:
            info?.scopeVersion !== undefined && name === info.scope ? { name, version: info.scopeVersion } : { name },
          spans,
        })),
      });
    }
    return { resourceSpans };
  }
}
