// Launch Debian's Chromium through playwright-core (never a downloaded browser).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export class ChromiumMissingError extends Error {
  constructor() {
    super(
      `Chromium is not installed at ${CHROMIUM_PATH}.\nInstall Debian's package:  apt-get install chromium\n(or set CHROMIUM_PATH to an existing Chromium binary; the benchmark never downloads a browser)`,
    );
    this.name = 'ChromiumMissingError';
  }
}

/** A persistent context in a temp profile; close() also removes the profile. */
export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) throw new ChromiumMissingError();
  const userDataDir = await mkdtemp(join(tmpdir(), 'pathlight-bench-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--js-flags=--expose-gc',
    ],
    viewport: { width: 1280, height: 800 },
  });
  const version = context.browser()?.version() ?? 'unknown';
  return {
    context,
    version,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
