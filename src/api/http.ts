/**
 * fetch with a timeout, cancellation and typed, readable errors. Every way a request to a
 * trace source can fail becomes one `SourceError` kind the views name in words.
 */
import { arr, isRecord, rec, str } from '../lib/json';

export type SourceErrorKind =
  'unreachable' | 'timeout' | 'cancelled' | 'not-found' | 'http' | 'too-large' | 'cors' | 'bad-response';

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

/**
 * A failure that trying another URL, endpoint or fallback cannot fix, so a loop over
 * alternatives stops and passes it on: the user cancelled, the source is unreachable, or it
 * timed out (each further attempt would wait as long again).
 */
export const isFatalSourceError = (err: unknown): err is SourceError =>
  err instanceof SourceError && (err.kind === 'cancelled' || err.kind === 'unreachable' || err.kind === 'timeout');

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Bodies above this are refused: parsing them would freeze or crash the tab. */
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export interface FetchOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number;
  /** Who is asked, for messages ("Jaeger"): a source's display name, never its upstream URL. */
  readonly sourceName: string;
  /** The configured source id, named next to the display name in messages. */
  readonly sourceId?: string | undefined;
  /** Bodies above this many bytes are refused (default MAX_RESPONSE_BYTES). */
  readonly maxBytes?: number;
  /** True when the URL is another origin (a source called directly): network errors then mean CORS. */
  readonly crossOrigin?: boolean;
  /** The Accept header (default application/json). */
  readonly accept?: string;
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
      const v1 = arr(json.errors)
        .map((e) => str(rec(e)?.msg))
        .filter((m): m is string => m !== undefined);
      if (v1.length > 0) return v1.join('; ');
      const plain = str(json.message);
      if (plain) return plain;
    }
  } catch {
    // Not JSON: Tempo and Zipkin answer errors in plain text.
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * URLs in an error text become "<URL hidden>": a backend's or the proxy's message may name the
 * upstream's internal address, which the browser has no business showing.
 */
export function hideUrls(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*[^\s"'<>.,;:)]/gi, '<URL hidden>');
}

/** "Jaeger (source jaeger-prod)": how a source is named in messages. */
export function sourceLabel(name: string, id: string | undefined): string {
  return id === undefined || id === name ? name : `${name} (source ${id})`;
}

/** A response's media type, lower case and without parameters ("application/json"); '' when absent. */
const contentTypeOf = (res: Response) =>
  (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/**
 * The body as text, counting bytes as they arrive: Content-Length is absent on chunked
 * answers (and dropped by some proxies), so it cannot be trusted to enforce the cap.
 */
async function readCapped(res: Response, maxBytes: number, who: string, sink?: BodySink): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    void res.body?.cancel().catch(() => undefined); // nothing to report: the body is being refused
    throw new SourceError(
      'too-large',
      `${who} sent ${mb(declared)}; Pathlight reads at most ${mb(maxBytes)} in one response.`,
      res.status,
    );
  }
  if (res.body === null) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined); // the refusal below is what matters
      throw new SourceError(
        'too-large',
        `${who} sent more than ${mb(maxBytes)}; Pathlight reads at most ${mb(maxBytes)} in one response.`,
        res.status,
      );
    }
    if (sink === undefined) parts.push(decoder.decode(value, { stream: true }));
    else {
      try {
        if ('bytes' in sink) sink.bytes(value, received);
        else sink.text(decoder.decode(value, { stream: true }), received);
      } catch (err) {
        await reader.cancel().catch(() => undefined); // the sink's error is what matters
        throw err;
      }
    }
  }
  if (sink === undefined) return parts.join('') + decoder.decode();
  if ('text' in sink) sink.text(decoder.decode(), received);
  return '';
}

/** Takes a successful answer's text as it arrives (decoded chunks, and the bytes read so far). */
export type TextSink = (text: string, bytesSoFar: number) => void;
/** Takes a successful answer's bytes as they arrive (a binary body such as protobuf). */
export type ByteSink = (bytes: Uint8Array, bytesSoFar: number) => void;
/** Where a successful answer's body goes: decoded text, or the bytes as they are. */
export type BodySink = { readonly text: TextSink } | { readonly bytes: ByteSink };

export function fetchText(url: string, options: FetchOptions): Promise<string> {
  return fetchBody(url, options, undefined);
}

/**
 * Like fetchText, but a successful answer's text goes to `sink` while it arrives and is never
 * held whole (an error answer is still read whole, for its message). A SourceError thrown by
 * the sink (the text is not what was expected) stops the download and is passed on as is.
 */
export async function fetchStreamed(url: string, options: FetchOptions, sink: TextSink): Promise<void> {
  await fetchBody(url, options, () => ({ text: sink }));
}

/**
 * Like fetchStreamed, for an answer whose encoding the server chooses (content negotiation
 * through `options.accept`): `choose` sees a successful answer's Content-Type (lower case,
 * without parameters; '' when absent) and says where its body goes.
 */
export async function fetchNegotiated(
  url: string,
  options: FetchOptions,
  choose: (contentType: string) => BodySink,
): Promise<void> {
  await fetchBody(url, options, choose);
}

async function fetchBody(
  url: string,
  options: FetchOptions,
  choose: ((contentType: string) => BodySink) | undefined,
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const who = sourceLabel(options.sourceName, options.sourceId);
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
      // A negotiated answer is not stored: the browser's cache keys on the URL alone unless the
      // server sends Vary: Accept (Tempo does not), so the JSON view's later request for the same
      // URL could be handed the protobuf.
      const init: RequestInit =
        options.accept === undefined
          ? { signal: controller.signal, headers: { accept: 'application/json' } }
          : { signal: controller.signal, headers: { accept: options.accept }, cache: 'no-store' };
      res = await fetch(url, init);
    } catch (err) {
      if (timedOut) throw new SourceError('timeout', `${who} did not answer within ${timeoutMs / 1000} s.`);
      if (options.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
      if (options.crossOrigin)
        throw new SourceError(
          'cors',
          `The browser blocked the answer from ${who} (CORS): it does not allow this origin. Use Pathlight's proxy (/proxy/<source>) or allow this origin in the source's CORS settings.`,
        );
      throw new SourceError(
        'unreachable',
        `Could not reach ${who}: ${err instanceof Error ? err.message : String(err)}.`,
      );
    }
    let body: string;
    try {
      const sink = res.ok && choose ? choose(contentTypeOf(res)) : undefined;
      body = await readCapped(res, options.maxBytes ?? MAX_RESPONSE_BYTES, who, sink);
    } catch (err) {
      if (err instanceof SourceError) throw err;
      if (timedOut) throw new SourceError('timeout', `${who} did not finish answering within ${timeoutMs / 1000} s.`);
      if (options.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
      throw new SourceError(
        'unreachable',
        `The answer from ${who} broke off: ${err instanceof Error ? err.message : String(err)}.`,
        res.status,
      );
    }
    if (res.ok) return body;
    const proxyError = res.headers.get('x-pathlight-proxy-error');
    const raw = backendMessage(body);
    const message = raw === undefined ? undefined : hideUrls(raw);
    // The proxy's own message names the source by its display name; add the id when it does not.
    const id = options.sourceId;
    const withId = (m: string) => (id === undefined || m.includes(id) ? m : `${m.replace(/\.$/, '')} (source ${id}).`);
    if (proxyError === 'unreachable')
      throw new SourceError('unreachable', message ? withId(message) : `Could not reach ${who}.`, res.status);
    if (proxyError === 'timeout')
      throw new SourceError('timeout', message ? withId(message) : `${who} did not answer in time.`, res.status);
    if (res.status === 404) throw new SourceError('not-found', message ?? 'Not found.', 404);
    if (res.status === 413 || res.status === 422)
      throw new SourceError(
        'too-large',
        `${who}: ${message ?? 'the response is too large'} (HTTP ${res.status}).`,
        res.status,
      );
    throw new SourceError('http', `${who} answered HTTP ${res.status}${message ? `: ${message}` : ''}.`, res.status);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
