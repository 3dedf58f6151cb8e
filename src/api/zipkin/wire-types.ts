/**
 * Zipkin v2 JSON (openzipkin/zipkin-api `zipkin2-api.yaml`), as returned by
 * `GET /api/v2/trace/{id}` (an array of spans) and `GET /api/v2/traces` (an array of
 * traces). Times are µs since the Unix epoch; ids lower hex (16 or 32 chars).
 * Documentation only: the adapter reads `unknown` with guards.
 */

export interface ZipkinEndpoint {
  serviceName?: string;
  ipv4?: string;
  ipv6?: string;
  port?: number;
}

export interface ZipkinAnnotation {
  timestamp: number; // µs epoch
  value: string;
}

export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name?: string;
  /** Absent for local (in-process) spans. */
  kind?: 'CLIENT' | 'SERVER' | 'PRODUCER' | 'CONSUMER';
  /** Both may be missing on incomplete spans or late fragments of a span. */
  timestamp?: number;
  duration?: number;
  localEndpoint?: ZipkinEndpoint;
  remoteEndpoint?: ZipkinEndpoint;
  annotations?: ZipkinAnnotation[];
  /** String → string only; the `error` tag marks a failed span (its value is the message). */
  tags?: Record<string, string>;
  debug?: boolean;
  /** The server half of a span whose id was chosen by the client (one id, two spans). */
  shared?: boolean;
}

/** `/api/v2/trace/{id}`: one trace. */
export type ZipkinTrace = ZipkinSpan[];
/** `/api/v2/traces`, `/api/v2/traceMany`: several traces. */
export type ZipkinTraces = ZipkinSpan[][];
