/**
 * deploy/Dockerfile cannot be built here (no base images), so this checks what would break it
 * silently: every file the runtime stage copies exists, it copies every module the start-up
 * script imports (following relative imports), and it runs as a non-root user with the
 * entry point the tests run (container.test.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const dockerfile = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8');
const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

/** Repository path (or, outside /src, the build image's own path) -> image path, per runtime COPY. */
function copies(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of runtime.matchAll(/^COPY --from=build (.+)$/gm)) {
    const parts = (m[1] ?? '').trim().split(/\s+/);
    const dest = parts.pop() ?? '';
    for (const p of parts) {
      const rel = p.replace(/^\/src\//, '');
      out.set(rel, dest.endsWith('/') ? `${dest}${rel.split('/').pop()}` : dest);
    }
  }
  return out;
}

/** The modules a script loads, following relative imports (iteratively). */
function localImports(start: string): string[] {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(/^import [^;]*? from '(\.[^']+)';$/gm))
      todo.push(relative(root, resolve(root, dirname(file), m[1] ?? '')));
  }
  return [...seen].sort();
}

describe('deploy/Dockerfile', () => {
  it('is multi-stage: a Node build, an nginx runtime', () => {
    expect(dockerfile).toMatch(/^FROM node:\S+ AS build$/m);
    expect(runtime).toMatch(/^\nFROM nginx:\S+$/m);
  });

  it('copies files that exist, and the built app', () => {
    const map = copies();
    expect(map.get('dist')).toBe('/usr/share/nginx/html');
    for (const rel of map.keys())
      if (rel !== 'dist' && !rel.startsWith('/')) expect(existsSync(join(root, rel)), rel).toBe(true);
  });

  it('copies every module the start-up script needs, keeping their relative layout', () => {
    const needed = localImports('deploy/container-config.mjs');
    expect(needed).toEqual([
      'deploy/container-config.mjs',
      'deploy/render-nginx.mjs',
      'deploy/run-nginx.mjs',
      'scripts/proxy/base-path.mjs',
      'scripts/proxy/header-policy.mjs',
      'scripts/proxy/sources-config.mjs',
    ]);
    const map = copies();
    for (const rel of [...needed, 'deploy/entrypoint.sh']) expect(map.get(rel), rel).toBe(`/opt/pathlight/${rel}`);
  });

  it('starts with the entry point the tests run, as a non-root user, stopping gracefully', () => {
    expect(runtime).toContain('ENTRYPOINT ["/opt/pathlight/deploy/entrypoint.sh"]');
    expect(statSync(join(root, 'deploy/entrypoint.sh')).mode & 0o111).not.toBe(0);
    const user = /^USER (\S+)$/m.exec(runtime)?.[1] ?? '';
    expect(user).toMatch(/^[1-9][0-9]*:[1-9][0-9]*$/); // numeric, so runAsNonRoot can verify it
    expect(runtime).toMatch(/^EXPOSE 8080$/m);
    expect(runtime).toMatch(/^STOPSIGNAL SIGQUIT$/m);
  });
});
