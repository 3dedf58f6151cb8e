/**
 * OTLP/JSON trace data (opentelemetry-proto, JSON encoding) and the protojson variants
 * found in the wild, all accepted by the adapter (WIRE-FORMATS §2, §3, §5):
 * - top key `resourceSpans`, Tempo v1's `batches`, snake_case `resource_spans`;
 * - `scopeSpans`, old `instrumentationLibrarySpans`, snake_case spellings;
 * - ids as case-insensitive hex (spec) or base64 (Tempo, gogo jsonpb);
 * - enums as integers (spec, Jaeger v3) or names (`SPAN_KIND_SERVER`, Tempo);
 * - 64-bit integers (ns times, intValue) as decimal strings or numbers.
 * Documentation only: the adapter reads `unknown` with guards.
 */

export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  bytesValue?: string; // base64
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
}

export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  kind?: number | string; // 0..5 or SPAN_KIND_*
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: OtlpKeyValue[];
  events?: { timeUnixNano?: string | number; name?: string; attributes?: OtlpKeyValue[] }[];
  links?: { traceId: string; spanId: string; attributes?: OtlpKeyValue[] }[];
  status?: { code?: number | string; message?: string };
}

export interface OtlpScopeSpans {
  scope?: { name?: string; version?: string; attributes?: OtlpKeyValue[] };
  spans?: OtlpSpan[];
}

export interface OtlpResourceSpans {
  resource?: { attributes?: OtlpKeyValue[] };
  scopeSpans?: OtlpScopeSpans[];
  schemaUrl?: string;
}

export interface OtlpTracesData {
  resourceSpans?: OtlpResourceSpans[];
}

/** Jaeger API v3 wraps trace responses; errors come as `{error: {httpCode, message}}`. */
export interface JaegerV3Response {
  result?: OtlpTracesData;
  error?: { httpCode?: number; message?: string };
}
