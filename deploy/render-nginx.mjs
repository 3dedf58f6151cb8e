#!/usr/bin/env node
// Renders the production nginx server block for Pathlight from config.json: static files
// with an SPA fallback, the public /config.json (sources without their headers), and one
// /proxy/<id>/ location per configured source. Anything else under /proxy/ is 404, so nginx
// is never an open proxy. Usage:
//   node deploy/render-nginx.mjs config.json > /etc/nginx/conf.d/pathlight.conf
//   options: --root /usr/share/nginx/html  --listen 8080
import { loadSourcesConfig, publicConfig } from '../scripts/proxy/sources-config.mjs';

/** nginx single-quoted string: backslash-escape \ and '. */
const q = (s) => `'${String(s).replace(/[\\']/g, (c) => `\\${c}`)}'`;

/**
 * @param {readonly import('../scripts/proxy/sources-config.mjs').SourceConfig[]} sources
 * @param {{ root: string; listen: string | number }} options
 */
export function renderNginx(sources, { root, listen }) {
  const publicJson = JSON.stringify(publicConfig(sources));
  const blocks = sources.map((s) => {
    const url = new URL(s.url);
    const basePath = url.pathname.replace(/\/+$/, '');
    const headers = Object.entries(s.headers)
      .map(([k, v]) => `    proxy_set_header ${k} ${q(v)};`)
      .join('\n');
    const unreachable = JSON.stringify({ error: { message: `Could not reach source "${s.name}" at ${s.url}.` } });
    return `
  # source "${s.id}" (${s.type}) -> ${s.url}
  location = /proxy/${s.id} { return 404; }
  location ^~ /proxy/${s.id}/ {
    # Checked on the raw request line, not nginx's decoded URI: the id must be spelled
    # literally, and encoded dots, slashes, backslashes or NULs, dot segments and empty
    # segments never leave the machine.
    if ($request_uri !~ "^/proxy/${s.id}/") { return 404; }
    if ($request_uri ~* "^[^?]*(%2e|%2f|%5c|%00|\\x5c)") { return 404; }
    if ($request_uri ~ "^[^?]*(/\\.\\.?(/|\\?|$)|//)") { return 404; }
    limit_except GET HEAD { deny all; }
    rewrite ^/proxy/${s.id}/(.*)$ ${basePath}/$1 break;
    proxy_pass ${url.origin};
    proxy_set_header Host ${q(url.host)};
    proxy_set_header Cookie "";
    proxy_set_header Authorization "";
    proxy_set_header X-Forwarded-For "";
${headers}
    proxy_hide_header Set-Cookie;
    proxy_redirect off;
    proxy_connect_timeout 5s;
    proxy_read_timeout 60s;
    add_header X-Pathlight-Proxy ${q(s.id)} always;
    error_page 502 503 504 = @unreachable_${s.id.replace(/-/g, '_')};
  }
  location @unreachable_${s.id.replace(/-/g, '_')} {
    default_type application/json;
    add_header X-Pathlight-Proxy-Error unreachable always;
    return 502 ${q(unreachable)};
  }`;
  });
  return `# Rendered by deploy/render-nginx.mjs from config.json; do not edit by hand.
server {
  listen ${listen};
  root ${root};
  server_tokens off;

  location = /config.json {
    default_type application/json;
    add_header Cache-Control "no-store" always;
    return 200 ${q(publicJson)};
  }

  # Only the sources below are reachable; every other /proxy/ path is refused here.
  location /proxy/ {
    default_type application/json;
    add_header X-Pathlight-Proxy refused always;
    return 404 '{"error":{"message":"Not a configured source path."}}';
  }
${blocks.join('\n')}

  location /assets/ {
    add_header Cache-Control "public, max-age=31536000, immutable";
    try_files $uri =404;
  }

  location / {
    try_files $uri /index.html;
  }
}
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args.splice(i, 2)[1] : fallback;
  };
  const root = opt('--root', '/usr/share/nginx/html');
  const listen = opt('--listen', '8080');
  const configPath = args[0];
  if (!configPath) {
    console.error('usage: node deploy/render-nginx.mjs config.json [--root DIR] [--listen PORT] > pathlight.conf');
    process.exit(2);
  }
  process.stdout.write(renderNginx(loadSourcesConfig(configPath), { root, listen }));
}
