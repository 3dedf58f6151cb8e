/**
 * The OTLP/JSON wire shape the demo generator emits: exactly what an OpenTelemetry SDK or
 * collector writes to a file (opentelemetry-proto "JSON Protobuf Encoding"). Ids are
 * lower-case hex, times are nanoseconds since the Unix epoch as decimal strings, `kind`
 * and `status.code` are integers. Only the fields the generator fills in are declared, so
 * a demo goes through the same adapter as a real file.
 */

export type OtlpAnyValue =
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }
  /** int64 as a decimal string, as proto3 JSON writes it */
  | { readonly intValue: string }
  | { readonly doubleValue: number }
  | { readonly arrayValue: { readonly values: readonly OtlpAnyValue[] } };

export interface OtlpKeyValue {
  readonly key: string;
  readonly value: OtlpAnyValue;
}

/** 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer */
export type OtlpSpanKind = 0 | 1 | 2 | 3 | 4 | 5;
/** 0 unset, 1 ok, 2 error */
export type OtlpStatusCode = 0 | 1 | 2;

export const SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;
export const STATUS_CODE = { unset: 0, ok: 1, error: 2 } as const;

export interface OtlpEvent {
  readonly timeUnixNano: string;
  readonly name: string;
  readonly attributes: readonly OtlpKeyValue[];
}

export interface OtlpLink {
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: readonly OtlpKeyValue[];
}

export interface OtlpStatus {
  readonly code: OtlpStatusCode;
  readonly message?: string;
}

export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: OtlpSpanKind;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly OtlpKeyValue[];
  readonly events?: readonly OtlpEvent[];
  readonly links?: readonly OtlpLink[];
  readonly status: OtlpStatus;
}

export interface OtlpScopeSpans {
  readonly scope: { readonly name: string; readonly version?: string };
  readonly spans: readonly OtlpSpan[];
}

export interface OtlpResourceSpans {
  readonly resource: { readonly attributes: readonly OtlpKeyValue[] };
  readonly scopeSpans: readonly OtlpScopeSpans[];
}

/** A whole OTLP/JSON traces document (`TracesData`, the body of `POST /v1/traces`). */
export interface OtlpDocument {
  readonly resourceSpans: readonly OtlpResourceSpans[];
}
