/**
 * The Helm chart deploy/helm/pathlight: `helm lint`, `helm template` of both example values
 * files, the rendered manifests read back (kinds, hardening, config.json in the ConfigMap and
 * the headers only in the Secret), and then the ConfigMap and Secret of the multi-tenant
 * example run under the real nginx through the container's start-up script.
 * helm is built from its Go module into the project's cache by `bash scripts/helm.sh install`
 * (`npm test` does it); without it these tests are skipped, saying so.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { mergeSourceHeaders, parseSourcesConfig } from '../scripts/proxy/sources-config.mjs';
import { get, startContainer, type Container } from './nginx-harness.ts';

const CHART = 'deploy/helm/pathlight';
const EXAMPLES = ['jaeger-same-namespace', 'multi-tenant-tempo'] as const;
const located = spawnSync('bash', ['scripts/helm.sh', 'path'], { encoding: 'utf8' });
const HELM = located.status === 0 ? located.stdout.trim() : undefined;
if (!HELM)
  console.warn(
    'deploy/helm.test.ts: SKIPPED, helm is not installed; `bash scripts/helm.sh install` builds it (npm test does)',
  );

type Manifest = {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  data?: Record<string, string>;
  // Parsed YAML read back by path; the expectations below are the shape check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
};

function helm(args: string[]) {
  const r = spawnSync(HELM!, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`helm ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function template(example: string, extra: string[] = []): Manifest[] {
  return parseAllDocuments(
    helm([
      'template',
      'pl',
      CHART,
      '--namespace',
      'observability',
      '-f',
      `${CHART}/examples/${example}.yaml`,
      ...extra,
    ]),
  )
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

const one = (manifests: Manifest[], kind: string) => {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};
const headersOf = (manifests: Manifest[]) => {
  const secret = manifests.find((m) => m.kind === 'Secret');
  return secret
    ? (JSON.parse(Buffer.from(secret.data!['headers.json']!, 'base64').toString('utf8')) as Record<
        string,
        Record<string, string>
      >)
    : undefined;
};

describe.skipIf(!HELM)('helm chart deploy/helm/pathlight', () => {
  it('passes helm lint --strict, alone and with each example', () => {
    expect(helm(['lint', '--strict', CHART])).toContain('0 chart(s) failed');
    for (const example of EXAMPLES)
      expect(helm(['lint', '--strict', CHART, '-f', `${CHART}/examples/${example}.yaml`])).toContain(
        '0 chart(s) failed',
      );
  });

  it.each([
    ['jaeger-same-namespace', ['ConfigMap', 'Deployment', 'Service']],
    ['multi-tenant-tempo', ['ConfigMap', 'Deployment', 'Ingress', 'Secret', 'Service']],
  ])('renders %s into %j', (example, kinds) => {
    expect(
      template(example)
        .map((m) => m.kind)
        .sort(),
    ).toEqual(kinds);
  });

  it.each(EXAMPLES)('%s: a hardened pod, probed on /healthz, with only /tmp writable', (example) => {
    const pod = one(template(example), 'Deployment').spec.template.spec;
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 101,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers).toHaveLength(1);
    const c = pod.containers[0];
    expect(c.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    for (const probe of [c.readinessProbe, c.livenessProbe])
      expect(probe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c.resources.limits.memory).toBeTruthy();
    const writable = c.volumeMounts.filter((m: { readOnly?: boolean }) => !m.readOnly);
    expect(writable).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes.find((v: { name: string }) => v.name === 'tmp').emptyDir).toEqual({ sizeLimit: '1Gi' });
    // The paths the start-up script reads are where the ConfigMap and Secret are mounted.
    const env = Object.fromEntries(c.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env.PATHLIGHT_CONFIG).toBe(
      `${c.volumeMounts.find((m: { name: string }) => m.name === 'config').mountPath}/config.json`,
    );
    expect(env.PATHLIGHT_RUN_DIR.startsWith('/tmp/')).toBe(true);
    expect(env.PATHLIGHT_LISTEN).toBe('8080');
  });

  it('jaeger-same-namespace: config.json in the ConfigMap, no Secret, no headers mount', () => {
    const manifests = template('jaeger-same-namespace');
    const config = parseSourcesConfig(JSON.parse(one(manifests, 'ConfigMap').data!['config.json']!));
    expect(config).toEqual([
      {
        id: 'jaeger',
        type: 'jaeger',
        name: 'Jaeger',
        url: 'http://jaeger-query:16686',
        headers: {},
        forwardHeaders: [],
      },
    ]);
    const c = one(manifests, 'Deployment').spec.template.spec.containers[0];
    expect(c.env.map((e: { name: string }) => e.name)).not.toContain('PATHLIGHT_HEADERS');
  });

  it('multi-tenant-tempo: tenant ids only in the Secret, forwardHeaders in config.json, the Secret mounted where the script reads it', () => {
    const manifests = template('multi-tenant-tempo');
    const configText = one(manifests, 'ConfigMap').data!['config.json']!;
    expect(configText).not.toMatch(/X-Scope-OrgID|"headers"/i);
    for (const s of JSON.parse(configText).sources) expect(Object.keys(s)).not.toContain('headers');
    const headers = headersOf(manifests);
    expect(headers).toEqual({ 'team-a': { 'X-Scope-OrgID': 'team-a' }, 'team-b': { 'X-Scope-OrgID': 'team-b' } });
    const sources = mergeSourceHeaders(parseSourcesConfig(JSON.parse(configText)), headers);
    expect(sources.map((s) => [s.id, s.headers, s.forwardHeaders])).toEqual([
      ['team-a', { 'X-Scope-OrgID': 'team-a' }, []],
      ['team-b', { 'X-Scope-OrgID': 'team-b' }, []],
      ['tempo-mine', {}, ['authorization']],
    ]);
    const pod = one(manifests, 'Deployment').spec.template.spec;
    const c = pod.containers[0];
    const env = Object.fromEntries(c.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env.PATHLIGHT_HEADERS).toBe(
      `${c.volumeMounts.find((m: { name: string }) => m.name === 'headers').mountPath}/headers.json`,
    );
    expect(env.PATHLIGHT_FRAME_ANCESTORS).toBe('https://grafana.example.com');
    expect(pod.volumes.find((v: { name: string }) => v.name === 'headers').secret).toEqual({
      secretName: 'pl-pathlight-headers',
      defaultMode: 0o440,
    });
    const ingress = one(manifests, 'Ingress');
    expect(ingress.spec.rules[0].http.paths).toEqual([
      { path: '/', pathType: 'Prefix', backend: { service: { name: 'pl-pathlight', port: { name: 'http' } } } },
    ]);
  });

  it('a changed header rolls the pods: the pod template carries checksums of config.json and the headers', () => {
    const before = one(template('multi-tenant-tempo'), 'Deployment').spec.template.metadata.annotations;
    const after = one(
      template('multi-tenant-tempo', ['--set', 'sources[0].headers.X-Scope-OrgID=team-c']),
      'Deployment',
    ).spec.template.metadata.annotations;
    expect(after['checksum/headers']).not.toBe(before['checksum/headers']);
  });

  it('with headersSecret, mounts that Secret and creates none; refuses headers in values too', () => {
    const manifests = template('jaeger-same-namespace', ['--set', 'headersSecret=my-tokens']);
    expect(manifests.map((m) => m.kind)).not.toContain('Secret');
    const pod = one(manifests, 'Deployment').spec.template.spec;
    expect(pod.volumes.find((v: { name: string }) => v.name === 'headers').secret.secretName).toBe('my-tokens');
    const both = spawnSync(
      HELM!,
      ['template', 'pl', CHART, '-f', `${CHART}/examples/multi-tenant-tempo.yaml`, '--set', 'headersSecret=my-tokens'],
      { encoding: 'utf8' },
    );
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain('put every source header into the headersSecret');
  });

  it('basePath: the Ingress routes the prefix and the container serves under it; the root without it', () => {
    const ingress = ['--set', 'ingress.enabled=true', '--set', 'ingress.hosts[0]=traces.example.com'];
    const envOf = (m: Manifest[]) =>
      (one(m, 'Deployment').spec.template.spec.containers[0].env as { name: string; value: string }[]).find(
        (e) => e.name === 'PATHLIGHT_BASE_PATH',
      );
    const pathOf = (m: Manifest[]) => one(m, 'Ingress').spec.rules[0].http.paths[0];
    const prefixed = template('jaeger-same-namespace', [...ingress, '--set', 'basePath=/pathlight/']);
    expect(envOf(prefixed)?.value).toBe('/pathlight');
    expect(pathOf(prefixed)).toMatchObject({ path: '/pathlight', pathType: 'Prefix' });
    const root = template('jaeger-same-namespace', ingress);
    expect(envOf(root)).toBeUndefined();
    expect(pathOf(root)).toMatchObject({ path: '/', pathType: 'Prefix' });
    for (const bad of ['/a b', '/../x', '/a$b']) {
      const r = spawnSync(HELM!, ['template', 'pl', CHART, '--set', `basePath=${bad}`], { encoding: 'utf8' });
      expect(r.status, bad).not.toBe(0);
      expect(r.stderr).toMatch(/basePath/);
    }
  });

  it('refuses a source the schema does not allow, naming it', () => {
    const bad = spawnSync(
      HELM!,
      ['template', 'pl', CHART, '--set-json', 'sources=[{"id":"a b","type":"loki","url":"http://x"}]'],
      { encoding: 'utf8' },
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/sources\/0/);
  });
});

describe.skipIf(!HELM)('the multi-tenant-tempo ConfigMap and Secret under the real nginx', () => {
  let upstream: Server;
  let container: Container | undefined;
  const hits: { url: string; headers: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      hits.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"traces":[]}');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as AddressInfo).port;
    const manifests = template('multi-tenant-tempo');
    // The cluster's service names do not resolve here: point each source at the local upstream,
    // one base path per source, and keep everything else as the chart rendered it.
    const config = JSON.parse(one(manifests, 'ConfigMap').data!['config.json']!) as {
      sources: { id: string; url: string }[];
    };
    for (const s of config.sources) s.url = `http://127.0.0.1:${port}/${s.id}`;
    const secret = one(manifests, 'Secret').data!['headers.json']!;
    container = await startContainer({
      config: JSON.stringify(config),
      headers: Buffer.from(secret, 'base64').toString('utf8'),
    });
  }, 30_000);

  afterAll(async () => {
    await container?.stop();
    upstream?.close();
  });

  it('answers the probes and lists the sources without their headers', async () => {
    expect((await get(container!.port, '/healthz')).status).toBe(200);
    const config = await get(container!.port, '/config.json');
    expect(JSON.parse(config.body).sources.map((s: { id: string }) => s.id)).toEqual([
      'team-a',
      'team-b',
      'tempo-mine',
    ]);
    expect(config.body).not.toMatch(/team-[ab]"}|orgid/i);
  });

  it('serves the link patterns from values.yaml as they were written ("$" and quotes included)', async () => {
    const config = JSON.parse((await get(container!.port, '/config.json')).body) as { linkPatterns: unknown };
    expect(config.linkPatterns).toEqual([
      {
        type: 'resource',
        key: 'k8s.pod.name',
        url: 'https://logs.example.com/explore?pod=#{k8s.pod.name}&from=#{trace.startTime}&to=#{trace.endTime}',
        text: "Pod's logs",
      },
      {
        type: 'trace',
        url: 'https://logs.example.com/explore?q=trace_id%3D%22#{trace.id}%22&var=$x',
        text: 'Logs for this trace',
      },
    ]);
  });

  it("sends each tenant's id from the Secret and the user's Authorization only to the source that forwards it", async () => {
    hits.length = 0;
    const user = { authorization: 'Bearer alice', 'x-scope-orgid': 'evil' };
    for (const id of ['team-a', 'team-b', 'tempo-mine'])
      expect((await get(container!.port, `/proxy/${id}/api/search?limit=1`, user)).status).toBe(200);
    expect(hits.map((h) => [h.url, h.headers['x-scope-orgid'], h.headers.authorization])).toEqual([
      ['/team-a/api/search?limit=1', 'team-a', undefined],
      ['/team-b/api/search?limit=1', 'team-b', undefined],
      ['/tempo-mine/api/search?limit=1', undefined, 'Bearer alice'],
    ]);
  });
});
