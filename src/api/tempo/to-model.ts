/**
 * Grafana Tempo trace-by-id responses → Trace model (WIRE-FORMATS §3). Both are OTLP
 * underneath (base64 ids, enum names, string int64), so the OTLP adapter does the work:
 * - `/api/traces/{id}`: `{"batches": [...]}` (v1);
 * - `/api/v2/traces/{id}`: `{"trace": {"resourceSpans": [...]}, "status": "PARTIAL", "message"}`.
 * An unknown id can come back as 200 with `"trace": {}`: that is a not-found, not an empty trace.
 */
import { isRecord, str } from '../../lib/json';
import type { Trace } from '../../model/types';
import { TraceAdapterError, TraceNotFoundError } from '../adapter-common';
import { otlpToTraces } from '../otlp/to-model';

export function tempoToTraces(json: unknown): Trace[] {
  if (!isRecord(json)) throw new TraceAdapterError('tempo-v2', 'Tempo: expected an object with "trace" or "batches"');
  if (!('trace' in json)) {
    const traces = otlpToTraces(json, 'tempo-v1');
    if (traces.length === 0)
      throw new TraceNotFoundError('tempo-v1', 'Tempo: trace not found (the response has no spans)');
    return traces;
  }
  const body = json.trace;
  if (body !== undefined && body !== null && !isRecord(body)) {
    throw new TraceAdapterError('tempo-v2', `Tempo: "trace" is ${typeof body}, expected an object`);
  }
  const traces = body === undefined || body === null ? [] : otlpToTraces(body, 'tempo-v2');
  if (traces.length === 0)
    throw new TraceNotFoundError('tempo-v2', 'Tempo: trace not found (the response has no resourceSpans)');
  // status is omitted when COMPLETE (the proto enum's zero value).
  const status = str(json.status);
  if (status === undefined || status === 'COMPLETE') return traces;
  const message = str(json.message);
  const warning = `Tempo returned a ${status.toLowerCase()} trace${message === undefined || message === '' ? '' : `: ${message}`}`;
  return traces.map((t) => ({ ...t, warnings: [...t.warnings, warning] }));
}
