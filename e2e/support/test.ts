/**
 * Playwright's `test`, with an automatic fixture that fails any test during which the page
 * broke its Content-Security-Policy: every `securitypolicyviolation` event (reported from an
 * init script through a binding) and every console message Chromium writes for a blocked
 * load. The whole suite runs under the policy the servers send (header-policy.mjs), so a
 * change that needs an inline style, an eval or a foreign origin fails here, not in
 * production. Specs import `test` and `expect` from here instead of '@playwright/test'.
 */
import { test as base } from '@playwright/test';

export * from '@playwright/test';

type Violation = { directive: string; blocked: string; source: string };

export const test = base.extend<{ allowCspViolations: boolean; cspViolations: string[] }>({
  // A test that loads something the policy must block (a proxied HTML answer) sets this and
  // asserts on `cspViolations` itself.
  allowCspViolations: [false, { option: true }],
  cspViolations: [
    async ({ context, allowCspViolations }, use, testInfo) => {
      const violations: string[] = [];
      await context.exposeBinding('__pathlightCspViolation', (_source, v: Violation) => {
        violations.push(`${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source}`);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as { __pathlightCspViolation?: (v: Violation) => void })
            .__pathlightCspViolation;
          report?.({
            directive: e.effectiveDirective,
            blocked: e.blockedURI,
            source: `${e.sourceFile}:${e.lineNumber}`,
          });
        });
      });
      const onConsole = (msg: { text(): string }) => {
        if (/Content Security Policy/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
      };
      context.on('console', onConsole);
      await use(violations);
      context.off('console', onConsole);
      if (violations.length > 0 && !allowCspViolations) {
        await testInfo.attach('csp-violations', { body: violations.join('\n'), contentType: 'text/plain' });
        throw new Error(`Content-Security-Policy violations:\n${[...new Set(violations)].join('\n')}`);
      }
    },
    { auto: true },
  ],
});
