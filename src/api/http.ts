/**
 * fetch with a timeout, cancellation and typed, readable errors. Every way a request to a
 * trace source can fail becomes one `SourceError` kind the views name in words.
 */
import { arr, isRecord, rec, str } from '../lib/json';

export type SourceErrorKind = 'unreachable' | 'timeout' | 'cancelled' | 'not-found' | 'http' | 'too-large' | 'cors' | 'bad-response';

export class SourceError extends Error {
  override name = 'SourceError';
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Bodies above this are refused: parsing them would freeze or crash the tab. */
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export interface FetchOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number;
  /** Who is asked, for messages ("Jaeger"). */
  readonly sourceName: string;
  /** True when the URL is another origin (a source called directly): network errors then mean CORS. */
  readonly crossOrigin?: boolean;
}

/** Pulls a readable message out of a backend's error body (Jaeger v1/v3, Tempo, Zipkin, proxy). */
export function backendMessage(body: string): string | undefined {
  const text = body.trim();
  if (!text) return undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (isRecord(json)) {
      const v3 = rec(json.error);
      const v3Message = v3 ? str(v3.message) : undefined;
      if (v3Message) return v3Message;
      const v1 = arr(json.errors).map((e) => str(rec(e)?.msg)).filter((m): m is string => m !== undefined);
      if (v1.length > 0) return v1.join('; ');
      const plain = str(json.message);
      if (plain) return plain;
    }
  } catch {
    // Not JSON: Tempo and Zipkin answer errors in plain text.
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export async function fetchText(url: string, options: FetchOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  try {
    let res: Response;
    try {
      res = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    } catch (err) {
      if (timedOut) throw new SourceError('timeout', `${options.sourceName} did not answer within ${timeoutMs / 1000} s.`);
      if (options.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
      if (options.crossOrigin)
        throw new SourceError('cors', `The browser blocked the answer from ${options.sourceName} (CORS): it does not allow this origin. Use Pathlight's proxy (/proxy/<source>) or allow this origin in the source's CORS settings.`);
      throw new SourceError('unreachable', `Could not reach ${options.sourceName}: ${err instanceof Error ? err.message : String(err)}.`);
    }
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > MAX_RESPONSE_BYTES)
      throw new SourceError('too-large', `${options.sourceName} sent ${(length / 1024 / 1024).toFixed(0)} MB; Pathlight reads at most ${MAX_RESPONSE_BYTES / 1024 / 1024} MB in one response.`, res.status);
    const body = await res.text();
    if (res.ok) return body;
    const proxyError = res.headers.get('x-pathlight-proxy-error');
    const message = backendMessage(body);
    if (proxyError === 'unreachable') throw new SourceError('unreachable', message ?? `Could not reach ${options.sourceName}.`, res.status);
    if (proxyError === 'timeout') throw new SourceError('timeout', message ?? `${options.sourceName} did not answer in time.`, res.status);
    if (res.status === 404) throw new SourceError('not-found', message ?? 'Not found.', 404);
    if (res.status === 413 || res.status === 422) throw new SourceError('too-large', `${options.sourceName}: ${message ?? 'the response is too large'} (HTTP ${res.status}).`, res.status);
    throw new SourceError('http', `${options.sourceName} answered HTTP ${res.status}${message ? `: ${message}` : ''}.`, res.status);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
