/** The shared trace fixtures (real files from public Apache-2.0 projects), found beside the repo. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../../shared/fixtures');

export function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const dir of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(FIXTURES_DIR, dir.name))) if (f.endsWith('.json')) files.push(join(dir.name, f));
  }
  return files.sort();
}
