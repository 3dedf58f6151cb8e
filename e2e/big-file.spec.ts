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

test('a file past the size limit is refused before it is read, with the limit in words', async ({ page }, testInfo) => {
  const huge = testInfo.outputPath('huge.json');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, 1100 * 1024 * 1024); // sparse: takes no disk space
  closeSync(fd);
  await page.goto('/');
  await page.getByLabel('Open trace file').setInputFiles(huge);
  await expect(page.getByRole('alert')).toContainText('huge.json is 1100 MB; Pathlight opens files up to 1024 MB');
});
