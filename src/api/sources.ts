/**
 * The trace sources this deployment offers: the built-in demo, files opened in this tab,
 * and the backends listed in the served /config.json (reached through /proxy/<id>).
 */
import { queryOptions } from '@tanstack/react-query';
import { arr, isRecord, rec, str } from '../lib/json';

export type BackendType = 'jaeger' | 'tempo' | 'zipkin';
export interface BackendSource {
  readonly kind: 'backend';
  readonly id: string;
  readonly type: BackendType;
  readonly name: string;
}
export type Source = BackendSource | { readonly kind: 'demo'; readonly id: 'demo'; readonly name: string } | { readonly kind: 'file'; readonly id: 'file'; readonly name: string };

export const DEMO_SOURCE = { kind: 'demo', id: 'demo', name: 'Demo traces' } as const satisfies Source;
export const FILE_SOURCE: Source = { kind: 'file', id: 'file', name: 'Opened files' };

const TYPES: readonly BackendType[] = ['jaeger', 'tempo', 'zipkin'];

export function parsePublicConfig(json: unknown): BackendSource[] {
  if (!isRecord(json)) return [];
  const out: BackendSource[] = [];
  for (const raw of arr(json.sources)) {
    const r = rec(raw);
    const id = str(r?.id);
    const type = TYPES.find((t) => t === r?.type);
    if (!r || !id || !type || id === 'demo' || id === 'file') continue;
    out.push({ kind: 'backend', id, type, name: str(r.name) ?? id });
  }
  return out;
}

/** The proxy path of a backend source: the browser only talks to its own origin. */
export const proxyBase = (source: BackendSource) => `/proxy/${encodeURIComponent(source.id)}`;

export const sourcesQueryOptions = queryOptions({
  queryKey: ['sources'],
  queryFn: async ({ signal }): Promise<BackendSource[]> => {
    const res = await fetch('/config.json', { signal, headers: { accept: 'application/json' } });
    if (res.status === 404) return []; // no config: demo and files only
    if (!res.ok) throw new Error(`Could not read the list of sources (/config.json answered HTTP ${res.status}).`);
    const text = await res.text();
    try {
      return parsePublicConfig(JSON.parse(text));
    } catch {
      return []; // a static host that answers HTML for unknown paths: no sources
    }
  },
  staleTime: Infinity,
});
