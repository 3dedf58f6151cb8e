/**
 * Search request → the URL each backend understands (paths relative to the source's proxy
 * base). Units differ per backend; see WIRE-FORMATS.md:
 * - Jaeger v3: RFC 3339 times, Go durations, attributes as a JSON string map. Parameter names
 *   are sent snake_case (`query.service_name`): every v2 release and v1.7x accept them, while
 *   camelCase only works from v2.19. `query.num_traces` must be > 0.
 * - Jaeger v1: start/end in µs, Go durations, `tags` as JSON; `service` is required.
 * - Zipkin: min/maxDuration in µs, endTs/lookback in ms, annotationQuery `k=v and k2`.
 * - Tempo: TraceQL `q`, start/end in unix seconds.
 */
import { goDuration } from './duration';
import { literalText } from './logfmt';
import { tempoWindow } from '../tempo/search';
import type { AttrLiteral, SearchRequest } from './types';

/** µs since the epoch → RFC 3339 with microseconds ("2026-11-25T10:00:00.123456Z"). */
export function rfc3339FromUs(us: number): string {
  const whole = Math.floor(us);
  const ms = Math.floor(whole / 1000);
  const iso = new Date(ms).toISOString(); // …T10:00:00.123Z
  const micro = String(((whole % 1000) + 1000) % 1000).padStart(3, '0');
  return `${iso.slice(0, -1)}${micro}Z`;
}

function attrMap(attrs: SearchRequest['attributes']): string | undefined {
  if (attrs.length === 0) return undefined;
  // fromEntries defines own keys: `o[k] = …` with k = "__proto__" would set the prototype and drop the tag.
  return JSON.stringify(Object.fromEntries(attrs.map(([k, v]) => [k, literalText(v)])));
}

function query(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

export function jaegerV3SearchPath(r: SearchRequest, endpoint: 'traces' | 'trace-summaries' = 'traces'): string {
  return `/api/v3/${endpoint}?${query({
    'query.service_name': r.service,
    'query.operation_name': r.operation,
    'query.attributes': attrMap(r.attributes),
    'query.start_time_min': rfc3339FromUs(r.startUs),
    'query.start_time_max': rfc3339FromUs(r.endUs),
    'query.duration_min': r.minDurationUs === undefined ? undefined : goDuration(r.minDurationUs),
    'query.duration_max': r.maxDurationUs === undefined ? undefined : goDuration(r.maxDurationUs),
    'query.num_traces': r.limit,
  })}`;
}

export function jaegerV1SearchPath(r: SearchRequest): string {
  return `/api/traces?${query({
    service: r.service,
    operation: r.operation,
    tags: attrMap(r.attributes),
    start: Math.floor(r.startUs),
    end: Math.ceil(r.endUs),
    minDuration: r.minDurationUs === undefined ? undefined : goDuration(r.minDurationUs),
    maxDuration: r.maxDurationUs === undefined ? undefined : goDuration(r.maxDurationUs),
    limit: r.limit,
  })}`;
}

/** Zipkin's annotationQuery: `k=v and k2=v2`; `error=true` means "has an error tag" (its value is the message). */
export function zipkinAnnotationQuery(attrs: SearchRequest['attributes']): string | undefined {
  if (attrs.length === 0) return undefined;
  return attrs
    .map(([k, v]) => (k === 'error' && v.kind === 'bool' && v.value ? 'error' : `${k}=${literalText(v)}`))
    .join(' and ');
}

export function zipkinSearchPath(r: SearchRequest): string {
  const endMs = Math.ceil(r.endUs / 1000);
  return `/api/v2/traces?${query({
    serviceName: r.service,
    spanName: r.operation,
    annotationQuery: zipkinAnnotationQuery(r.attributes),
    minDuration: r.minDurationUs === undefined ? undefined : Math.round(r.minDurationUs),
    maxDuration: r.maxDurationUs === undefined ? undefined : Math.round(r.maxDurationUs),
    endTs: endMs,
    lookback: Math.max(1, endMs - Math.floor(r.startUs / 1000)),
    limit: r.limit,
  })}`;
}

/** A TraceQL string literal: double quotes, backslash escapes (JSON's rules are a subset TraceQL reads). */
export const traceqlString = (s: string) => JSON.stringify(s);

const PLAIN_NAME = /^[A-Za-z_][\w.\-/:]*$/;

/** `http.route` → `span.http.route`; `resource.x`, `span.x` and `.x` keep their scope; odd names are quoted. */
export function traceqlAttribute(key: string): string {
  const m = /^(resource\.|span\.|\.)(.*)$/.exec(key);
  const scope = m?.[1] ?? 'span.';
  const name = m?.[2] ?? key;
  return `${scope}${PLAIN_NAME.test(name) ? name : traceqlString(name)}`;
}

function traceqlLiteral(v: AttrLiteral): string {
  switch (v.kind) {
    case 'string':
      return traceqlString(v.value);
    case 'number':
      return v.value;
    case 'bool':
      return String(v.value);
  }
}

/**
 * The form as one TraceQL spanset, every condition on the same span — the meaning Jaeger's
 * search has (a span of that service and operation, that slow, with those tags).
 * `error=true` is Jaeger's tag for an error status; in TraceQL that is `status=error`.
 */
export function compileTraceQL(
  r: Pick<SearchRequest, 'service' | 'operation' | 'attributes' | 'minDurationUs' | 'maxDurationUs'>,
): string {
  const conds: string[] = [];
  if (r.service) conds.push(`resource.service.name=${traceqlString(r.service)}`);
  if (r.operation) conds.push(`name=${traceqlString(r.operation)}`);
  for (const [k, v] of r.attributes) {
    if (k === 'error' && v.kind === 'bool') conds.push(v.value ? 'status=error' : 'status!=error');
    else conds.push(`${traceqlAttribute(k)}=${traceqlLiteral(v)}`);
  }
  if (r.minDurationUs !== undefined) conds.push(`duration>${goDuration(r.minDurationUs)}`);
  if (r.maxDurationUs !== undefined) conds.push(`duration<${goDuration(r.maxDurationUs)}`);
  return conds.length === 0 ? '{}' : `{${conds.join(' && ')}}`;
}

/** The plain search (no most_recent hint; tempo/search.ts adds it when the version allows). */
export function tempoSearchPath(r: SearchRequest): string {
  const w = tempoWindow(r.startUs, r.endUs); // whole seconds, at most 168 h
  return `/api/search?${query({
    q: r.traceql ?? compileTraceQL(r),
    start: w.start,
    end: w.end,
    limit: r.limit,
  })}`;
}
