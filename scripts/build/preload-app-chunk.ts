/**
 * The app's entry (src/app/main.ts) is tiny and loads the app with a dynamic import, so it can
 * start the trace worker and ask for the config while the app's code loads. Vite preloads a
 * dynamic import's files only when the import runs; this plugin lists them in index.html as
 * modulepreload links instead, so they download alongside the entry, as a static import would.
 * It also keeps every module the app imports statically in the app's one chunk: left alone, the
 * bundler splits what the app shares with its lazy pages into many small chunks (it cannot know
 * the app always loads first), and each is one more request queued behind the browser's six
 * connections to the server, ahead of the trace worker's script and the config.
 */
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/** The chunk built from `module` and every chunk it imports statically, transitively, in load order. */
export function chunkFilesOf(bundle: OutputBundle, module: string): string[] {
  const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
  const root = chunks.find((c) => c.moduleIds.some((id) => id.endsWith(module)));
  if (!root) return [];
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const out: string[] = [];
  const stack = [root.fileName];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (out.includes(file)) continue;
    out.push(file);
    for (const dep of byFile.get(file)?.imports ?? []) stack.push(dep);
  }
  return out;
}

/** `entryModule` imports `appModule` dynamically (paths from the project's root). */
export function preloadAppChunk(entryModule: string, appModule: string): Plugin {
  const appModules = new Set<string>();
  return {
    name: 'pathlight-preload-app-chunk',
    apply: 'build',
    config: () => ({
      build: {
        // The app is one chunk on purpose (above): warn only well past its size.
        chunkSizeWarningLimit: 800,
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                { name: 'start-app', test: (id: string) => appModules.has(id), includeDependenciesRecursively: false },
              ],
            },
          },
        },
      },
    }),
    buildEnd() {
      // What the entry itself imports stays in the entry's chunk, which must not wait for the app's.
      const ids = [...this.getModuleIds()];
      const closure = (roots: string[]) => {
        const seen = new Set<string>();
        const stack = [...roots];
        while (stack.length > 0) {
          const id = stack.pop() as string;
          if (seen.has(id)) continue;
          seen.add(id);
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const entry = closure(ids.filter((id) => id.endsWith(entryModule)));
      for (const id of closure(ids.filter((id) => id.endsWith(appModule)))) if (!entry.has(id)) appModules.add(id);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const entry = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry);
        const skip = new Set(entry?.type === 'chunk' ? [entry.fileName, ...entry.imports] : []);
        const tags: HtmlTagDescriptor[] = chunkFilesOf(ctx.bundle, appModule)
          .filter((file) => !skip.has(file))
          .map((file) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
            injectTo: 'head',
          }));
        return { html, tags };
      },
    },
  };
}
