/**
 * Screenshots of every page at 1440x900 in light and dark, for people to look at
 * (test-results/screenshots/). The assertions make sure each page is ready first.
 */
import { expect, test } from './support/test';
import { join } from 'node:path';
import { FIXTURES_DIR } from './support/fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });

    test(`start page and a trace (${scheme})`, async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Demo traces' })).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/home-${scheme}.png` });

      await page.getByRole('link', { name: /HotROD/i }).click();
      await expect(page.getByTestId('trace-verdict')).toContainText('SQL SELECT');
      await page.screenshot({ path: `test-results/screenshots/trace-hotrod-${scheme}.png`, fullPage: true });

      await page.goto('/');
      await page.getByLabel('Open trace file').setInputFiles(join(FIXTURES_DIR, 'zipkin/zipkin-lens-skew.json'));
      await expect(page.getByTestId('trace-span-count')).toHaveText('4');
      await page.getByRole('button', { name: /\(show\)/ }).click();
      await page.getByTestId('slowest-spans').getByRole('button').first().click();
      await page.screenshot({ path: `test-results/screenshots/trace-file-${scheme}.png`, fullPage: true });

      await page.goto('/');
      const { writeFileSync } = await import('node:fs');
      const bad = test.info().outputPath('services.json');
      writeFileSync(bad, '{"services":["a","b"]}');
      await page.getByLabel('Open trace file').setInputFiles(bad);
      await expect(page.getByRole('alert')).toBeVisible();
      await page.screenshot({ path: `test-results/screenshots/home-error-${scheme}.png` });
    });
  });
}
