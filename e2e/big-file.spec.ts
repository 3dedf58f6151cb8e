/**
 * A big trace file, opened the way a user does (the "Open trace file" input): while the
 * worker reads it the page says how much is read, Cancel stops it with a message and leaves
 * the page working, and a file past the size limit is refused before anything is read.
 */
import { closeSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { expect, test } from './support/test';

const TRACE_ID = '0000000000000b1a0000000000000f1e';
const sid = (i: number) => (i + 1).toString(16).padStart(16, '0');

/** Compact Jaeger JSON of `n` spans, as Jaeger writes it: a chain, each span with a few tags. */
function jaegerFile(n: number): string {
  const spans: string[] = [];
  for (let i = 0; i < n; i++) {
    const parent = i === 0 ? '' : `{"refType":"CHILD_OF","traceID":"${TRACE_ID}","spanID":"${sid(i - 1)}"}`;
    spans.push(
      `{"traceID":"${TRACE_ID}","spanID":"${sid(i)}","flags":1,"operationName":"op-${i % 50}","references":[${parent}],` +
        `"startTime":${1_700_000_000_000_000 + i},"duration":${2 * (n - i)},"tags":[` +
        `{"key":"span.kind","type":"string","value":"server"},{"key":"http.route","type":"string","value":"/api/${i % 40}"},` +
        `{"key":"request.id","type":"string","value":"req-${i.toString(36)}-${'x'.repeat(200)}"}],` +
        `"logs":[],"processID":"p${i % 4}","warnings":null}`,
    );
  }
  const processes = [0, 1, 2, 3].map((p) => `"p${p}":{"serviceName":"svc-${p}","tags":[]}`).join(',');
  return `{"data":[{"traceID":"${TRACE_ID}","spans":[${spans.join(',')}],"processes":{${processes}},"warnings":null}],"total":0,"limit":0,"offset":0,"errors":null}`;
}

test('a big file shows how much is read, and Cancel stops it and leaves the page working', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const big = testInfo.outputPath('big.json');
  writeFileSync(big, jaegerFile(400_000)); // ~170 MB: seconds of reading on any machine
  const small = testInfo.outputPath('small.json');
  writeFileSync(small, jaegerFile(30));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(big);
  const status = page.getByRole('status').filter({ hasText: 'Opening big.json' });
  await expect(status).toContainText(/reading \(\d+ of \d+ MB read/);
  await status.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toContainText('Cancelled: the file was not opened');
  await expect(status).toHaveCount(0);

  // The page still works: the next file opens.
  await page.getByLabel('Open trace file').setInputFiles(small);
  await expect(page.locator('[data-testid=span-row]').first()).toBeVisible();
  await expect(page.locator('[data-testid=span-row]').first()).toContainText('op-0');
  expect(errors).toEqual([]);
});

test('a big Jaeger file is read by two workers, one per half, and shows the one trace it holds', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const n = 60_000; // ~41 MB: past the size from which a file is read in two halves
  const file = testInfo.outputPath('two-halves.json');
  writeFileSync(file, jaegerFile(n));
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(file);
  await expect(page.getByTestId('trace-span-count')).toContainText(/60,?000/, { timeout: 60_000 });
  // The page marks a load it hands to two workers; the second worker is a parse worker of its own.
  expect(await page.evaluate(() => performance.getEntriesByName('pathlight:file-split').length)).toBe(1);
  expect(workers.filter((u) => u.includes('parse-worker')).length).toBeGreaterThanOrEqual(2);
  // The first span (read by the first worker) and the last (by the second) are one chain,
  // and the processes at the file's end name the services of both halves' spans.
  await expect(page.locator('[data-testid=span-row]').first()).toContainText('op-0');
  await expect(page.locator(`[data-testid=span-row][data-span-id="${sid(0)}"]`)).toHaveAttribute(
    'data-critical-path',
    'true',
  );
  await page.getByRole('radio', { name: 'Stats' }).click();
  const rows = page.getByTestId('stats-row');
  await expect(rows).toHaveCount(4);
  // A chain: each span 2 µs longer than its child, which ends 1 µs before it: 2 µs of self time
  // each, every span on the critical path; n / 4 spans per service (processID p(i % 4)).
  for (const p of [0, 1, 2, 3]) {
    const row = page.locator(`[data-testid="stats-row"][data-group="svc-${p}"]`);
    await expect(row).toHaveAttribute('data-count', String(n / 4));
    await expect(row).toHaveAttribute('data-self-us', String((n / 4) * 2));
    await expect(row).toHaveAttribute('data-critical-us', String((n / 4) * 2));
  }
  expect(errors).toEqual([]);
});

test('a file past the size limit is refused before it is read, with the limit in words', async ({ page }, testInfo) => {
  const huge = testInfo.outputPath('huge.json');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, 1100 * 1024 * 1024); // sparse: takes no disk space
  closeSync(fd);
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(huge);
  await expect(page.getByRole('alert')).toContainText('huge.json is 1100 MB; Pathlight opens files up to 1024 MB');
});
