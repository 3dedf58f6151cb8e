/**
 * The base path the app is served under (e.g. `/pathlight`), chosen at deploy time: the server
 * announces it in `<meta name="pathlight-base" content="/pathlight/">` (scripts/proxy/base-path.mjs).
 * Inside the app every path is written without it (`/trace/…`, `/proxy/<id>/…`); it is added
 * only where a URL leaves the app (history, `<a href>`, fetch) and taken off where one comes in.
 */

/** "" at the root, else "/a/b"; anything odd in the meta tag means the root. */
export function parseBasePath(content: string | null | undefined): string {
  const trimmed = (content ?? '').replace(/\/+$/, '');
  return /^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed) ? trimmed : '';
}

let cached: string | undefined;

/** The page's base path (read once; "" in a worker or without the meta tag). */
export function basePath(): string {
  if (cached === undefined)
    cached =
      typeof document === 'undefined'
        ? ''
        : parseBasePath(document.querySelector('meta[name="pathlight-base"]')?.getAttribute('content'));
  return cached;
}

/** For tests: forget the cached base so the next call reads the document again. */
export function resetBasePathForTests(): void {
  cached = undefined;
}

/** An app path (`/trace/…?…`) as the URL the browser uses. */
export const withBase = (path: string, base = basePath()): string => base + path;

/** A location's path inside the app, or undefined when it is outside the base. */
export function stripBase(pathname: string, base = basePath()): string | undefined {
  if (base === '') return pathname;
  if (pathname === base) return '/';
  return pathname.startsWith(`${base}/`) ? pathname.slice(base.length) : undefined;
}
