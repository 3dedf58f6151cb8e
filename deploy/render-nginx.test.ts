/**
 * The renderer's command line on bad input: a message, a non-zero exit, nothing on stdout and
 * no half-written or replaced --out file. Good configs are run under the real nginx in
 * nginx.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pathlight-render-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><script>1</script>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function render(config: unknown, extra: string[] = []) {
  const path = join(dir, 'config.json');
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return spawnSync(process.execPath, ['deploy/render-nginx.mjs', path, '--root', dir, ...extra], { encoding: 'utf8' });
}

const src = (over: Record<string, unknown>) => ({
  sources: [{ id: 'j', type: 'jaeger', name: 'J', url: 'http://jaeger:16686', ...over }],
});

describe('render-nginx.mjs on bad input', () => {
  it('renders a good config to stdout with exit 0', () => {
    const r = render(src({}));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('location ^~ /proxy/j/');
  });

  it.each([
    ['a variable as host', src({ url: 'http://$http_x_up/' }), /url/],
    ['a variable in the path', src({ url: 'http://jaeger/$uri' }), /url/],
    ['a semicolon', src({ url: 'http://jaeger;/' }), /url/],
    ['a closing brace', src({ url: 'http://jaeger/}' }), /url/],
    ['a quote', src({ url: "http://jaeger/a'b" }), /url/],
    ['a percent-encoded path', src({ url: 'http://jaeger/a%20b' }), /url/],
    ['a space', src({ url: 'http://jae ger/' }), /url/],
    ['a dot segment', src({ url: 'http://jaeger/a/../b' }), /url/],
    ['credentials', src({ url: 'http://u:p@jaeger/' }), /credentials/],
    ['a query', src({ url: 'http://jaeger/?a=1' }), /query/],
    ['an id with a dot', src({ id: 'a.b' }), /id must be/],
    ['an id with a slash', src({ id: 'a/b' }), /id must be/],
    [
      'ids differing only in case',
      { sources: [src({ id: 'Ab' }).sources[0], src({ id: 'aB' }).sources[0]] },
      /used twice/,
    ],
    ['a name with a newline', src({ name: 'a\nb' }), /name/],
    ['a header value with a variable', src({ headers: { 'X-Scope-OrgID': '$http_x_tenant' } }), /not allowed/],
    ['a header value with a newline', src({ headers: { 'X-Scope-OrgID': 'a\nb' } }), /not allowed/],
    ['a header name with a space', src({ headers: { 'X Scope': 'a' } }), /not allowed/],
    ['not JSON', '{"sources": [', /not valid JSON/],
    ['no sources list', { source: [] }, /expected/],
  ])('refuses %s with a message and exit 1', (_, config, message) => {
    const r = render(config);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it.each([
    [['--listen', '8080; include /etc/passwd'], /listen/],
    [['--root', '/srv/$host'], /plain path/],
    [['--frame-ancestors', "'self'; script-src *"], /frame-ancestors/],
    [['--frame-ancestors', 'https://a.example/path'], /frame-ancestors/],
  ])('refuses option %j with exit 1', (extra, message) => {
    const r = render(src({}), extra);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('refuses a missing config file, an unknown option and a missing argument with a message', () => {
    const missing = spawnSync(process.execPath, ['deploy/render-nginx.mjs', join(dir, 'nope.json'), '--root', dir], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
    expect(render(src({}), ['--bogus']).status).toBe(2);
    expect(render(src({}), ['--out']).status).toBe(2);
  });

  it('adds the headers of --headers (a mounted Secret) to the proxy only, never to the public config', () => {
    const headers = join(dir, 'headers.json');
    writeFileSync(headers, JSON.stringify({ j: { Authorization: 'Bearer s3cret' } }));
    const r = render(src({ forwardHeaders: ['X-Forwarded-User'] }), ['--headers', headers]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("proxy_set_header Authorization 'Bearer s3cret';");
    expect(r.stdout).toContain('proxy_set_header x-forwarded-user $http_x_forwarded_user;');
    expect(r.stdout.match(/s3cret/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/location = \/healthz \{[^}]*return 200 'ok\\n';/);
  });

  it.each([
    ['a missing file', undefined, /does not exist/],
    ['not JSON', '{', /not valid JSON/],
    ['an unknown source id', '{"x": {"A": "1"}}', /"x" is not a source in config\.json \(ids: j\)/],
    ['a forbidden header', '{"j": {"Host": "evil"}}', /Host is not allowed/],
  ])('refuses --headers with %s', (_, text, message) => {
    const headers = join(dir, `headers-${Math.random().toString(36).slice(2)}.json`);
    if (text !== undefined) writeFileSync(headers, text);
    const r = render(src({}), ['--headers', headers]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('serves good link patterns in /config.json and skips a bad one with a warning, still exit 0', () => {
    const r = render({
      ...src({}),
      linkPatterns: [
        { type: 'trace', url: "https://logs.example/?q=#{trace.id}&v=$x'", text: 'Logs' },
        { type: 'trace', url: 'javascript:alert(1)', text: 'Evil' },
      ],
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /warning: .*linkPatterns\[1\]\.url must start with http:\/\/ or https:\/\/ and a host; skipped/,
    );
    expect(r.stdout).toContain(
      '"linkPatterns":[{"type":"trace","url":"https://logs.example/?q=#{trace.id}&v=\\\\u0024x\\\\u0027"',
    );
    expect(r.stdout).not.toContain('javascript');
  });

  it('needs the built index.html for the CSP', () => {
    const r = render(src({}), ['--dist', join(dir, 'nowhere')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/index\.html not found/);
  });

  it('with --out, replaces the file whole or leaves it untouched', () => {
    const out = join(dir, 'pathlight.conf');
    writeFileSync(out, '# the config nginx runs now\n');
    const bad = render(src({ url: 'http://$http_x_up/' }), ['--out', out]);
    expect(bad.status).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('# the config nginx runs now\n');
    const good = render(src({}), ['--out', out]);
    expect(good.status).toBe(0);
    expect(good.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('location ^~ /proxy/j/');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('render-nginx.mjs --base-path', () => {
  const csp = (conf: string) => /add_header content-security-policy ("[^\n]*script-src[^\n]*") always;/.exec(conf)?.[1];

  it('puts the app, /config.json and the proxy under the prefix, 404s the rest but /healthz', () => {
    const root = render(src({}));
    const r = render(src({ url: 'http://jaeger:16686/jaeger' }), ['--base-path', '/pathlight/']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('location = /pathlight/config.json {');
    expect(r.stdout).toContain('location ^~ /pathlight/proxy/ {');
    expect(r.stdout).toContain('location ^~ /pathlight/proxy/j/ {');
    expect(r.stdout).toContain('if ($request_uri !~ "^/pathlight/proxy/j/")');
    expect(r.stdout).toContain('rewrite "^/pathlight/proxy/j/(.*)$" "/jaeger/$1" break;');
    expect(r.stdout).toContain('location /pathlight/assets/ {');
    expect(r.stdout).toContain('rewrite "^/pathlight(/.*)$" $1 break;');
    expect(r.stdout).toContain('location = /pathlight {');
    expect(r.stdout).toMatch(/location \/ \{\n[^}]*return 404;/);
    expect(r.stdout).toContain('location = /healthz {');
    expect(r.stdout).not.toMatch(/location[^\n]* \/proxy\//);
    // index.html is answered with the base in it; the CSP is the same as at the root.
    expect(r.stdout).toContain('<meta name="pathlight-base" content="/pathlight/" />');
    expect(csp(r.stdout)).toMatch(/sha256-/);
    expect(csp(r.stdout)).toBe(csp(root.stdout));
  });

  it('escapes dots of the prefix in regular expressions', () => {
    const r = render(src({}), ['--base-path', '/a.b']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('if ($request_uri !~ "^/a\\.b/proxy/j/")');
  });

  it.each(['/a b', '/$x', '/a;b', '/../x', "/a'b"])('refuses the base path %s with a message and exit 1', (base) => {
    const r = render(src({}), ['--base-path', base]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--base-path: base path .* must be like \/pathlight/);
  });
});
