#!/usr/bin/env node
// Renders the production nginx server block for Pathlight from config.json: static files
// with an SPA fallback, the public /config.json (sources without their headers), and one
// /proxy/<id>/ location per configured source. Anything else under /proxy/ is 404, so nginx
// is never an open proxy. Usage:
//   node deploy/render-nginx.mjs config.json --out /etc/nginx/conf.d/pathlight.conf
//   options: --root DIR (served files, default /usr/share/nginx/html)  --listen 8080
//            --dist DIR (the build to read index.html from for the CSP; default --root)
//            --frame-ancestors "'self' https://grafana.example"  (default 'none')
//            --source-maps (serve *.map files; refused by default)
//            --ca-file FILE (CA bundle to verify https sources; default the Debian bundle)
//            --headers FILE (source headers kept out of config.json, e.g. a mounted Kubernetes
//                            Secret: {"<source id>": {"Authorization": "Bearer ..."}})
//            --base-path /pathlight (serve the app, /config.json and /proxy/ under that prefix;
//                            everything else but /healthz is a 404; default the root)
// Without --out the config goes to stdout. A bad config or option prints a message and exits
// non-zero, and with --out the file is replaced atomically or not at all.
//
// Nothing from config.json reaches nginx unchecked: ids, hosts and base paths are validated
// to a small alphabet by sources-config.mjs, header values and JSON are quoted, and no "$"
// from the config is ever written (nginx would expand it as a variable).
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BasePathError, indexHtmlWithBase, normalizeBasePath } from '../scripts/proxy/base-path.mjs';
import {
  loadLinkPatterns,
  loadSourceHeaders,
  loadSourcesConfig,
  mergeSourceHeaders,
  publicConfig,
} from '../scripts/proxy/sources-config.mjs';
import {
  KNOWN_RESPONSE_HEADERS,
  PROXY_SECURITY_HEADERS,
  RETURNED_RESPONSE_HEADERS,
  appSecurityHeaders,
  forwardedRequestHeaders,
  parseFrameAncestors,
} from '../scripts/proxy/header-policy.mjs';

export class RenderError extends Error {
  name = 'RenderError';
}

/**
 * An nginx quoted string (single quotes, or double when the text has single ones), with \\
 * and the quote backslash-escaped. Callers make sure no "$" is inside; this refuses one.
 */
const q = (s) => {
  const text = String(s);
  if (text.includes('$')) throw new RenderError(`refusing to write "$" into nginx: ${text}`);
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  return `${quote}${text.replace(quote === '"' ? /[\\"]/g : /[\\']/g, (c) => `\\${c}`)}${quote}`;
};

/** JSON for an nginx `return` body: "$" and "'" only occur inside strings, so \u-escape them. */
const nginxJson = (value) =>
  q(JSON.stringify(value).replace(/[$']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

const addHeaders = (headers, indent) =>
  Object.entries(headers)
    .map(([k, v]) => `${indent}add_header ${k} ${q(v)} always;`)
    .join('\n');

const errorBody = (message) => nginxJson({ error: { message } });

/** @param {string} path @param {string} what */
function plainPath(path, what) {
  if (/[\x00-\x1f\x7f$;{}'"\\\s]/.test(path))
    throw new RenderError(`${what} "${path}" must be a plain path (no spaces, quotes, "$", ";" or braces)`);
}

/**
 * @param {readonly import('../scripts/proxy/sources-config.mjs').SourceConfig[]} sources
 * @param {{ root: string; listen: string | number; indexHtml?: string; frameAncestors?: string; sourceMaps?: boolean; caFile?: string; basePath?: string; linkPatterns?: readonly import('../scripts/proxy/sources-config.mjs').LinkPatternConfig[] }} options
 */
export function renderNginx(
  sources,
  {
    root,
    listen,
    indexHtml = '',
    frameAncestors = "'none'",
    sourceMaps = false,
    caFile = '/etc/ssl/certs/ca-certificates.crt',
    basePath = '',
    linkPatterns = [],
  },
) {
  let B;
  try {
    B = normalizeBasePath(basePath);
  } catch (err) {
    if (err instanceof BasePathError) throw new RenderError(`--base-path: ${err.message}`);
    throw err;
  }
  // The same text as a regular expression (its alphabet is plain; only "." is special).
  const reB = B.replace(/\./g, '\\.');
  // index.html is answered from the config, rewritten for the base path (its "./" URLs made
  // absolute, the base in a meta tag); the inline script is unchanged, so the CSP hash holds.
  const indexBody = q(indexHtmlWithBase(indexHtml, B));
  if (!/^[A-Za-z0-9.:[\]]+$/.test(String(listen)))
    throw new RenderError(`--listen "${listen}" must be a port or address:port`);
  plainPath(root, '--root');
  plainPath(caFile, '--ca-file');
  const app = appSecurityHeaders({ indexHtml, frameAncestors: parseFrameAncestors(frameAncestors) });
  const appHeaders = addHeaders(app, '    ');
  const proxyHeaders = addHeaders(PROXY_SECURITY_HEADERS, '    ');
  const hidden = KNOWN_RESPONSE_HEADERS.filter((h) => !RETURNED_RESPONSE_HEADERS.includes(h));

  const blocks = sources.map((s, index) => {
    const url = new URL(s.url);
    const targetPath = url.pathname.replace(/\/+$/, '');
    // Named locations use the index: ids such as "a-b" and "a_b" must not meet there.
    const unreachable = `@pathlight_unreachable_${index}`;
    // Names are [a-z0-9-] (sources-config.mjs checks forwardHeaders), so the variable is plain.
    const forwarded = forwardedRequestHeaders(s)
      .map((h) => `    proxy_set_header ${h} $http_${h.replace(/-/g, '_')};`)
      .join('\n');
    const configured = Object.entries(s.headers)
      .map(([k, v]) => `    proxy_set_header ${k} ${q(v)};`)
      .join('\n');
    const refused = errorBody(`Not a configured source path (source "${s.id}").`);
    return `
  # source ${index}: "${s.id}" (${s.type})
  location = ${B}/proxy/${s.id} {
    default_type application/json;
${proxyHeaders}
    return 404 ${refused};
  }
  location ^~ ${B}/proxy/${s.id}/ {
    default_type application/json;
${proxyHeaders}
    add_header X-Pathlight-Proxy ${q(s.id)} always;
    # Checked on the raw request line, not nginx's decoded URI: the id must be spelled
    # literally, and encoded dots, slashes, backslashes or control characters, dot segments
    # and empty segments never leave the machine. Encoded tab, CR and LF may appear in the
    # query (multi-line TraceQL); they stay encoded on the way to the source.
    if ($request_uri !~ "^${reB}/proxy/${s.id}/") { return 404 ${refused}; }
    if ($request_uri ~* "^[^?]*(%2e|%2f|%5c|%[01][0-9a-f]|%7f|\\x5c)") { return 404 ${refused}; }
    if ($request_uri ~ "[\\x00-\\x20\\x7f]") { return 404 ${refused}; }
    if ($args ~* "%(0[0-8bcef]|1[0-9a-f]|7f)") { return 404 ${refused}; }
    if ($request_uri ~ "^[^?]*(/\\.\\.?(/|\\?|$)|//)") { return 404 ${refused}; }
    limit_except GET HEAD { deny all; }
    rewrite "^${reB}/proxy/${s.id}/(.*)$" "${targetPath}/$1" break;
    proxy_pass ${url.protocol}//${url.host};
    # Only the allow-listed request headers (scripts/proxy/header-policy.mjs, plus this
    # source's forwardHeaders) and the source's own headers reach the source.
    proxy_pass_request_headers off;
    proxy_set_header Host ${q(url.host)};
${forwarded}
${configured}
    # Only the allow-listed response headers come back; the source cannot make nginx
    # redirect internally, cache, or change its own buffering.
${hidden.map((h) => `    proxy_hide_header ${h};`).join('\n')}
    proxy_ignore_headers X-Accel-Redirect X-Accel-Expires X-Accel-Limit-Rate X-Accel-Buffering X-Accel-Charset Expires Cache-Control Set-Cookie Vary;
    proxy_redirect off;
    proxy_connect_timeout 5s;
    proxy_read_timeout 60s;${
      url.protocol === 'https:'
        ? `
    proxy_ssl_server_name on;
    proxy_ssl_verify on;
    proxy_ssl_trusted_certificate ${q(caFile)};`
        : ''
    }
    error_page 502 503 504 = ${unreachable};
  }
  location ${unreachable} {
    default_type application/json;
${proxyHeaders}
    add_header X-Pathlight-Proxy-Error unreachable always;
    return 502 ${errorBody(`Could not reach source "${s.name}" (${s.id}).`)};
  }`;
  });
  return `# Rendered by deploy/render-nginx.mjs from config.json; do not edit by hand.
server {
  listen ${listen};
  root ${q(root)};
  server_tokens off;
  # For answers nginx makes before choosing a location (a 400 for a malformed request);
  # every location below sets its own headers.
${addHeaders(PROXY_SECURITY_HEADERS, '  ')}

  # Liveness and readiness probes: nginx answers itself, nothing is read or logged.
  location = /healthz {
    access_log off;
    default_type text/plain;
${proxyHeaders}
    add_header Cache-Control "no-store" always;
    return 200 'ok\\n';
  }

  location = ${B}/config.json {
    default_type application/json;
${appHeaders}
    add_header Cache-Control "no-store" always;
    return 200 ${nginxJson(publicConfig(sources, linkPatterns))};
  }

  # Only the sources below are reachable; every other /proxy/ path is refused here.
  location ^~ ${B}/proxy/ {
    default_type application/json;
${proxyHeaders}
    add_header X-Pathlight-Proxy refused always;
    return 404 ${errorBody('Not a configured source path.')};
  }
${blocks.join('\n')}
${
  sourceMaps
    ? ''
    : `
  # Source maps are built but not served (render with --source-maps to serve them).
  location ~* \\.map$ {
${appHeaders}
    return 404;
  }
`
}
  # Hashed file names: cached for good. An unknown asset is a 404, never index.html.
  location ${B}/assets/ {
${appHeaders}
    add_header Cache-Control "public, max-age=31536000, immutable" always;${
      B
        ? `
    rewrite "^${reB}(/assets/.*)$" $1 break;`
        : ''
    }
    try_files $uri =404;
  }

  # The app: a file of the build, else index.html for the base path (an app route).
  location ${B}/ {
${appHeaders}
    add_header Cache-Control "no-cache" always;${
      B
        ? `
    rewrite "^${reB}(/.*)$" $1 break;`
        : ''
    }
    try_files $uri @pathlight_index;
  }
  location = ${B}/index.html {
${appHeaders}
    return 301 ${B}/$is_args$args;
  }
  location @pathlight_index {
    default_type text/html;
${appHeaders}
    add_header Cache-Control "no-cache" always;
    return 200 ${indexBody};
  }
${
  B
    ? `
  # Pathlight lives under ${B}/: the prefix alone redirects there, anything else is not here.
  location = ${B} {
${appHeaders}
    return 301 ${B}/$is_args$args;
  }
  location / {
${proxyHeaders}
    return 404;
  }
`
    : ''
}
  # nginx refuses a path with a broken percent-escape (/trace/%zz) with its own 400 before any
  # location; an app route still gets the app, which says what is wrong with the link.
  error_page 400 = /.malformed-uri;
  location = /.malformed-uri {
    internal;
    if ($request ~ "^[A-Z]+ ${reB}/(proxy|assets)/") {
${proxyHeaders.replace(/^/gm, '  ')}
      return 400 ${errorBody('Malformed request.')};
    }
${appHeaders}
    add_header Cache-Control "no-cache" always;
    default_type text/html;
    return 200 ${indexBody};
  }
}
`;
}

/**
 * The command line, separated from process.exit so tests can run it.
 * @param {string[]} argv
 * @returns {{ code: number; stdout: string; stderr: string }}
 */
export function main(argv) {
  const usage =
    'usage: node deploy/render-nginx.mjs config.json [--out FILE] [--root DIR] [--listen PORT] [--dist DIR] [--frame-ancestors SOURCES] [--source-maps] [--ca-file FILE] [--headers FILE] [--base-path PATH]';
  /** @type {Record<string, string>} */
  const opts = {};
  let configPath;
  let sourceMaps = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--source-maps') sourceMaps = true;
    else if (
      ['--out', '--root', '--listen', '--dist', '--frame-ancestors', '--ca-file', '--headers', '--base-path'].includes(
        a,
      )
    ) {
      const v = argv[i + 1];
      if (v === undefined) return { code: 2, stdout: '', stderr: `${a} needs a value\n${usage}\n` };
      opts[a.slice(2)] = v;
      i++;
    } else if (a.startsWith('-') || configPath !== undefined)
      return { code: 2, stdout: '', stderr: `unexpected argument "${a}"\n${usage}\n` };
    else configPath = a;
  }
  if (!configPath) return { code: 2, stdout: '', stderr: `${usage}\n` };
  try {
    if (!existsSync(configPath)) throw new RenderError(`${configPath} does not exist`);
    let sources = loadSourcesConfig(configPath);
    if (opts.headers !== undefined)
      sources = mergeSourceHeaders(sources, loadSourceHeaders(opts.headers), opts.headers);
    const root = opts.root ?? '/usr/share/nginx/html';
    plainPath(root, '--root');
    const indexPath = join(opts.dist ?? root, 'index.html');
    if (!existsSync(indexPath))
      throw new RenderError(`${indexPath} not found: the CSP needs the built index.html (pass --dist DIR)`);
    // A bad link pattern is skipped and named, never fatal: the sources still work.
    const links = loadLinkPatterns(configPath);
    const warnings = links.problems.map((p) => `render-nginx: warning: ${p}\n`).join('');
    const text = renderNginx(sources, {
      linkPatterns: links.linkPatterns,
      root,
      listen: opts.listen ?? '8080',
      indexHtml: readFileSync(indexPath, 'utf8'),
      frameAncestors: opts['frame-ancestors'] ?? "'none'",
      sourceMaps,
      ...(opts['ca-file'] ? { caFile: opts['ca-file'] } : {}),
      ...(opts['base-path'] !== undefined ? { basePath: opts['base-path'] } : {}),
    });
    if (opts.out === undefined) return { code: 0, stdout: text, stderr: warnings };
    const out = resolve(opts.out);
    const tmp = `${out}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, out);
    } finally {
      rmSync(tmp, { force: true });
    }
    return {
      code: 0,
      stdout: '',
      stderr: `${warnings}wrote ${out} (${sources.length} source${sources.length === 1 ? '' : 's'})\n`,
    };
  } catch (err) {
    return { code: 1, stdout: '', stderr: `render-nginx: ${err instanceof Error ? err.message : String(err)}\n` };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = main(process.argv.slice(2));
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
