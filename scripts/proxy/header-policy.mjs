// The one place that says which headers cross the source proxy and which security headers
// Pathlight's responses carry. Used by the Node proxy (source-proxy.ts, so `npm start`,
// `npm run dev` and `vite preview`) and by the nginx renderer (deploy/render-nginx.mjs), so
// both servers behave alike. Plain JavaScript with JSDoc types so Node runs it directly.
import { createHash } from 'node:crypto';

/**
 * Request headers the browser may send on to a source; every other one (Cookie,
 * Authorization, Origin, X-Scope-OrgID, Forwarded, X-Forwarded-*, Proxy-Authorization…) is
 * dropped. A source's configured headers are added after these and win over them.
 * Accept-Encoding is not forwarded: Node's fetch negotiates and decodes compression itself
 * and nginx asks for an identity body, so no compressed body is ever passed through.
 */
export const FORWARDED_REQUEST_HEADERS = Object.freeze([
  'accept',
  'accept-language',
  'if-none-match',
  'if-modified-since',
]);

/**
 * Request headers no source may take from the browser, even when its `forwardHeaders` names
 * them: hop-by-hop and framing headers belong to one connection, Host is set from the source's
 * URL, and Cookie would hand every cookie of Pathlight's origin (an auth proxy's session among
 * them) to the backend. Accept-Encoding stays out as above (nginx would pass a compressed body
 * on without its Content-Encoding). A source forwards a header an auth proxy sets instead
 * (Authorization, X-Forwarded-Access-Token, X-Forwarded-User...).
 */
export const UNFORWARDABLE_REQUEST_HEADERS = Object.freeze([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'expect',
  'proxy-authorization',
  'proxy-authenticate',
  'cookie',
  'http2-settings',
  'accept-encoding',
]);

/**
 * Why a `forwardHeaders` entry is refused, or undefined when it may be forwarded. Names are
 * 1-64 letters, digits and "-" (nginx reads them as `$http_<name>` variables, so nothing else
 * may reach its config).
 * @param {unknown} name
 * @returns {string | undefined}
 */
export function forwardHeaderProblem(name) {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(name))
    return 'header names are 1-64 letters, digits and "-"';
  if (UNFORWARDABLE_REQUEST_HEADERS.includes(name.toLowerCase()))
    return `${name} is hop-by-hop, the Host, a cookie or Accept-Encoding, and is never forwarded`;
  return undefined;
}

/**
 * The request headers (lower case) one source receives from the browser: the common ones
 * above plus the source's own `forwardHeaders` allow-list (empty by default), less any the
 * source sets itself. Both proxies forward exactly this list.
 * @param {{ readonly headers: Readonly<Record<string, string>>; readonly forwardHeaders: readonly string[] }} source
 * @returns {string[]}
 */
export function forwardedRequestHeaders(source) {
  const own = new Set(Object.keys(source.headers).map((h) => h.toLowerCase()));
  const names = [...FORWARDED_REQUEST_HEADERS];
  for (const h of source.forwardHeaders) if (!names.includes(h)) names.push(h);
  return names.filter((h) => !own.has(h));
}

/** Response headers a source's answer may keep; the Node proxy drops every other one. */
export const RETURNED_RESPONSE_HEADERS = Object.freeze([
  'content-type',
  'cache-control',
  'etag',
  'last-modified',
  'retry-after',
]);

/**
 * Stock nginx cannot drop response headers by pattern, only by name, so the renderer hides
 * each of these (everything here that is not in RETURNED_RESPONSE_HEADERS): the headers a
 * browser acts on (CORS, cookies, framing, policies, redirects, downloads, caching hints),
 * tenant and auth headers, and what identifies the backend. A header outside this list and
 * outside the allow-list still passes nginx; /proxy/ answers carry `CSP: sandbox` and
 * nosniff, so such a header has nothing to act on. The Node proxy is a strict allow-list.
 */
export const KNOWN_RESPONSE_HEADERS = Object.freeze([
  ...RETURNED_RESPONSE_HEADERS,
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-private-network',
  'timing-allow-origin',
  'set-cookie',
  'set-cookie2',
  'set-login',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-content-type-options',
  'x-frame-options',
  'x-xss-protection',
  'referrer-policy',
  'permissions-policy',
  'feature-policy',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'document-policy',
  'strict-transport-security',
  'expect-ct',
  'public-key-pins',
  'clear-site-data',
  'service-worker-allowed',
  'supports-loading-mode',
  'speculation-rules',
  'accept-ch',
  'critical-ch',
  'report-to',
  'reporting-endpoints',
  'nel',
  'server-timing',
  'alt-svc',
  'link',
  'refresh',
  'location',
  'content-location',
  'content-disposition',
  'content-encoding',
  'content-language',
  'sourcemap',
  'x-sourcemap',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-robots-tag',
  'vary',
  'expires',
  'pragma',
  'age',
  'www-authenticate',
  'proxy-authenticate',
  'authentication-info',
  'authorization',
  'cookie',
  'x-scope-orgid',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-user',
  'x-real-ip',
  'forwarded',
  'via',
  'server',
  'x-powered-by',
  'x-aspnet-version',
  'x-accel-redirect',
  'x-accel-buffering',
  'x-accel-charset',
  'x-accel-expires',
  'x-accel-limit-rate',
  'x-pathlight-proxy',
  'x-pathlight-proxy-error',
]);

/**
 * Every /proxy/ answer, forwarded or refused: the browser never sniffs it into HTML, and if a
 * source answers HTML anyway it renders in a sandbox with no script and no origin.
 */
export const PROXY_SECURITY_HEADERS = Object.freeze({
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'referrer-policy': 'no-referrer',
});

/** The largest body the Node proxy passes on (bytes counted while streaming). */
export const DEFAULT_PROXY_MAX_BYTES = 512 * 1024 * 1024;

/** PATHLIGHT_PROXY_MAX_BYTES, or the default; a bad value is an error, not ignored. */
export function proxyMaxBytes(env = process.env) {
  const raw = env.PATHLIGHT_PROXY_MAX_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_PROXY_MAX_BYTES;
  if (!/^[1-9][0-9]*$/.test(raw))
    throw new Error(`PATHLIGHT_PROXY_MAX_BYTES must be a positive integer (bytes), not "${raw}"`);
  return Number(raw);
}

/**
 * frame-ancestors sources: `'none'` (the default), `'self'`, or http(s) origins separated by
 * spaces. Anything else (a `;`, a quote, a path, a `$`) is refused so it cannot add directives.
 * @param {string | undefined} raw
 * @returns {string}
 */
export function parseFrameAncestors(raw) {
  if (raw === undefined || raw.trim() === '') return "'none'";
  const parts = raw.trim().split(/\s+/);
  for (const p of parts) {
    if (p === "'self'" || p === "'none'") continue;
    let ok;
    try {
      const u = new URL(p);
      ok =
        (u.protocol === 'https:' || u.protocol === 'http:') &&
        u.origin === p.replace(/\/$/, '') &&
        /^[a-z0-9.:[\]-]+$/.test(u.host);
    } catch {
      ok = false;
    }
    if (!ok) throw new Error(`frame-ancestors: "${p}" is not 'self', 'none' or an http(s) origin`);
  }
  if (parts.includes("'none'") && parts.length > 1)
    throw new Error("frame-ancestors: 'none' cannot be combined with other sources");
  return parts.map((p) => p.replace(/\/$/, '')).join(' ');
}

/**
 * sha256 CSP sources for the inline scripts (no src attribute) of a built index.html, so the
 * policy allows exactly the scripts that file has and nothing injected later.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScriptHashes(html) {
  /** @type {string[]} */
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? '';
    if (/\bsrc\s*=/i.test(attrs)) continue;
    hashes.push(
      `'sha256-${createHash('sha256')
        .update(m[2] ?? '', 'utf8')
        .digest('base64')}'`,
    );
  }
  return hashes;
}

/**
 * Headers for the app itself (index.html, assets, config.json) on both servers.
 * @param {{ indexHtml: string; frameAncestors?: string }} options
 * @returns {Record<string, string>}
 */
export function appSecurityHeaders({ indexHtml, frameAncestors = "'none'" }) {
  const csp = [
    "default-src 'none'",
    `script-src ${["'self'", ...inlineScriptHashes(indexHtml)].join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
