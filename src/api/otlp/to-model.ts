/**
 * OTLP/JSON (and its protojson variants, see wire-types.ts) → Trace model. Also the body
 * of Jaeger API v3 (`{result}` / `{error}`) and Tempo trace-by-id responses. The document is
 * walked here; each span is converted by spans.ts.
 */
import { arr, isRecord, numOrDecimal, pick, rec, str } from '../../lib/json';
import type { Trace, TraceFormat } from '../../model/types';
import { TraceNotFoundError, TraceSourceError, withInterning } from '../adapter-common';
import { OtlpConverter, otlpFail, scopeSpansOf } from './spans';

/** Span arrays already converted while the text arrived (worker/otlp-stream.ts): the walk skips them. */
export class ConvertedSpans {
  constructor(
    readonly into: OtlpConverter,
    readonly count: number,
  ) {}
}

/** OTLP TracesData (or a wrapper around it) → one Trace per trace id. */
export function otlpToTraces(json: unknown, format: TraceFormat): Trace[] {
  return withInterning(() => convertOtlp(json, format));
}

function convertOtlp(json: unknown, format: TraceFormat): Trace[] {
  if (!isRecord(json)) otlpFail(format, 'expected an object with "resourceSpans"');
  const error = rec(json.error);
  if (error !== undefined && json.result === undefined) {
    const code = numOrDecimal(pick(error, 'httpCode', 'http_code'));
    const message = `Jaeger API v3 error${code === undefined ? '' : ` ${code}`}: ${str(error.message) ?? 'unknown error'}`;
    if (code === 404) throw new TraceNotFoundError(format, message);
    throw new TraceSourceError(format, message, code);
  }
  const root = isRecord(json.result) ? json.result : json;
  const list = pick(root, 'resourceSpans', 'resource_spans', 'batches');
  if (list === undefined) return []; // proto3 JSON omits empty lists: `{}` is "no spans"
  if (!Array.isArray(list)) otlpFail(format, `"resourceSpans" is ${typeof list}, expected an array`);

  let converter: OtlpConverter | undefined;
  list.forEach((rs, r) => {
    if (!isRecord(rs)) otlpFail(format, `resourceSpans[${r}] is not an object`);
    arr(scopeSpansOf(rs)).forEach((ss, k) => {
      if (!isRecord(ss)) otlpFail(format, `resourceSpans[${r}].scopeSpans[${k}] is not an object`);
      if (ss.spans instanceof ConvertedSpans) {
        // converted ahead, in document order: only arrays before every raw one are
        if (converter !== undefined && converter !== ss.spans.into) throw new Error('OTLP: span arrays out of order');
        converter = ss.spans.into;
        converter.claimed += ss.spans.count;
        return;
      }
      converter ??= new OtlpConverter();
      const context = converter.context(rs, ss, r, k);
      arr(ss.spans).forEach((s, i) => converter?.add(s, context, i, format));
    });
  });
  return converter === undefined ? [] : converter.finish(format);
}
