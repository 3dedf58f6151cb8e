import { describe, expect, it } from 'vitest';
import { appSecurityHeaders, inlineScriptHashes, parseFrameAncestors, proxyMaxBytes } from './header-policy.mjs';

describe('header policy', () => {
  it('hashes inline scripts only, byte for byte as the browser does', () => {
    const html =
      '<script type="module" src="/assets/a.js"></script><script>\n  var t = 1;\n</script><SCRIPT >x</SCRIPT >';
    // printf '\n  var t = 1;\n' | openssl dgst -sha256 -binary | base64 (and printf x)
    expect(inlineScriptHashes(html)).toEqual([
      "'sha256-G8hizTZevorhZKzPuENg84jAxZc4YPW7+TrGM8qLpZI='",
      "'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='",
    ]);
  });

  it('builds a CSP without inline allowances beyond the hashes', () => {
    const csp = appSecurityHeaders({ indexHtml: '<script>1</script>', frameAncestors: "'self'" })[
      'content-security-policy'
    ];
    expect(csp).toMatch(/^default-src 'none'; script-src 'self' 'sha256-[A-Za-z0-9+/=]+'; /);
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'self'");
  });

  it.each([
    [undefined, "'none'"],
    ['', "'none'"],
    ["'self'", "'self'"],
    ["'self' https://grafana.example https://b.example:8443/", "'self' https://grafana.example https://b.example:8443"],
  ])('frame-ancestors %j is %s', (raw, expected) => {
    expect(parseFrameAncestors(raw)).toBe(expected);
  });

  it.each(["'self'; script-src *", 'https://a.example/path', '*', "'none' 'self'", 'javascript:x', 'https://$host'])(
    'refuses frame-ancestors %j',
    (raw) => {
      expect(() => parseFrameAncestors(raw)).toThrow(/frame-ancestors/);
    },
  );

  it('reads the proxy body cap from the environment and refuses nonsense', () => {
    expect(proxyMaxBytes({})).toBe(512 * 1024 * 1024);
    expect(proxyMaxBytes({ PATHLIGHT_PROXY_MAX_BYTES: '1000' })).toBe(1000);
    expect(() => proxyMaxBytes({ PATHLIGHT_PROXY_MAX_BYTES: '1e9' })).toThrow(/positive integer/);
  });
});
