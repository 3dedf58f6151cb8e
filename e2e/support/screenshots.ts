/**
 * Screenshots for people to look at: every spec writes them to test-results/screenshots
 * (ignored by git), named after the view, in light and dark.
 */
import type { Page } from '@playwright/test';

export const SCREENSHOTS_DIR = 'test-results/screenshots';

/** Takes the page at its current size in both colour schemes, then returns it to light. */
export async function shootBothSchemes(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  await page.mouse.move(0, 0); // no hover tooltip in the picture
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate((dark) => document.documentElement.classList.toggle('dark', dark), scheme === 'dark');
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/${name}-${scheme}.png`, fullPage: opts.fullPage ?? false });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => document.documentElement.classList.remove('dark'));
}
