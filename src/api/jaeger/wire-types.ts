/**
 * Jaeger query API v1 JSON ("UI JSON", jaeger `internal/uimodel/model.go`), as served by
 * `GET /api/traces/{id}` and `POST /api/transform`. Documentation of the accepted shape:
 * the adapter reads `unknown` with guards and never trusts these types blindly.
 * Times are µs since the Unix epoch (numbers); ids lower hex, 16 or 32 chars.
 */

export type JaegerTagType = 'string' | 'bool' | 'int64' | 'float64' | 'binary';

export interface JaegerKeyValue {
  key: string;
  type?: JaegerTagType;
  /** int64 outside ±2^53 arrives as a decimal string; binary as base64 text. */
  value: string | number | boolean;
}

export interface JaegerReference {
  refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceID: string;
  spanID: string;
}

export interface JaegerLog {
  timestamp: number; // µs epoch
  fields: JaegerKeyValue[];
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerKeyValue[] | null;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  /** Deprecated; omitted when empty. */
  parentSpanID?: string;
  flags?: number;
  operationName: string;
  references: JaegerReference[] | null;
  startTime: number; // µs epoch
  duration: number; // µs
  tags: JaegerKeyValue[] | null;
  logs: JaegerLog[] | null;
  processID?: string;
  process?: JaegerProcess;
  warnings: string[] | null;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
}

export interface JaegerError {
  code?: number;
  msg: string;
  traceID?: string;
}

/** `structuredResponse`: all five keys are always present. */
export interface JaegerEnvelope<T> {
  data: T[] | null;
  total: number;
  limit: number;
  offset: number;
  errors: JaegerError[] | null;
}
