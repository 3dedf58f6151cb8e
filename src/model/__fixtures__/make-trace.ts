/**
 * Tiny hand-built traces for model tests. Ids are short strings left-padded with zeros to
 * 16 characters (use hex-ish ids like 'a', '1f'); times are µs from the trace start, as
 * given (put one span at 0 so the trace starts there).
 */
import type { RefType, Span, SpanId, SpanKind, Trace, TraceId } from '../types';
import { toMicros } from '../types';

export interface SpanSpec {
  id: string;
  parent?: string;
  service?: string;
  name?: string;
  start: number;
  duration: number;
  kind?: SpanKind;
  refType?: RefType;
  error?: boolean;
  warnings?: string[];
}

const TRACE_ID = '0123456789abcdef0123456789abcdef';

// Branded constructors for test ids (the only casts, as in the model's toMicros).
const spanId = (id: string): SpanId => id.padStart(16, '0') as SpanId;
const traceId = (id: string): TraceId => id as TraceId;

export function makeTrace(spans: ReadonlyArray<SpanSpec>, traceWarnings: readonly string[] = []): Trace {
  let minStart = Infinity;
  let maxEnd = -Infinity;
  for (const s of spans) {
    minStart = Math.min(minStart, s.start);
    maxEnd = Math.max(maxEnd, s.start + s.duration);
  }
  const out: Span[] = spans.map((s) => ({
    spanId: spanId(s.id),
    ...(s.parent === undefined ? {} : { parentSpanId: spanId(s.parent) }),
    refType: s.refType ?? 'child-of',
    traceId: traceId(TRACE_ID),
    name: s.name ?? `op-${s.id}`,
    service: s.service ?? 'svc',
    kind: s.kind ?? 'internal',
    startUs: toMicros(s.start),
    durationUs: toMicros(s.duration),
    status: s.error === true ? { code: 'error', message: 'failed' } : { code: 'unset' },
    attributes: [],
    resource: [],
    events: [],
    links: [],
    warnings: s.warnings ?? [],
  }));
  return {
    traceId: traceId(TRACE_ID),
    startUnixUs: 1_700_000_000_000_000,
    durationUs: toMicros(spans.length === 0 ? 0 : maxEnd - minStart),
    spans: out,
    warnings: traceWarnings,
    format: 'demo',
  };
}
