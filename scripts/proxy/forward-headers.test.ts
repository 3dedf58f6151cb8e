/**
 * Per-source `forwardHeaders`: the same allow-list in both proxies. One table of requests runs
 * against the Node proxy (`npm start`, dev, preview) and against the real nginx on the config
 * render-nginx.mjs writes, with an upstream that echoes the headers it received.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNginx } from '../../deploy/render-nginx.mjs';
import { get, startNginx, type RunningNginx } from '../../deploy/nginx-harness.ts';
import { forwardHeaderProblem, forwardedRequestHeaders } from './header-policy.mjs';
import { ConfigError, mergeSourceHeaders, parseSourcesConfig } from './sources-config.mjs';
import { sourceProxyMiddleware } from './source-proxy.ts';

const src = (over: Record<string, unknown>) => ({
  sources: [{ id: 'j', type: 'jaeger', url: 'http://jaeger:16686', ...over }],
});

describe('forwardHeaders in config.json', () => {
  it('is off by default: only the common headers cross', () => {
    const [s] = parseSourcesConfig(src({}));
    expect(s?.forwardHeaders).toEqual([]);
    expect(forwardedRequestHeaders(s!)).toEqual(['accept', 'accept-language', 'if-none-match', 'if-modified-since']);
  });

  it('keeps the listed names in lower case, after the common ones', () => {
    const [s] = parseSourcesConfig(src({ forwardHeaders: ['Authorization', 'X-Forwarded-User'] }));
    expect(s?.forwardHeaders).toEqual(['authorization', 'x-forwarded-user']);
    expect(forwardedRequestHeaders(s!)).toEqual([
      'accept',
      'accept-language',
      'if-none-match',
      'if-modified-since',
      'authorization',
      'x-forwarded-user',
    ]);
  });

  it.each([
    ['Host', /hop-by-hop, the Host, a cookie or Accept-Encoding/],
    ['Accept-Encoding', /Accept-Encoding/],
    ['connection', /hop-by-hop/],
    ['Transfer-Encoding', /hop-by-hop/],
    ['TE', /hop-by-hop/],
    ['Upgrade', /hop-by-hop/],
    ['Keep-Alive', /hop-by-hop/],
    ['Proxy-Authorization', /hop-by-hop/],
    ['Content-Length', /hop-by-hop/],
    ['Cookie', /cookie/],
    ['X_Underscore', /letters, digits and "-"/],
    ['X Space', /letters, digits and "-"/],
    ['$http_cookie', /letters, digits and "-"/],
    ['X-A;proxy_pass', /letters, digits and "-"/],
    ['-leading', /letters, digits and "-"/],
    ['', /letters, digits and "-"/],
    ['x'.repeat(65), /letters, digits and "-"/],
    [42, /letters, digits and "-"/],
  ])('refuses forwarding %j', (name, message) => {
    expect(forwardHeaderProblem(name)).toMatch(message);
    expect(() => parseSourcesConfig(src({ forwardHeaders: [name] }))).toThrow(ConfigError);
    expect(() => parseSourcesConfig(src({ forwardHeaders: [name] }))).toThrow(
      /sources\[0\]\.forwardHeaders\[0\] is not allowed/,
    );
  });

  it('refuses a list that is not one, a name twice, and a header both set and forwarded', () => {
    expect(() => parseSourcesConfig(src({ forwardHeaders: 'Authorization' }))).toThrow(
      /must be a list of header names/,
    );
    expect(() => parseSourcesConfig(src({ forwardHeaders: ['Authorization', 'authorization'] }))).toThrow(
      /listed twice/,
    );
    expect(() =>
      parseSourcesConfig(src({ forwardHeaders: ['Authorization'], headers: { authorization: 'Bearer x' } })),
    ).toThrow(/also in forwardHeaders/);
    const sources = parseSourcesConfig(src({ forwardHeaders: ['Authorization'] }));
    expect(() => mergeSourceHeaders(sources, { j: { Authorization: 'Bearer x' } })).toThrow(/also in forwardHeaders/);
  });
});

// The user's credentials, as an auth proxy in front of Pathlight would set them.
const USER_HEADERS = {
  authorization: 'Bearer alice-token',
  'x-forwarded-user': 'alice',
  'x-forwarded-email': 'alice@example.com',
  cookie: '_oauth2_proxy=session',
  'x-scope-orgid': 'evil-tenant',
  accept: 'application/json',
};

type Case = {
  title: string;
  path: string;
  headers: Record<string, string>;
  sent: Record<string, string>;
  notSent: string[];
};
const CASES: Case[] = [
  {
    title: 'a source with forwardHeaders gets exactly those from the browser, plus its own',
    path: '/proxy/user/echo',
    headers: USER_HEADERS,
    sent: {
      authorization: 'Bearer alice-token',
      'x-forwarded-user': 'alice',
      'x-scope-orgid': 't1',
      accept: 'application/json',
    },
    notSent: ['x-forwarded-email', 'cookie'],
  },
  {
    title: 'a source without forwardHeaders gets none of them',
    path: '/proxy/plain/echo',
    headers: USER_HEADERS,
    sent: { accept: 'application/json' },
    notSent: ['authorization', 'x-forwarded-user', 'x-forwarded-email', 'cookie', 'x-scope-orgid'],
  },
  {
    title: 'a forwarded header the browser did not send is not sent at all',
    path: '/proxy/user/echo',
    headers: { accept: 'application/json' },
    sent: { 'x-scope-orgid': 't1' },
    notSent: ['authorization', 'x-forwarded-user'],
  },
  {
    title: 'an empty forwarded header is not sent',
    path: '/proxy/user/echo',
    headers: { authorization: '' },
    sent: {},
    notSent: ['authorization'],
  },
];

function echoServer(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.headers));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function configFor(upstreamPort: number) {
  return parseSourcesConfig({
    sources: [
      {
        id: 'user',
        type: 'tempo',
        url: `http://127.0.0.1:${upstreamPort}/u`,
        headers: { 'X-Scope-OrgID': 't1' },
        forwardHeaders: ['Authorization', 'X-Forwarded-User'],
      },
      { id: 'plain', type: 'jaeger', url: `http://127.0.0.1:${upstreamPort}/p` },
    ],
  });
}

function checkCase(c: Case, status: number, body: string) {
  expect(status).toBe(200);
  const seen = JSON.parse(body) as Record<string, string>;
  for (const [name, value] of Object.entries(c.sent)) expect(seen[name], name).toBe(value);
  for (const name of c.notSent) expect(seen[name], name).toBeUndefined();
}

describe('forwardHeaders in the Node proxy', () => {
  let upstream: Server;
  let proxy: Server;
  let port = 0;

  beforeAll(async () => {
    upstream = await echoServer();
    const sources = configFor((upstream.address() as AddressInfo).port);
    const mw = sourceProxyMiddleware(() => ({ sources }));
    proxy = createServer((req, res) => mw(req, res, () => res.writeHead(418).end()));
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    port = (proxy.address() as AddressInfo).port;
  });
  afterAll(() => {
    proxy?.close();
    upstream?.close();
  });

  it.each(CASES)('$title', async (c) => {
    const r = await get(port, c.path, c.headers);
    checkCase(c, r.status, r.body);
  });
});

describe('forwardHeaders in the nginx config', () => {
  let upstream: Server;
  let nginx: RunningNginx | undefined;

  beforeAll(async () => {
    upstream = await echoServer();
    const sources = configFor((upstream.address() as AddressInfo).port);
    nginx = await startNginx((listen, dir) => renderNginx(sources, { root: dir, listen, indexHtml: '' }));
  }, 30_000);
  afterAll(() => {
    nginx?.stop();
    upstream?.close();
  });

  it.each(CASES)('$title', async (c) => {
    const r = await get(nginx!.port, c.path, c.headers);
    checkCase(c, r.status, r.body);
  });
});
