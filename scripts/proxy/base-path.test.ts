import { describe, expect, it } from 'vitest';
import { indexHtmlWithBase, normalizeBasePath, stripBasePath } from './base-path.mjs';
import { appSecurityHeaders } from './header-policy.mjs';

const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" type="image/svg+xml" href="./favicon.svg" />
    <script>
      var t = localStorage.getItem('pathlight-theme');
    </script>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-def.css">
  </head>
  <body><a href="https://example.com/./x">x</a></body>
</html>`;

describe('normalizeBasePath', () => {
  it.each([
    [undefined, ''],
    ['', ''],
    ['/', ''],
    ['/pathlight', '/pathlight'],
    ['/pathlight/', '/pathlight'],
    ['pathlight', '/pathlight'],
    ['/team-a/pathlight.v2/', '/team-a/pathlight.v2'],
  ])('%s → "%s"', (value, want) => expect(normalizeBasePath(value)).toBe(want));

  it.each(['/a b', '/a$b', '/a;b', '/../x', '/a/./b', '/a//b', "/a'b", '/a%20b', '/a?b', '/a{b'])(
    'refuses %s with a message',
    (value) => expect(() => normalizeBasePath(value)).toThrow(/must be like \/pathlight/),
  );
});

describe('indexHtmlWithBase', () => {
  it('makes the "./" URLs absolute under the base and announces it, keeping the CSP hash', () => {
    const html = indexHtmlWithBase(BUILT, '/pathlight');
    expect(html).toContain('src="/pathlight/assets/index-abc.js"');
    expect(html).toContain('href="/pathlight/assets/index-def.css"');
    expect(html).toContain('href="/pathlight/favicon.svg"');
    expect(html).toContain('<meta name="pathlight-base" content="/pathlight/" />');
    expect(html).not.toContain('"./');
    expect(html).toContain('href="https://example.com/./x"');
    const csp = (h: string) => appSecurityHeaders({ indexHtml: h })['content-security-policy'];
    expect(csp(html)).toMatch(/sha256-/);
    expect(csp(html)).toBe(csp(BUILT));
  });

  it('at the root, the URLs start with "/"', () => {
    const html = indexHtmlWithBase(BUILT, '');
    expect(html).toContain('src="/assets/index-abc.js"');
    expect(html).toContain('<meta name="pathlight-base" content="/" />');
  });
});

describe('stripBasePath', () => {
  it('gives the app path under the base and undefined outside it', () => {
    expect(stripBasePath('/pathlight/assets/a.js', '/pathlight')).toBe('/assets/a.js');
    expect(stripBasePath('/pathlight', '/pathlight')).toBeUndefined();
    expect(stripBasePath('/pathlightx/a', '/pathlight')).toBeUndefined();
    expect(stripBasePath('/a', '')).toBe('/a');
  });
});
