/**
 * The Helm chart's output, run: `helm template` of the "multi-tenant Tempo" example (with a base
 * path), its ConfigMap's config.json and its Secret's headers.json mounted into the container's
 * start-up script (deploy/entrypoint.sh) under the real nginx, serving the build under test, and a
 * browser using it. The cluster's service names do not resolve here, so each source's URL points
 * at a local stand-in: a Tempo-compatible server with multitenancy (it refuses a request without
 * X-Scope-OrgID), and, for the "my tenants" source, a gateway that picks the tenant from the
 * user's Authorization header, as a real one in front of Tempo would. Everything else is what the
 * chart rendered. The spec owns its servers, so it needs no shared backend; it needs helm (built
 * into the cache by `bash scripts/helm.sh install`, which `npm test` runs) and nginx.
 */
import { expect, test } from './support/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { startContainer, type Container } from '../deploy/nginx-harness';
import { NGINX } from '../deploy/run-nginx.mjs';
import { shootBothSchemes } from './support/screenshots';

const CHART = 'deploy/helm/pathlight';
const EXAMPLE = `${CHART}/examples/multi-tenant-tempo.yaml`;
const BASE = '/traces';
const located = spawnSync('bash', ['scripts/helm.sh', 'path'], { encoding: 'utf8' });
const HELM = located.status === 0 ? located.stdout.trim() : undefined;

type Manifest = { kind: string; data?: Record<string, string>; spec?: { template: { spec: PodSpec } } };
type PodSpec = { containers: { env: { name: string; value: string }[] }[] };

let tempo: ChildProcess | undefined;
let gateway: Server | undefined;
let container: Container | undefined;
let app = '';
const gatewaySaw: { path: string; authorization: string | undefined }[] = [];

const hex = (n: number) =>
  Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16))
    .join('')
    .replace(/^0/, '1');
const TRACE_A = hex(32);
const TRACE_B = hex(32);

/** One OTLP/JSON trace of `service`: a SERVER root and a CLIENT child, ended a minute ago. */
function otlpTrace(traceId: string, service: string) {
  const end = BigInt(Date.now() - 60_000) * 1_000_000n;
  const root = hex(16);
  const span = (spanId: string, name: string, kind: number, from: bigint, to: bigint, parentSpanId?: string) => ({
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    name,
    kind,
    startTimeUnixNano: String(from),
    endTimeUnixNano: String(to),
  });
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'e2e' },
            spans: [
              span(root, 'GET /invoice', 2, end - 250_000_000n, end),
              span(hex(16), 'SELECT invoices', 3, end - 240_000_000n, end - 20_000_000n, root),
            ],
          },
        ],
      },
    ],
  };
}

function startTempo(): Promise<{ http: string; otlp: string }> {
  return new Promise((resolvePorts, reject) => {
    tempo = spawn(
      process.execPath,
      ['e2e/tempo-server/server.mjs', '--http-port', '0', '--otlp-port', '0', '--multitenancy'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    tempo.on('error', reject);
    tempo.stdout?.once('data', (line: Buffer) => {
      const { httpPort, otlpPort } = JSON.parse(line.toString()) as { httpPort: number; otlpPort: number };
      resolvePorts({ http: `http://127.0.0.1:${httpPort}`, otlp: `http://127.0.0.1:${otlpPort}` });
    });
  });
}

/**
 * A tenant gateway: forwards to Tempo with X-Scope-OrgID taken from `Authorization: Bearer <tenant>`
 * and refuses a request without it, the way a gateway in front of a multi-tenant Tempo does.
 */
function startGateway(tempoHttp: string): Promise<string> {
  const upstream = new URL(tempoHttp);
  gateway = createServer((req, res) => {
    const authorization = req.headers.authorization;
    gatewaySaw.push({ path: req.url ?? '', authorization });
    const tenant = /^Bearer ([a-z0-9-]+)$/.exec(authorization ?? '')?.[1];
    if (!tenant) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('sign in first\n');
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        headers: { accept: req.headers.accept ?? '*/*', 'x-scope-orgid': tenant },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'text/plain' });
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    forward.end();
  });
  return new Promise((r) =>
    gateway?.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(gateway?.address() as AddressInfo).port}`)),
  );
}

async function send(otlp: string, tenant: string, doc: unknown) {
  const res = await fetch(`${otlp}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-scope-orgid': tenant },
    body: JSON.stringify(doc),
  });
  if (!res.ok) throw new Error(`OTLP post for ${tenant}: ${res.status} ${await res.text()}`);
}

/** `helm template` of the example with its sources pointed at the local stand-ins. */
function renderChart(urls: Record<string, string>): Manifest[] {
  const values = parse(readFileSync(EXAMPLE, 'utf8')) as { sources: { id: string; url: string }[] };
  const sources = values.sources.map((s) => ({ ...s, url: urls[s.id] ?? s.url }));
  const args = ['template', 'pl', CHART, '-n', 'observability', '-f', EXAMPLE];
  args.push('--set-json', `sources=${JSON.stringify(sources)}`, '--set', `basePath=${BASE}/`);
  const out = spawnSync(HELM ?? 'helm', args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`helm template failed:\n${out.stderr}`);
  return parseAllDocuments(out.stdout)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

test.describe('the Helm chart, rendered and run under nginx', () => {
  test.skip(!HELM, 'helm is not installed: `bash scripts/helm.sh install` builds it (npm test does)');
  test.skip(!NGINX, 'nginx is not installed: scripts/ensure-system-packages.sh installs it');

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    const { http, otlp } = await startTempo();
    const gatewayUrl = await startGateway(http);
    await send(otlp, 'team-a', otlpTrace(TRACE_A, 'billing-a'));
    await send(otlp, 'team-b', otlpTrace(TRACE_B, 'billing-b'));
    const manifests = renderChart({ 'team-a': http, 'team-b': http, 'tempo-mine': gatewayUrl });
    const configMap = manifests.find((m) => m.kind === 'ConfigMap');
    const secret = manifests.find((m) => m.kind === 'Secret');
    const deployment = manifests.find((m) => m.kind === 'Deployment');
    if (!configMap?.data?.['config.json'] || !secret?.data?.['headers.json'] || !deployment?.spec)
      throw new Error(
        `the chart rendered ${manifests.map((m) => m.kind).join(', ')}: no ConfigMap, Secret or Deployment`,
      );
    // The pod's own settings (base path, frame-ancestors) as the chart wrote them; the paths the
    // container reads are the harness's (the mounts become files in a temporary directory).
    const env = Object.fromEntries(
      deployment.spec.template.spec.containers[0]!.env.filter(
        (e) => e.name === 'PATHLIGHT_BASE_PATH' || e.name === 'PATHLIGHT_FRAME_ANCESTORS',
      ).map((e) => [e.name, e.value]),
    );
    expect(env.PATHLIGHT_BASE_PATH).toBe(BASE);
    container = await startContainer(
      {
        config: configMap.data['config.json'],
        headers: Buffer.from(secret.data['headers.json'], 'base64').toString('utf8'),
      },
      { ...env, PATHLIGHT_ROOT: resolve(process.env.E2E_DIST ?? 'dist'), PATHLIGHT_ACCESS_LOG: 'off' },
    );
    app = `http://127.0.0.1:${container.port}`;
  });

  test.afterAll(async () => {
    await container?.stop();
    tempo?.kill('SIGTERM');
    gateway?.close();
  });

  test('answers the probes at the root and serves the app only under the base path, without the tenant ids', async ({
    page,
  }) => {
    expect((await fetch(`${app}/healthz`)).status).toBe(200);
    expect((await fetch(`${app}/`)).status).toBe(404);
    const config = await (await fetch(`${app}${BASE}/config.json`)).text();
    expect((JSON.parse(config) as { sources: { id: string }[] }).sources.map((s) => s.id)).toEqual([
      'team-a',
      'team-b',
      'tempo-mine',
    ]);
    expect(config).not.toMatch(/X-Scope-OrgID|"headers"/i);
    await page.goto(`${app}${BASE}/`);
    await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Search' })).toHaveAttribute('href', `${BASE}/search`);
  });

  test("a tenant's trace opens through its own source and not through the other tenant's", async ({ page }) => {
    await page.goto(`${app}${BASE}/trace/${TRACE_A}?source=team-a`);
    const rows = page.getByTestId('span-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('billing-a');
    await expect(rows.first()).toContainText('GET /invoice');
    await shootBothSchemes(page, 'helm-chart-tenant-trace');

    await page.goto(`${app}${BASE}/trace/${TRACE_A}?source=team-b`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('could not be loaded');
    await expect(alert).toContainText(/has no trace .*another tenant/);
    await expect(page.getByTestId('span-row')).toHaveCount(0);
  });

  test("the auth proxy's Authorization reaches the source that forwards it, and picks the user's tenant", async ({
    browser,
  }) => {
    // What oauth2-proxy does in front of Pathlight: set Authorization on every request.
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: 'Bearer team-b' } });
    const page = await context.newPage();
    await page.goto(`${app}${BASE}/trace/${TRACE_B}?source=tempo-mine`);
    const rows = page.getByTestId('span-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('billing-b');
    expect(gatewaySaw.length).toBeGreaterThan(0);
    expect(gatewaySaw.every((r) => r.authorization === 'Bearer team-b')).toBe(true);

    // The same user cannot read team A's trace through the gateway: the tenant is theirs.
    await page.goto(`${app}${BASE}/trace/${TRACE_A}?source=tempo-mine`);
    await expect(page.getByRole('alert')).toContainText(/has no trace .*another tenant/);
    await context.close();

    // Without the header (no auth proxy), the gateway refuses, and the page says so.
    const anonymous = await browser.newPage();
    const before = gatewaySaw.length;
    await anonymous.goto(`${app}${BASE}/trace/${TRACE_B}?source=tempo-mine`);
    await expect(anonymous.getByRole('alert')).toContainText('could not be loaded');
    expect(gatewaySaw.slice(before).every((r) => r.authorization === undefined)).toBe(true);
    expect(gatewaySaw.length).toBeGreaterThan(before);
    await anonymous.close();
  });
});
