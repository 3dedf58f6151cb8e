/**
 * The URL is the source of truth for what is on screen. This tiny router reads
 * `location` through useSyncExternalStore and changes it with pushState, so every
 * view can derive its state from the URL and a permalink reopens the same view.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { stripBase, withBase } from './base-path';

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'trace'; readonly traceId: string; readonly params: URLSearchParams }
  | { readonly name: 'search'; readonly params: URLSearchParams }
  | { readonly name: 'dependencies'; readonly params: URLSearchParams }
  | {
      readonly name: 'compare';
      readonly traceIdA: string;
      readonly traceIdB: string;
      readonly params: URLSearchParams;
    }
  | { readonly name: 'not-found'; readonly path: string; readonly reason?: string };

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The path and query of the page now, inside the app: without the base path (a location outside
 * it keeps its full path, so it is a not-found page naming it).
 */
export const currentHref = () => appPath(window.location.pathname) + window.location.search;

const appPath = (pathname: string) => stripBase(pathname) ?? pathname;

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  if (pathname === '/' || pathname === '') return { name: 'home' };
  if (pathname === '/search' || pathname === '/search/') return { name: 'search', params };
  if (pathname === '/dependencies' || pathname === '/dependencies/') return { name: 'dependencies', params };
  const trace = /^\/trace\/([^/]+)\/?$/.exec(pathname);
  if (trace?.[1]) {
    const traceId = decodeSegment(trace[1]);
    if (traceId === undefined)
      return {
        name: 'not-found',
        path: pathname,
        reason: 'The trace id in this address is not valid percent-encoding.',
      };
    return { name: 'trace', traceId, params };
  }
  const compare = /^\/compare\/([^/]+?)\.\.\.([^/]+?)\/?$/.exec(pathname);
  if (compare?.[1] && compare[2]) {
    const traceIdA = decodeSegment(compare[1]);
    const traceIdB = decodeSegment(compare[2]);
    if (traceIdA === undefined || traceIdB === undefined)
      return {
        name: 'not-found',
        path: pathname,
        reason: 'A trace id in this address is not valid percent-encoding.',
      };
    return { name: 'compare', traceIdA, traceIdB, params };
  }
  return { name: 'not-found', path: pathname };
}

/** decodeURIComponent throws on malformed input such as `%FF`: that is a bad link, not a crash. */
function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined; // URIError: the caller shows a not-found page naming the problem
  }
}

/** A key that changes whenever a different page is on screen (resets the error boundary). */
export function routeKey(route: Route): string {
  return route.name === 'trace'
    ? `trace:${route.traceId}`
    : route.name === 'compare'
      ? `compare:${route.traceIdA}...${route.traceIdB}`
      : route.name === 'not-found'
        ? `not-found:${route.path}`
        : route.name;
}

const routeOf = (href: string): Route => {
  const url = new URL(href, 'http://local');
  return parseRoute(url.pathname, url.search);
};

/** The route of the page now, outside React (the boot code). */
export const currentRoute = (): Route => routeOf(currentHref());

export function useRoute(): Route {
  return routeOf(useSyncExternalStore(subscribe, currentHref, currentHref));
}

/** Goes to an app path (`/trace/…`); the base path is added here. */
export function navigate(href: string, options: { replace?: boolean } = {}) {
  const url = withBase(href);
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  notify();
}

export function traceHref(traceId: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  const q = search.toString();
  return `/trace/${encodeURIComponent(traceId)}${q ? `?${q}` : ''}`;
}

/** `/compare/<A>...<B>`: one source for both sides, or sourceA/sourceB when they differ. */
export function compareHref(
  traceIdA: string,
  traceIdB: string,
  sourceA: string | undefined,
  sourceB: string | undefined,
  params: Record<string, string | undefined> = {},
): string {
  const search = new URLSearchParams();
  if (sourceA !== undefined && sourceA === sourceB) search.set('source', sourceA);
  else {
    if (sourceA !== undefined) search.set('sourceA', sourceA);
    if (sourceB !== undefined) search.set('sourceB', sourceB);
  }
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, v);
  const q = search.toString();
  return `/compare/${encodeURIComponent(traceIdA)}...${encodeURIComponent(traceIdB)}${q ? `?${q}` : ''}`;
}

/** A route's URL state: one typed decode/encode pair per route (defaults left out, unrelated parameters kept). */
export interface UrlCodec<S> {
  readonly decode: (params: URLSearchParams) => S;
  readonly encode: (base: URLSearchParams, state: S) => URLSearchParams;
}

/**
 * The route's state from the URL, and a setter that merges a patch into the URL's state as it
 * is when called (never a stale copy), replacing the history entry unless told otherwise.
 */
export function useUrlState<S>(
  codec: UrlCodec<S>,
): readonly [S, (patch: Partial<S>, options?: { replace?: boolean }) => void] {
  const href = useSyncExternalStore(subscribe, currentHref, currentHref);
  const search = new URL(href, 'http://local').search;
  const state = useMemo(() => codec.decode(new URLSearchParams(search)), [codec, search]);
  const update = useCallback(
    (patch: Partial<S>, options: { replace?: boolean } = {}) => {
      const current = new URLSearchParams(window.location.search);
      const next = codec.encode(current, { ...codec.decode(current), ...patch }).toString();
      if (next !== current.toString())
        navigate(`${appPath(window.location.pathname)}${next ? `?${next}` : ''}`, {
          replace: options.replace ?? true,
        });
    },
    [codec],
  );
  return [state, update] as const;
}
