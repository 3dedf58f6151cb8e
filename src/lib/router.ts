/**
 * The URL is the source of truth for what is on screen. This tiny router reads
 * `location` through useSyncExternalStore and changes it with pushState, so every
 * view can derive its state from the URL and a permalink reopens the same view.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'trace'; readonly traceId: string; readonly params: URLSearchParams }
  | { readonly name: 'search'; readonly params: URLSearchParams }
  | { readonly name: 'dependencies'; readonly params: URLSearchParams }
  | { readonly name: 'not-found'; readonly path: string };

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const currentHref = () => window.location.pathname + window.location.search;

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  if (pathname === '/' || pathname === '') return { name: 'home' };
  if (pathname === '/search' || pathname === '/search/') return { name: 'search', params };
  if (pathname === '/dependencies' || pathname === '/dependencies/') return { name: 'dependencies', params };
  const trace = /^\/trace\/([^/]+)\/?$/.exec(pathname);
  if (trace?.[1]) return { name: 'trace', traceId: decodeURIComponent(trace[1]), params };
  return { name: 'not-found', path: pathname };
}

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, currentHref, currentHref);
  const url = new URL(href, 'http://local');
  return parseRoute(url.pathname, url.search);
}

export function navigate(href: string, options: { replace?: boolean } = {}) {
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  notify();
}

export function traceHref(traceId: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  const q = search.toString();
  return `/trace/${encodeURIComponent(traceId)}${q ? `?${q}` : ''}`;
}
