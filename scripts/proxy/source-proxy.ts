/**
 * The same-origin proxy: `/proxy/<source-id>/<path>?<query>` is forwarded to that source's
 * configured URL, and nothing else is. It is used by `vite dev` and `vite preview` (and so
 * by `npm start`); deploy/ renders the equivalent nginx config for production.
 *
 * Never an open proxy: the source id must be configured, the path is checked on its raw
 * (still percent-encoded) form and refused when it holds dot segments, encoded slashes,
 * dots or backslashes, empty segments or control characters, and the final URL must still
 * be under the source's base URL. Every refusal is a 404 that never leaves the machine.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { LinkPatternConfig, SourceConfig } from './sources-config.mjs';
import { publicConfig } from './sources-config.mjs';
import {
  PROXY_SECURITY_HEADERS,
  RETURNED_RESPONSE_HEADERS,
  forwardedRequestHeaders,
  proxyMaxBytes,
} from './header-policy.mjs';

export const PROXY_PREFIX = '/proxy/';
const UPSTREAM_TIMEOUT_MS = 60_000;

export type ProxyTarget =
  | { readonly ok: true; readonly source: SourceConfig; readonly url: URL }
  | { readonly ok: false; readonly reason: string };

/** Decides where a raw request URL may go. Pure, so every escape attempt is unit-tested. */
export function resolveProxyTarget(rawUrl: string, sources: readonly SourceConfig[]): ProxyTarget {
  if (!rawUrl.startsWith(PROXY_PREFIX)) return { ok: false, reason: 'not a proxy path' };
  const qAt = rawUrl.search(/[?#]/);
  const path = qAt < 0 ? rawUrl : rawUrl.slice(0, qAt);
  const query = qAt < 0 ? '' : (rawUrl.slice(qAt).split('#')[0] ?? '');
  const afterPrefix = path.slice(PROXY_PREFIX.length);
  const slash = afterPrefix.indexOf('/');
  const id = slash < 0 ? afterPrefix : afterPrefix.slice(0, slash);
  const rest = slash < 0 ? '' : afterPrefix.slice(slash); // '' or '/...'
  const source = sources.find((s) => s.id === id);
  if (!source) return { ok: false, reason: `unknown source "${id}"` };
  if (/%(2e|2f|5c|[01][0-9a-f]|7f)/i.test(rest) || /[\\\x00-\x20\x7f]/.test(rest))
    return { ok: false, reason: 'encoded dot, slash or control character in path' };
  const segments = rest.split('/').slice(1);
  if (segments.some((seg, i) => seg === '.' || seg === '..' || (seg === '' && i < segments.length - 1)))
    return { ok: false, reason: 'dot or empty segment in path' };
  // Encoded tab, CR and LF may appear in a query (multi-line TraceQL) and stay encoded.
  if (/[\x00-\x20\x7f\\]/.test(query) || /%(0[0-8bcef]|1[0-9a-f]|7f)/i.test(query))
    return { ok: false, reason: 'control character in query' };
  const base = new URL(source.url);
  const basePath = base.pathname.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${base.origin}${basePath}${rest}${query}`);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.origin !== base.origin || !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`)))
    return { ok: false, reason: 'path leaves the source' };
  return { ok: true, source, url };
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...extra,
    ...PROXY_SECURITY_HEADERS,
  });
  res.end(JSON.stringify(body));
}

/** The configured sources, or why the config could not be read (then no source is reachable). */
export type SourcesState = {
  readonly sources: readonly SourceConfig[];
  readonly error?: string;
  readonly linkPatterns?: readonly LinkPatternConfig[];
};

/**
 * Connect-style middleware for Vite's dev and preview servers. `getSources` is read per request.
 * `maxBytes` caps one answer's body (PATHLIGHT_PROXY_MAX_BYTES, default 512 MiB).
 */
export function sourceProxyMiddleware(
  getState: () => SourcesState,
  { maxBytes = proxyMaxBytes() }: { maxBytes?: number } = {},
) {
  const getSources = () => getState().sources;
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => {
    const rawUrl = req.url ?? '/';
    if (rawUrl === '/config.json' || rawUrl.startsWith('/config.json?')) {
      const { sources, error, linkPatterns } = getState();
      if (error !== undefined) sendJson(res, 500, { error: { message: error } });
      else sendJson(res, 200, publicConfig(sources, linkPatterns));
      return;
    }
    if (!rawUrl.startsWith(PROXY_PREFIX)) {
      next();
      return;
    }
    const target = resolveProxyTarget(rawUrl, getSources());
    if (!target.ok) {
      sendJson(
        res,
        404,
        { error: { message: `Not a configured source path (${target.reason}).` } },
        { 'x-pathlight-proxy': 'refused' },
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(
        res,
        405,
        { error: { message: 'The source proxy is read-only (GET and HEAD).' } },
        { allow: 'GET, HEAD' },
      );
      return;
    }
    void forward(req, res, target.source, target.url, maxBytes);
  };
}

const tooLarge = (source: SourceConfig, maxBytes: number) =>
  `Source "${source.name}" (${source.id}) sent more than ${Math.round(maxBytes / 1024 / 1024)} MiB in one answer (PATHLIGHT_PROXY_MAX_BYTES).`;

async function forward(req: IncomingMessage, res: ServerResponse, source: SourceConfig, url: URL, maxBytes: number) {
  const headers: Record<string, string> = {};
  // An empty value is not sent, as nginx does with proxy_set_header.
  for (const name of forwardedRequestHeaders(source)) {
    const v = req.headers[name];
    if (typeof v === 'string' && v !== '') headers[name] = v;
  }
  Object.assign(headers, source.headers);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error('timeout')), UPSTREAM_TIMEOUT_MS);
  req.on('close', () => abort.abort(new Error('client went away')));
  try {
    const upstream = await fetch(url, { method: req.method, headers, redirect: 'manual', signal: abort.signal });
    const out: Record<string, string> = { 'x-pathlight-proxy': source.id, ...PROXY_SECURITY_HEADERS };
    for (const name of RETURNED_RESPONSE_HEADERS) {
      const v = upstream.headers.get(name);
      if (v) out[name] = v;
    }
    if (upstream.status >= 300 && upstream.status < 400) {
      // A redirect could point anywhere: report it rather than follow or pass it on.
      sendJson(
        res,
        502,
        {
          error: {
            message: `Source "${source.name}" answered with a redirect (${upstream.status}); configure its final URL.`,
          },
        },
        { 'x-pathlight-proxy-error': 'redirect' },
      );
      return;
    }
    const declared = Number(upstream.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await upstream.body?.cancel();
      sendJson(
        res,
        502,
        { error: { message: tooLarge(source, maxBytes) } },
        { 'x-pathlight-proxy-error': 'too-large' },
      );
      return;
    }
    res.writeHead(upstream.status, out);
    if (!upstream.body || req.method === 'HEAD') {
      res.end();
      return;
    }
    // Counted while streaming: Content-Length may be absent (chunked) or lie, and Node's
    // fetch decodes gzip, so only the bytes actually read say how big the answer is.
    const reader = upstream.body.getReader();
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        // The status is already sent: cutting the connection makes the browser's read fail
        // instead of seeing a short body as complete.
        console.error(`[pathlight] ${tooLarge(source, maxBytes)} The answer was cut off.`);
        res.destroy();
        return;
      }
      if (!res.write(value)) await once(res, 'drain');
    }
    res.end();
  } catch (err) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const timedOut = abort.signal.reason instanceof Error && abort.signal.reason.message === 'timeout';
    const cause =
      err instanceof Error && err.cause instanceof Error
        ? err.cause.message
        : err instanceof Error
          ? err.message
          : String(err);
    // The browser learns which source failed, never its internal address; the terminal does.
    if (!timedOut) console.error(`[pathlight] source "${source.id}" (${source.url}): ${cause}`);
    sendJson(
      res,
      timedOut ? 504 : 502,
      {
        error: {
          message: timedOut
            ? `Source "${source.name}" (${source.id}) did not answer within ${UPSTREAM_TIMEOUT_MS / 1000} s.`
            : `Could not reach source "${source.name}" (${source.id}).`,
        },
      },
      { 'x-pathlight-proxy-error': timedOut ? 'timeout' : 'unreachable' },
    );
  } finally {
    clearTimeout(timer);
  }
}
