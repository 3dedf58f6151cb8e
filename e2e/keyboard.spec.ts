/**
 * The trace page with the keyboard only: Tab reaches every control and the waterfall, Enter
 * works on links and buttons, j/k and the arrows move through the rows (announced through
 * aria-activedescendant), Escape and Close bring the focus back to the waterfall, the
 * minimap, time axis and column resizer work from the keys, and a focused graph node looks
 * different from the selected one. Screenshots of the focus and selection, light and dark.
 */
import { expect, test, type Locator, type Page } from './support/test';
import { demoSources } from '../src/api/demo-source';
import { shootBothSchemes } from './support/screenshots';

const hotrod = demoSources().find((d) => d.id === 'hotrod');
const HOTROD_URL = `/trace/${hotrod?.traceId ?? 'missing'}?source=demo`;

const waterfall = (page: Page) => page.getByRole('treegrid', { name: 'Waterfall' });
const selectedRow = (page: Page) => page.locator('[data-testid="span-row"][aria-selected="true"]');
const detail = (page: Page) => page.getByRole('region', { name: 'Selected span' });
/** The detail's scrolling body: Enter on a row puts the focus there, so arrows scroll it. */
const detailBody = (page: Page) => page.locator('#span-detail-body');

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}) {
  for (let i = 0; i < (opts.max ?? 60); i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return i;
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** The waterfall row aria-activedescendant points at. */
async function activeRowLabel(page: Page): Promise<string | null> {
  return waterfall(page).evaluate((el) => {
    const id = el.getAttribute('aria-activedescendant');
    return id ? (document.getElementById(id)?.getAttribute('aria-label') ?? null) : null;
  });
}

test('Tab walks from the skip link to the waterfall; j/k, arrows, Enter and Escape move the focus where they should', async ({
  page,
}) => {
  await page.goto(HOTROD_URL);
  await expect(page.getByTestId('span-row').first()).toBeVisible();

  // The first Tab stop is the skip link; Enter on it moves the focus past the top bar.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page).toHaveURL(HOTROD_URL); // no #hash added to the permalink

  // Tab reaches the minimap, the column resizer, the time axis and then the waterfall.
  await tabTo(page, page.getByRole('slider', { name: /minimap/i }));
  await tabTo(page, page.getByRole('separator', { name: 'Resize the span column' }));
  await tabTo(page, page.getByRole('slider', { name: 'Time axis' }));
  const presses = await tabTo(page, waterfall(page));
  expect(presses).toBe(1);
  await expect(selectedRow(page)).toHaveCount(0);

  // j selects the first row; the waterfall keeps the focus and names the row in a few words.
  await page.keyboard.press('j');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '1');
  await expect(waterfall(page)).toBeFocused();
  expect(await activeRowLabel(page)).toMatch(/^frontend \/dispatch, \d+(\.\d+)? (ms|s), on the critical path$/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('j');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '3');
  await page.keyboard.press('k');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '2');
  await page.keyboard.press('End');
  const total = await waterfall(page).getAttribute('aria-rowcount');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', total ?? 'x');
  await page.keyboard.press('Home');
  await expect(selectedRow(page)).toHaveAttribute('aria-rowindex', '1');

  // ← collapses the root, → opens it again.
  await expect(waterfall(page)).toHaveAttribute('aria-rowcount', total ?? 'x');
  await page.keyboard.press('ArrowLeft');
  await expect(waterfall(page)).toHaveAttribute('aria-rowcount', '1');
  await expect(page.getByTestId('span-row')).toHaveCount(1);
  await expect(waterfall(page)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(waterfall(page)).toHaveAttribute('aria-rowcount', total ?? 'x');

  // The mysql row: a short name that says it is on the critical path.
  const sql = page.getByTestId('span-row').filter({ hasText: 'SQL SELECT' }).first();
  const sqlIndex = Number(await sql.getAttribute('aria-rowindex'));
  for (let i = 1; i < sqlIndex; i++) await page.keyboard.press('j');
  await expect(sql).toHaveAttribute('aria-selected', 'true');
  expect(await activeRowLabel(page)).toMatch(/^mysql SQL SELECT, \d+ ms, on the critical path$/);
  await shootBothSchemes(page, 'keyboard-trace-focused-selected-row');

  // Enter opens the detail and moves the focus into its body; ↓ there scrolls the detail (a short
  // window makes it overflow) and leaves the selection alone.
  await page.keyboard.press('Enter');
  await expect(detailBody(page)).toBeFocused();
  await page.setViewportSize({ width: 1440, height: 520 });
  await expect.poll(() => detailBody(page).evaluate((el) => el.scrollHeight - el.clientHeight)).toBeGreaterThan(40);
  const pageScroll = await page.evaluate(() => window.scrollY);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => detailBody(page).evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(pageScroll);
  await page.keyboard.press('j');
  await expect(sql).toHaveAttribute('aria-selected', 'true');
  await page.setViewportSize({ width: 1440, height: 900 });
  // Escape closes the detail and gives the focus back to the waterfall, on the same row.
  await page.keyboard.press('Escape');
  await expect(detail(page)).toHaveCount(0);
  await expect(waterfall(page)).toBeFocused();
  await expect(sql).toHaveAttribute('aria-selected', 'true');

  // The Close button works with Enter and also returns the focus to the waterfall.
  await page.keyboard.press('Enter');
  await expect(detailBody(page)).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Close span detail' }));
  await page.keyboard.press('Enter');
  await expect(detail(page)).toHaveCount(0);
  await expect(waterfall(page)).toBeFocused();

  // / goes to find; Escape clears it and returns to the waterfall; Escape there clears the selection.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Find in trace')).toBeFocused();
  await shootBothSchemes(page, 'keyboard-trace-selected-row-focus-elsewhere');
  await page.keyboard.type('redis');
  await expect(page.getByRole('status', { name: 'Find results' })).toContainText('of');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Find in trace')).toHaveValue('');
  await expect(waterfall(page)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(selectedRow(page)).toHaveCount(0);
  await expect(waterfall(page)).toBeFocused();
});

test('Enter works on every link and button of the trace page, and the trace keys leave them alone', async ({
  page,
}) => {
  await page.goto(HOTROD_URL);
  await expect(page.getByTestId('span-row').first()).toBeVisible();

  // A slowest-span item: Enter selects it, and j on the focused button does not move the selection.
  const first = page.getByTestId('slowest-spans').getByRole('button').first();
  await first.focus();
  await page.keyboard.press('Enter');
  const id = await page.getByTestId('slowest-spans').locator('li').first().getAttribute('data-span-id');
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${id}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${id}"]`)).toHaveAttribute('aria-selected', 'true');

  // Collapse all, then the theme switch, with Enter.
  await page.getByRole('button', { name: 'Collapse all' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/level=0/);
  const theme = page.getByRole('button', { name: /^Theme:/ });
  const before = await theme.textContent();
  await theme.focus();
  await page.keyboard.press('Enter');
  await expect(theme).not.toHaveText(before ?? '');

  // The view switch with Enter and Space.
  await page.getByRole('radio', { name: 'graph' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/view=graph/);
  await page.getByRole('radio', { name: 'timeline' }).focus();
  await page.keyboard.press(' ');
  await expect(page).not.toHaveURL(/view=graph/);

  // The top bar's links work with Enter on the trace page.
  await tabTo(page, page.getByRole('link', { name: 'Dependencies' }), { back: true, max: 80 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dependencies/);
  await page.goBack();
  await expect(page.getByTestId('span-row').first()).toBeVisible();
  await page.getByRole('link', { name: 'Search' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search/);
});

test('the minimap, time axis and column resizer work from the keyboard', async ({ page }) => {
  await page.goto(HOTROD_URL);
  await expect(page.getByTestId('span-row').first()).toBeVisible();

  const axis = page.getByRole('slider', { name: 'Time axis' });
  await axis.focus();
  await expect(axis).toHaveAttribute('aria-valuetext', /^the whole trace, /);
  await page.keyboard.press('+');
  await expect(page).toHaveURL(/zoom=/);
  await expect(axis).toHaveAttribute('aria-valuetext', / to .* of /);
  await expect(page.getByTestId('minimap-window')).toBeVisible();
  const zoomed = new URL(page.url()).searchParams.get('zoom');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => new URL(page.url()).searchParams.get('zoom')).not.toBe(zoomed);
  await expect(axis).toBeFocused();
  await page.keyboard.press('0');
  await expect(page).not.toHaveURL(/zoom=/);

  const minimap = page.getByRole('slider', { name: /minimap/i });
  await minimap.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(page.getByTestId('minimap-window')).toBeVisible();
  await expect(minimap).toHaveAttribute('aria-valuenow', '38'); // a quarter of the trace, centred
  await page.keyboard.press('Home');
  await expect(minimap).toHaveAttribute('aria-valuenow', '0');
  await page.keyboard.press('Enter'); // like a click: the whole trace again
  await expect(page).not.toHaveURL(/zoom=/);
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toHaveCount(0); // arrows did not select

  const resizer = page.getByRole('separator', { name: 'Resize the span column' });
  const width = Number(await resizer.getAttribute('aria-valuenow'));
  expect(width).toBeGreaterThanOrEqual(Number(await resizer.getAttribute('aria-valuemin')));
  await resizer.focus();
  await page.keyboard.press('ArrowRight');
  await expect(resizer).toHaveAttribute('aria-valuenow', String(width + 20));
  await page.keyboard.press('Home');
  await expect(resizer).toHaveAttribute('aria-valuenow', (await resizer.getAttribute('aria-valuemin')) ?? 'x');
});

test('a focused graph node looks different from the selected one; Enter selects, Escape returns to it', async ({
  page,
}) => {
  await page.goto(`${HOTROD_URL}&view=graph`);
  const nodes = page.getByTestId('graph-node');
  await expect(nodes.first()).toBeVisible();
  const mysql = nodes.filter({ hasText: 'mysql' });
  const redis = nodes.filter({ hasText: 'redis' });
  const ringShown = (l: Locator) =>
    l.locator('[data-focus-ring]').evaluate((el) => getComputedStyle(el).visibility === 'visible');

  await tabTo(page, mysql);
  expect(await ringShown(mysql)).toBe(true);
  await page.keyboard.press('Enter');
  await expect(mysql).toHaveAttribute('aria-pressed', 'true');
  await expect(detail(page)).toBeVisible();
  // Move the focus on: redis shows the focus ring, mysql only the selection.
  await redis.focus();
  expect(await ringShown(redis)).toBe(true);
  expect(await ringShown(mysql)).toBe(false);
  await expect(mysql).toHaveAttribute('aria-pressed', 'true');
  await expect(redis).toHaveAttribute('aria-pressed', 'false');
  await shootBothSchemes(page, 'keyboard-graph-focus-and-selection');

  // Close the detail from the keyboard: the focus comes back to the selected node.
  await page.getByRole('button', { name: 'Close span detail' }).focus();
  await page.keyboard.press('Enter');
  await expect(mysql).toBeFocused();
});
