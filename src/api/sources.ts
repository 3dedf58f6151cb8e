/**
 * The trace sources this deployment offers: the built-in demo, files opened in this tab,
 * and the backends listed in the served /config.json (reached through /proxy/<id>).
 */
import { queryOptions } from '@tanstack/react-query';
import { isRecord, str } from '../lib/json';
import { withBase } from '../lib/base-path';
import { fetchConfig } from './config-fetch';
import { backendMessage, hideUrls } from './http';
import { NO_LINK_PATTERNS, parseLinkPatterns, type LinkPatterns } from '../model/link-patterns';

export type BackendType = 'jaeger' | 'tempo' | 'zipkin';
export interface BackendSource {
  readonly kind: 'backend';
  readonly id: string;
  readonly type: BackendType;
  readonly name: string;
}
export type Source =
  | BackendSource
  | { readonly kind: 'demo'; readonly id: 'demo'; readonly name: string }
  | { readonly kind: 'file'; readonly id: 'file'; readonly name: string };

export const DEMO_SOURCE = { kind: 'demo', id: 'demo', name: 'Demo traces' } as const satisfies Source;
export const FILE_SOURCE: Source = { kind: 'file', id: 'file', name: 'Opened files' };

const TYPES: readonly BackendType[] = ['jaeger', 'tempo', 'zipkin'];

/** /config.json is there but unusable: named in the browser, never shown as "no backends". */
export class ConfigReadError extends Error {
  override readonly name = 'ConfigReadError';
  constructor(detail: string) {
    super(`config.json could not be read: ${detail}`);
  }
}

/** The public config (`{"sources": [{id, type, name}]}`) → backend sources; anything else throws ConfigReadError. */
export function parsePublicConfig(json: unknown): BackendSource[] {
  if (!isRecord(json) || !Array.isArray(json.sources))
    throw new ConfigReadError('expected an object {"sources": [...]}.');
  const out: BackendSource[] = [];
  json.sources.forEach((raw: unknown, i) => {
    if (!isRecord(raw)) throw new ConfigReadError(`sources[${i}] is not an object.`);
    const id = str(raw.id);
    if (!id) throw new ConfigReadError(`sources[${i}] has no id.`);
    if (id === 'demo' || id === 'file') throw new ConfigReadError(`sources[${i}] uses the reserved id "${id}".`);
    if (out.some((s) => s.id === id)) throw new ConfigReadError(`the id "${id}" is used twice.`);
    const type = TYPES.find((t) => t === raw.type);
    if (!type)
      throw new ConfigReadError(
        `sources[${i}] ("${id}") has type ${JSON.stringify(raw.type ?? null)}; expected one of ${TYPES.join(', ')}.`,
      );
    out.push({ kind: 'backend', id, type, name: str(raw.name) || id });
  });
  return out;
}

/** The whole public config: its sources, and its link patterns (bad ones skipped, with problems). */
export interface PublicConfig {
  readonly sources: readonly BackendSource[];
  readonly linkPatterns: LinkPatterns;
}

/**
 * An answer to GET /config.json → the backend sources. 404, or a static host answering its
 * HTML page, means no config (demo and files only); an error status, a body that is not JSON
 * or a JSON of the wrong shape is a broken config.
 */
export function readPublicConfig(status: number, contentType: string, text: string): BackendSource[] {
  return [...readFullPublicConfig(status, contentType, text).sources];
}

/** readPublicConfig, with the link patterns; a bad pattern never makes the config unusable. */
export function readFullPublicConfig(status: number, contentType: string, text: string): PublicConfig {
  const none: PublicConfig = { sources: [], linkPatterns: NO_LINK_PATTERNS };
  if (status === 404) return none;
  if (status < 200 || status > 299) {
    const message = backendMessage(text);
    throw new ConfigReadError(`the server answered HTTP ${status}${message ? ` (${hideUrls(message)})` : ''}.`);
  }
  if (/^text\/html\b/i.test(contentType) || /^\s*</.test(text)) return none;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigReadError(`it is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  return {
    sources: parsePublicConfig(json),
    linkPatterns: isRecord(json) ? parseLinkPatterns(json.linkPatterns) : NO_LINK_PATTERNS,
  };
}

/** The proxy path of a backend source: the browser only talks to its own origin. */
export const proxyBase = (source: BackendSource) => withBase(`/proxy/${encodeURIComponent(source.id)}`);

/** /config.json, read once: the sources and the link patterns come from the same answer. */
export const publicConfigQueryOptions = queryOptions({
  queryKey: ['sources'],
  queryFn: async ({ signal }): Promise<PublicConfig> => {
    let res: Response;
    try {
      res = await fetchConfig(signal);
    } catch (err) {
      if (signal.aborted) throw err;
      throw new ConfigReadError(`the request failed (${err instanceof Error ? err.message : String(err)}).`);
    }
    return readFullPublicConfig(res.status, res.headers.get('content-type') ?? '', await res.text());
  },
  staleTime: Infinity,
});

const selectSources = (config: PublicConfig): BackendSource[] => [...config.sources];
export const sourcesQueryOptions = queryOptions({ ...publicConfigQueryOptions, select: selectSources });
