/**
 * Critical-path time per service and per operation of a trace from Jaeger's API v3
 * (`/api/v3/traces/{id}`, OTLP JSON with nanosecond times, the precision the app reads),
 * computed here from the raw JSON by the rule in DESIGN.md, without the app's code, so specs
 * can check the app's sums against an independent count. Results in µs (fractional).
 */
interface OtlpSpan {
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number | string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  links?: unknown[];
}
interface OtlpBody {
  result: {
    resourceSpans: {
      resource: { attributes: { key: string; value: { stringValue?: string } }[] };
      scopeSpans: { spans: OtlpSpan[] }[];
    }[];
  };
}
interface RawSpan {
  spanID: string;
  service: string;
  operationName: string;
  kind: string;
  startTime: number;
  duration: number;
  parent: string | undefined;
}

/** OTLP spans with times in µs from the trace's earliest start (subtracted as BigInt). */
function fromOtlp(body: unknown): RawSpan[] {
  const raw: { span: OtlpSpan; service: string }[] = [];
  for (const rs of (body as OtlpBody).result.resourceSpans) {
    const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
    for (const ss of rs.scopeSpans) for (const span of ss.spans) raw.push({ span, service });
  }
  let t0: bigint | undefined;
  for (const { span } of raw) {
    const s = BigInt(span.startTimeUnixNano);
    if (t0 === undefined || s < t0) t0 = s;
  }
  const kinds = ['', 'internal', 'server', 'client', 'producer', 'consumer'];
  return raw.map(({ span, service }) => {
    const start = Number(BigInt(span.startTimeUnixNano) - (t0 ?? 0n)) / 1000;
    const end = Number(BigInt(span.endTimeUnixNano) - (t0 ?? 0n)) / 1000;
    return {
      spanID: span.spanId,
      service,
      operationName: span.name,
      kind: typeof span.kind === 'number' ? (kinds[span.kind] ?? '') : String(span.kind ?? '').toLowerCase(),
      startTime: start,
      duration: end - start,
      parent: span.parentSpanId || undefined,
    };
  });
}

export interface CriticalSums {
  readonly durationUs: number;
  readonly byService: Map<string, number>;
  /** Keyed `service\u0000operation`. */
  readonly byOperation: Map<string, number>;
}

const kindOf = (s: RawSpan) => s.kind;

export function criticalSums(body: unknown): CriticalSums {
  const spans = fromOtlp(body);
  if (spans.length === 0) throw new Error('no spans in the answer');
  const byId = new Map(spans.map((s) => [s.spanID, s]));
  // OTLP has no follows-from: only a consumer under a producer is asynchronous.
  const parentOf = (s: RawSpan) =>
    s.parent !== undefined && byId.has(s.parent) ? { parent: byId.get(s.parent), async: false } : undefined;
  const children = new Map<RawSpan, RawSpan[]>();
  const roots: RawSpan[] = [];
  for (const s of spans) {
    const p = parentOf(s);
    if (!p?.parent) {
      roots.push(s);
      continue;
    }
    const asyncChild = p.async || (kindOf(s) === 'consumer' && kindOf(p.parent) === 'producer');
    if (asyncChild) continue;
    const list = children.get(p.parent) ?? [];
    list.push(s);
    children.set(p.parent, list);
  }
  roots.sort((a, b) => a.startTime - b.startTime || b.duration - a.duration);
  const owned = new Map<RawSpan, number>();
  const own = (s: RawSpan, us: number) => owned.set(s, (owned.get(s) ?? 0) + us);
  const root = roots[0];
  if (root) {
    // Iterative walk: each frame is a span with its clipped interval and the children not yet taken.
    type Frame = { span: RawSpan; start: number; end: number; left: { s: RawSpan; start: number; end: number }[] };
    const frame = (span: RawSpan, start: number, end: number): Frame => ({
      span,
      start,
      end,
      left: (children.get(span) ?? [])
        .filter((c) => c.startTime <= end && c.startTime + c.duration >= start)
        .map((c) => ({ s: c, start: Math.max(c.startTime, start), end: Math.min(c.startTime + c.duration, end) })),
    });
    const stack: Frame[] = [frame(root, root.startTime, root.startTime + root.duration)];
    let cursor = root.startTime + root.duration;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      let best = -1;
      top.left.forEach((c, i) => {
        if (c.end > cursor) return;
        const b = top.left[best];
        if (
          !b ||
          c.end > b.end ||
          (c.end === b.end && (c.start > b.start || (c.start === b.start && c.s.spanID > b.s.spanID)))
        )
          best = i;
      });
      const next = top.left[best];
      if (next) {
        top.left.splice(best, 1);
        own(top.span, cursor - next.end);
        cursor = next.end;
        stack.push(frame(next.s, next.start, next.end));
      } else {
        own(top.span, cursor - top.start);
        cursor = top.start;
        stack.pop();
      }
    }
  }
  const byService = new Map<string, number>();
  const byOperation = new Map<string, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const s of spans) {
    first = Math.min(first, s.startTime);
    last = Math.max(last, s.startTime + s.duration);
    const us = owned.get(s) ?? 0;
    const service = s.service;
    byService.set(service, (byService.get(service) ?? 0) + us);
    const key = `${service}\u0000${s.operationName}`;
    byOperation.set(key, (byOperation.get(key) ?? 0) + us);
  }
  return { durationUs: spans.length ? last - first : 0, byService, byOperation };
}
