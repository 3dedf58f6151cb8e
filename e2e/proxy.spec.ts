/**
 * The proxy of the served app (vite preview, as `npm start` runs it) reaches only configured
 * sources. A canary server is configured as source "canary" (127.0.0.1:3298/base); every
 * escape attempt must get 404 and never reach it, while a plain request does.
 * Requests are sent raw over a socket so no client normalizes "..", "//" or encodings away.
 */
import { expect, test } from './support/test';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';

const appPort = Number(process.env.E2E_PORT ?? 4280);

function rawGet(target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(appPort, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${appPort}\r\nConnection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (c) => (data += c.toString('utf8')));
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('error', reject);
  });
}

let canary: Server;
const hits: string[] = [];

test.beforeAll(async () => {
  canary = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"canary":true}');
  });
  await new Promise<void>((r) => canary.listen(3298, '127.0.0.1', r));
});

test.afterAll(() => new Promise<void>((r) => canary.close(() => r())));

test('the proxy forwards a configured source path', async () => {
  hits.length = 0;
  const r = await rawGet('/proxy/canary/api/v2/services?x=1');
  expect(r.status).toBe(200);
  expect(r.body).toContain('"canary":true');
  expect(hits).toEqual(['/base/api/v2/services?x=1']);
});

const escapes = [
  '/proxy/nope/api/v2/services',
  '/proxy/canary/../jaeger/api/services',
  '/proxy/canary/api/../../x',
  '/proxy/canary/%2e%2e/x',
  '/proxy/canary/%2E%2E%2Fx',
  '/proxy/canary/api%2f..%2f..%2fx',
  '/proxy/canary/api%5c..%5cx',
  '/proxy/canary//127.0.0.1:3298/x',
  '/proxy/canary/http://127.0.0.1:3298/x',
  '/proxy/http://127.0.0.1:3298/base/x',
  '/proxy//127.0.0.1:3298/base/x',
  '/proxy/canary@127.0.0.1:3298/x',
  '/proxy/%63anary/x',
  '/proxy/canary/./x',
];

for (const path of escapes) {
  test(`the proxy refuses ${path} with 404 and the canary never sees it`, async () => {
    hits.length = 0;
    const r = await rawGet(path);
    expect(r.status).toBe(404);
    expect(hits).toEqual([]);
  });
}

test('an absolute-form request target is not proxied anywhere', async () => {
  hits.length = 0;
  const r = await rawGet('http://127.0.0.1:3298/base/x');
  expect(r.status).not.toBe(502);
  expect(r.body).not.toContain('canary');
  expect(hits).toEqual([]);
});

test('the served config.json lists sources without their headers', async ({ request }) => {
  const res = await request.get('/config.json');
  const text = await res.text();
  expect(text).toContain('"id":"tempo-spare"');
  expect(text).not.toContain('e2e-tenant');
});
