/**
 * Errors across the worker boundary. postMessage keeps only an Error's message, so the
 * worker sends a kind, and the page rebuilds the same typed error: callers test `kind`,
 * never the wording.
 */
import { TraceAdapterError, TraceNotFoundError, TraceSourceError } from '../adapter-common';
import { SourceError, type SourceErrorKind } from '../http';
import { TraceFormatError } from '../parse-trace-file';

export type WireError =
  | {
      readonly kind: 'source';
      readonly sourceKind: SourceErrorKind;
      readonly message: string;
      readonly status?: number | undefined;
    }
  /** A file or paste that is not a trace. */
  | { readonly kind: 'format'; readonly reason: string }
  /** A bug or a crash: shown as is. */
  | { readonly kind: 'internal'; readonly message: string };

/** In the worker. Adapter errors of a backend answer become SourceErrors: not-found, or a bad answer. */
export function toWireError(err: unknown): WireError {
  if (err instanceof SourceError)
    return { kind: 'source', sourceKind: err.kind, message: err.message, status: err.status };
  if (err instanceof TraceFormatError) return { kind: 'format', reason: err.reason };
  if (err instanceof TraceNotFoundError)
    return { kind: 'source', sourceKind: 'not-found', message: err.message, status: 404 };
  if (err instanceof TraceSourceError)
    return {
      kind: 'source',
      sourceKind: err.httpCode === 404 ? 'not-found' : 'bad-response',
      message: err.message,
      status: err.httpCode,
    };
  if (err instanceof TraceAdapterError) return { kind: 'source', sourceKind: 'bad-response', message: err.message };
  if (err instanceof DOMException && err.name === 'AbortError')
    return { kind: 'source', sourceKind: 'cancelled', message: 'Cancelled.' };
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** On the page: the typed error the worker's WireError stands for. */
export function fromWireError(w: WireError): Error {
  switch (w.kind) {
    case 'source':
      return new SourceError(w.sourceKind, w.message, w.status);
    case 'format':
      return new TraceFormatError(w.reason);
    case 'internal':
      return new Error(w.message);
  }
}
