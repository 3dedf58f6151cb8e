// The base path Pathlight is served under (BASE_PATH for `npm start`, --base-path for the nginx
// renderer, the Helm value basePath), chosen at deploy time: the build is the same for every base.
// Vite builds index.html with relative URLs ("./assets/…"); the server rewrites them to the base
// and adds <meta name="pathlight-base">, which the app reads (src/lib/base-path.ts). The inline
// theme script is left untouched, so the CSP hash of the built index.html still matches.

export class BasePathError extends Error {
  name = 'BasePathError';
}

/**
 * "" for the root, else "/a/b" (leading slash, no trailing one). Segments are plain URL text
 * ([A-Za-z0-9._~-], no "." or ".."), so the value is safe in nginx's config and in HTML.
 * @param {string | undefined} value
 * @returns {string}
 */
export function normalizeBasePath(value) {
  const text = (value ?? '').trim();
  if (text === '' || text === '/') return '';
  const segments = text.replace(/^\/+|\/+$/g, '').split('/');
  for (const s of segments)
    if (!/^[A-Za-z0-9._~-]+$/.test(s) || s === '.' || s === '..')
      throw new BasePathError(
        `base path "${text}" must be like /pathlight: segments of letters, digits, ".", "_", "~" or "-"`,
      );
  return `/${segments.join('/')}`;
}

/**
 * The built index.html for a base path: its "./" URLs in src and href made absolute under the
 * base (so a deep link such as /pathlight/trace/abc still loads /pathlight/assets/…), and the
 * base announced to the app in a meta tag.
 * @param {string} html  the built index.html
 * @param {string} base  a normalizeBasePath result
 */
export function indexHtmlWithBase(html, base) {
  const rewritten = html.replace(/(\s(?:src|href)=)(["'])\.\//g, (_, attr, quote) => `${attr}${quote}${base}/`);
  const meta = `<meta name="pathlight-base" content="${base}/" />`;
  return /<\/head>/i.test(rewritten) ? rewritten.replace(/<\/head>/i, `  ${meta}\n  </head>`) : `${meta}\n${rewritten}`;
}

/**
 * The path inside the app for a request path, or undefined when it is outside the base.
 * `/pathlight` itself is outside (the server redirects it to `/pathlight/`).
 * @param {string} path  request path (no query)
 * @param {string} base  a normalizeBasePath result
 */
export function stripBasePath(path, base) {
  if (base === '') return path;
  return path.startsWith(`${base}/`) ? path.slice(base.length) : undefined;
}
