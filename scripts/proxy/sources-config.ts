/**
 * The run-time list of trace sources (config.json), shared by the dev/preview proxy, the
 * nginx renderer and (in its public form, without headers) the browser.
 *
 * {"sources": [{"id": "jaeger", "type": "jaeger", "name": "Jaeger", "url": "http://127.0.0.1:16686",
 *               "headers": {"X-Scope-OrgID": "team-a"}}]}
 */
import { existsSync, readFileSync } from 'node:fs';

export type SourceType = 'jaeger' | 'tempo' | 'zipkin';
export interface SourceConfig {
  readonly id: string;
  readonly type: SourceType;
  readonly name: string;
  readonly url: string; // http(s) base URL, no query or fragment
  readonly headers: Readonly<Record<string, string>>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ID_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/i;
const TYPES: readonly SourceType[] = ['jaeger', 'tempo', 'zipkin'];
// Header names a source may set: never hop-by-hop or host-changing ones.
const FORBIDDEN_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'keep-alive', 'proxy-authorization']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseSourcesConfig(json: unknown, where = 'config.json'): SourceConfig[] {
  if (!isRecord(json) || !Array.isArray(json.sources)) throw new ConfigError(`${where}: expected {"sources": [...]}`);
  const seen = new Set<string>();
  return json.sources.map((raw: unknown, i: number) => {
    const at = `${where}: sources[${i}]`;
    if (!isRecord(raw)) throw new ConfigError(`${at} is not an object`);
    const { id, type, name, url, headers } = raw;
    if (typeof id !== 'string' || !ID_RE.test(id)) throw new ConfigError(`${at}.id must be letters, digits, "-" or "_"`);
    if (id === 'demo' || id === 'file') throw new ConfigError(`${at}.id "${id}" is reserved`);
    if (seen.has(id)) throw new ConfigError(`${at}.id "${id}" is used twice`);
    seen.add(id);
    const sourceType = TYPES.find((t) => t === type);
    if (!sourceType) throw new ConfigError(`${at}.type must be one of ${TYPES.join(', ')}`);
    if (typeof url !== 'string') throw new ConfigError(`${at}.url is missing`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(`${at}.url "${url}" is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError(`${at}.url must be http or https`);
    if (parsed.search || parsed.hash || parsed.username || parsed.password) throw new ConfigError(`${at}.url must not carry a query, fragment or credentials (use headers)`);
    const hdrs: Record<string, string> = {};
    if (headers !== undefined) {
      if (!isRecord(headers)) throw new ConfigError(`${at}.headers must be an object of strings`);
      for (const [k, v] of Object.entries(headers)) {
        if (typeof v !== 'string' || !/^[A-Za-z0-9-]+$/.test(k) || FORBIDDEN_HEADERS.has(k.toLowerCase()) || /[\r\n]/.test(v))
          throw new ConfigError(`${at}.headers.${k} is not allowed`);
        hdrs[k] = v;
      }
    }
    return {
      id,
      type: sourceType,
      name: typeof name === 'string' && name.trim() ? name : id,
      url: parsed.href.replace(/\/+$/, ''),
      headers: hdrs,
    };
  });
}

/** Reads the config file; a missing file means "no sources" (the demo source still works). */
export function loadSourcesConfig(path: string): SourceConfig[] {
  if (!existsSync(path)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseSourcesConfig(json, path);
}

/** What the browser may see: no headers (they can hold tenant ids or tokens). */
export function publicConfig(sources: readonly SourceConfig[]) {
  return { sources: sources.map(({ id, type, name }) => ({ id, type, name })) };
}
