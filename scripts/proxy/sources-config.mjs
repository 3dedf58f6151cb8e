// The run-time list of trace sources (config.json), shared by the dev/preview proxy, the
// nginx renderer (deploy/render-nginx.mjs) and, in its public form without headers, the browser.
// Plain JavaScript with JSDoc types so Node runs it directly and TypeScript checks it.
//
// {"sources": [{"id": "jaeger", "type": "jaeger", "name": "Jaeger", "url": "http://127.0.0.1:16686",
//               "headers": {"X-Scope-OrgID": "team-a"}, "forwardHeaders": ["Authorization"]}]}
//
// `headers` are sent by the proxy on every request to that source; `forwardHeaders` (off by
// default) names request headers taken from the browser's request, for per-user credentials an
// auth proxy in front of Pathlight sets. Headers may also come from a separate file (a
// Kubernetes Secret) merged at start: {"<source id>": {"Authorization": "Bearer ..."}}.
import { existsSync, readFileSync } from 'node:fs';
import { forwardHeaderProblem } from './header-policy.mjs';

/** @typedef {'jaeger' | 'tempo' | 'zipkin'} SourceType */
/**
 * @typedef {object} SourceConfig
 * @property {string} id
 * @property {SourceType} type
 * @property {string} name
 * @property {string} url  http(s) base URL, no trailing slash, query or fragment
 * @property {Readonly<Record<string, string>>} headers
 * @property {readonly string[]} forwardHeaders  lower-case names taken from the browser's request
 */

export class ConfigError extends Error {
  name = 'ConfigError';
}

const ID_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/i;
/** @type {readonly SourceType[]} */
const TYPES = ['jaeger', 'tempo', 'zipkin'];
// Header names a source may set: never hop-by-hop or host-changing ones.
const FORBIDDEN_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
  'proxy-authorization',
]);

// A URL host: a DNS name (labels of letters, digits, "-" and "_"), an IPv4 address or a
// bracketed IPv6 address, and a base path of plain segments. Nothing here may carry "$", ";",
// quotes, braces, spaces or "%", so it is safe to write into an nginx config as it is.
const HOST_RE =
  /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*|\[[0-9a-f:.]+\])$/;
const BASE_PATH_RE = /^(?:\/[A-Za-z0-9._~-]+)*\/?$/;

/**
 * @param {string} url
 * @param {string} at
 * @returns {URL}
 */
function parseSourceUrl(url, at) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`${at}.url "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigError(`${at}.url must be http or https`);
  if (parsed.search || parsed.hash || parsed.username || parsed.password || url.includes('?') || url.includes('#'))
    throw new ConfigError(`${at}.url must not carry a query, fragment or credentials (use headers)`);
  // Checked on the text as written too: URL parsing would percent-encode some characters away.
  if (!/^[A-Za-z0-9:/.[\]_~-]+$/.test(url) || !HOST_RE.test(parsed.hostname) || !BASE_PATH_RE.test(parsed.pathname))
    throw new ConfigError(
      `${at}.url "${url}" must be http(s)://host[:port][/path] with a plain host name or IP address and a path of letters, digits, ".", "_", "~" and "-"`,
    );
  if (/\/\.\.?(\/|$)/.test(url.replace(/^https?:\/\//, '/')))
    throw new ConfigError(`${at}.url must not have "." or ".." segments`);
  return parsed;
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks headers a source sets and adds them to `into`.
 * @param {unknown} headers
 * @param {string} at  where they come from, for messages
 * @param {Record<string, string>} into
 * @param {readonly string[]} forwarded  the source's forwardHeaders
 */
function addSourceHeaders(headers, at, into, forwarded) {
  if (!isRecord(headers)) throw new ConfigError(`${at} must be an object of strings`);
  for (const [k, v] of Object.entries(headers)) {
    // Printable ASCII only, never "$" (nginx would read it as a variable) or a newline.
    if (
      typeof v !== 'string' ||
      !/^[A-Za-z0-9-]{1,64}$/.test(k) ||
      FORBIDDEN_HEADERS.has(k.toLowerCase()) ||
      !/^[\x20-\x7e]*$/.test(v) ||
      v.includes('$')
    )
      throw new ConfigError(
        `${at}.${k} is not allowed (header names are letters, digits and "-"; values printable ASCII without "$")`,
      );
    if (Object.keys(into).some((h) => h.toLowerCase() === k.toLowerCase()))
      throw new ConfigError(`${at}.${k} is set twice`);
    if (forwarded.includes(k.toLowerCase()))
      throw new ConfigError(
        `${at}.${k} is also in forwardHeaders: a header is either set by the proxy or forwarded from the browser`,
      );
    into[k] = v;
  }
}

/**
 * @param {unknown} raw
 * @param {string} at
 * @returns {string[]}
 */
function parseForwardHeaders(raw, at) {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`${at}.forwardHeaders must be a list of header names`);
  /** @type {string[]} */
  const names = [];
  raw.forEach((/** @type {unknown} */ name, /** @type {number} */ i) => {
    const problem = forwardHeaderProblem(name);
    if (problem !== undefined) throw new ConfigError(`${at}.forwardHeaders[${i}] is not allowed: ${problem}`);
    const lower = String(name).toLowerCase();
    if (names.includes(lower)) throw new ConfigError(`${at}.forwardHeaders[${i}] "${name}" is listed twice`);
    names.push(lower);
  });
  return names;
}

/**
 * @param {unknown} json
 * @param {string} [where]
 * @returns {SourceConfig[]}
 */
export function parseSourcesConfig(json, where = 'config.json') {
  if (!isRecord(json) || !Array.isArray(json.sources)) throw new ConfigError(`${where}: expected {"sources": [...]}`);
  const seen = new Set();
  return json.sources.map((/** @type {unknown} */ raw, /** @type {number} */ i) => {
    const at = `${where}: sources[${i}]`;
    if (!isRecord(raw)) throw new ConfigError(`${at} is not an object`);
    const { id, type, name, url, headers, forwardHeaders } = raw;
    if (typeof id !== 'string' || !ID_RE.test(id))
      throw new ConfigError(`${at}.id must be letters, digits, "-" or "_"`);
    if (id === 'demo' || id === 'file') throw new ConfigError(`${at}.id "${id}" is reserved`);
    // Compared without case: ids name nginx locations and must stay distinct there too.
    if (seen.has(id.toLowerCase())) throw new ConfigError(`${at}.id "${id}" is used twice`);
    seen.add(id.toLowerCase());
    const sourceType = TYPES.find((t) => t === type);
    if (!sourceType) throw new ConfigError(`${at}.type must be one of ${TYPES.join(', ')}`);
    if (name !== undefined && (typeof name !== 'string' || name.length > 200 || /[\x00-\x1f\x7f]/.test(name)))
      throw new ConfigError(`${at}.name must be text of at most 200 characters without control characters`);
    if (typeof url !== 'string') throw new ConfigError(`${at}.url is missing`);
    const parsed = parseSourceUrl(url, at);
    const forwarded = parseForwardHeaders(forwardHeaders, at);
    /** @type {Record<string, string>} */
    const hdrs = {};
    if (headers !== undefined) addSourceHeaders(headers, `${at}.headers`, hdrs, forwarded);
    return {
      id,
      type: sourceType,
      name: typeof name === 'string' && name.trim() ? name : id,
      url: parsed.href.replace(/\/+$/, ''),
      headers: hdrs,
      forwardHeaders: forwarded,
    };
  });
}

/**
 * Adds headers kept apart from config.json (a Kubernetes Secret mounted as a file) to the
 * sources: {"<source id>": {"<Header>": "<value>"}}. Checked like `headers` in config.json; an
 * unknown id or a header config.json already sets is an error, not silently ignored.
 * @param {readonly SourceConfig[]} sources
 * @param {unknown} json
 * @param {string} [where]
 * @returns {SourceConfig[]}
 */
export function mergeSourceHeaders(sources, json, where = 'headers.json') {
  if (!isRecord(json)) throw new ConfigError(`${where}: expected {"<source id>": {"<Header>": "<value>"}}`);
  for (const id of Object.keys(json))
    if (!sources.some((s) => s.id === id))
      throw new ConfigError(
        `${where}: "${id}" is not a source in config.json (ids: ${sources.map((s) => s.id).join(', ') || 'none'})`,
      );
  return sources.map((s) => {
    const extra = json[s.id];
    if (extra === undefined) return s;
    /** @type {Record<string, string>} */
    const hdrs = { ...s.headers };
    addSourceHeaders(extra, `${where}: ${s.id}`, hdrs, s.forwardHeaders);
    return { ...s, headers: hdrs };
  });
}

/**
 * Reads a headers file for mergeSourceHeaders; unlike config.json it must exist once named.
 * @param {string} path
 * @returns {unknown}
 */
export function loadSourceHeaders(path) {
  if (!existsSync(path)) throw new ConfigError(`${path} does not exist`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Reads the config file; a missing file means "no sources" (the demo source still works).
 * @param {string} path
 * @returns {SourceConfig[]}
 */
export function loadSourcesConfig(path) {
  if (!existsSync(path)) return [];
  let json;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseSourcesConfig(json, path);
}

/**
 * @typedef {object} LinkPatternConfig  config.json `linkPatterns[i]`, passed on to the browser
 * @property {string} type  span | resource | trace
 * @property {string} [key]
 * @property {string} url   template starting with http:// or https://
 * @property {string} [text]
 */

const LINK_TYPES = ['span', 'resource', 'trace'];
const MAX_LINK_PATTERNS = 100;

/**
 * config.json's `linkPatterns` (optional): the well-formed ones, and why the others are skipped.
 * A bad pattern never stops the server: the sources and the other patterns still work. The
 * browser checks them again (src/model/link-patterns.ts) and shows what it skipped.
 * @param {unknown} json  the whole config.json
 * @param {string} [where]
 * @returns {{ linkPatterns: LinkPatternConfig[]; problems: string[] }}
 */
export function parseLinkPatternsConfig(json, where = 'config.json') {
  const raw = isRecord(json) ? json.linkPatterns : undefined;
  if (raw === undefined) return { linkPatterns: [], problems: [] };
  if (!Array.isArray(raw))
    return { linkPatterns: [], problems: [`${where}: linkPatterns must be a list; none are used`] };
  /** @type {LinkPatternConfig[]} */
  const linkPatterns = [];
  /** @type {string[]} */
  const problems = [];
  raw.slice(0, MAX_LINK_PATTERNS).forEach((/** @type {unknown} */ p, /** @type {number} */ i) => {
    const at = `${where}: linkPatterns[${i}]`;
    if (!isRecord(p)) return problems.push(`${at} is not an object; skipped`);
    const { type, key, url, text } = p;
    const strings = [key, text].every((v) => v === undefined || (typeof v === 'string' && v.length <= 200));
    if (typeof type !== 'string' || !LINK_TYPES.includes(type))
      return problems.push(`${at}.type must be one of ${LINK_TYPES.join(', ')}; skipped`);
    if (typeof url !== 'string' || url.length > 4000 || !/^https?:\/\/[^#/?\s]/i.test(url))
      return problems.push(`${at}.url must start with http:// or https:// and a host; skipped`);
    if (!strings) return problems.push(`${at}: key and text must be text of at most 200 characters; skipped`);
    if (type !== 'trace' && (typeof key !== 'string' || key.trim() === ''))
      return problems.push(`${at}.key is missing (the attribute the link sits beside); skipped`);
    linkPatterns.push({
      type,
      ...(typeof key === 'string' ? { key } : {}),
      url,
      ...(typeof text === 'string' ? { text } : {}),
    });
  });
  if (raw.length > MAX_LINK_PATTERNS)
    problems.push(`${where}: only the first ${MAX_LINK_PATTERNS} linkPatterns are used`);
  return { linkPatterns, problems };
}

/**
 * The link patterns of a config file (none when it is missing or not JSON: loadSourcesConfig
 * reports that).
 * @param {string} path
 * @returns {{ linkPatterns: LinkPatternConfig[]; problems: string[] }}
 */
export function loadLinkPatterns(path) {
  if (!existsSync(path)) return { linkPatterns: [], problems: [] };
  try {
    return parseLinkPatternsConfig(JSON.parse(readFileSync(path, 'utf8')), path);
  } catch {
    return { linkPatterns: [], problems: [] };
  }
}

/**
 * What the browser may see: no headers (they can hold tenant ids or tokens); link patterns as
 * configured (they are templates, with no secrets).
 * @param {readonly SourceConfig[]} sources
 * @param {readonly LinkPatternConfig[]} [linkPatterns]
 */
export function publicConfig(sources, linkPatterns = []) {
  return {
    sources: sources.map(({ id, type, name }) => ({ id, type, name })),
    ...(linkPatterns.length > 0 ? { linkPatterns } : {}),
  };
}
