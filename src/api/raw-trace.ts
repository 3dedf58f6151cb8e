/**
 * A trace's JSON as its source gave it (view=json, "Download JSON as fetched"). The worker
 * parses the answer and drops its text, so a big trace is never held twice; the text is got
 * again only when asked for: a backend trace is fetched again from the URL that answered
 * (the browser's cache often serves it), a file is read again from the File the page still
 * holds, and a demo trace is generated again from its id. The caller keeps the text only
 * while it is on screen.
 */
import { findDemoByTraceId } from './demo-source';
import { fetchText } from './http';
import type { TraceOrigin } from './trace-loader';

export interface RawSource {
  /** Where the text comes from, for the view's caption. */
  readonly describe: string;
  readonly load: (signal: AbortSignal) => Promise<string>;
}

export function rawTraceSource(origin: TraceOrigin, traceId: string): RawSource | undefined {
  switch (origin.kind) {
    case 'backend': {
      const { rawUrl, source } = origin;
      if (!rawUrl) return undefined;
      return {
        describe: `as ${source.name} returned it (${rawUrl.split('?')[0] ?? rawUrl})`,
        load: (signal) => fetchText(rawUrl, { signal, sourceName: source.name, sourceId: source.id }),
      };
    }
    case 'file': {
      const { readText, fileName } = origin;
      if (!readText) return undefined;
      return { describe: `as the file ${fileName} holds it`, load: () => readText() };
    }
    case 'demo': {
      const demo = findDemoByTraceId(traceId);
      if (!demo) return undefined;
      return {
        describe: 'as the demo generator makes it (OTLP/JSON)',
        load: async () => {
          const { generateDemo } = await import('../demo/generate');
          const options = demo.spans === undefined ? { seed: demo.seed } : { seed: demo.seed, spans: demo.spans };
          return JSON.stringify(generateDemo(demo.id, options));
        },
      };
    }
  }
}

/** Saves text as a file through a temporary object URL. */
export function downloadText(text: string, fileName: string): void {
  const blob = new Blob([text], { type: 'application/json' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
