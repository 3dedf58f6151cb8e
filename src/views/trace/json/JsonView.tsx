/**
 * view=json: the trace's JSON as its source returned it, got again on demand
 * (api/raw-trace.ts) and kept only while this view is open. It is shown pretty-printed and
 * virtualized: json-lines.ts indexes the display lines over the original text, so a 60 MB
 * answer is neither copied nor laid out whole; a very long value is clipped on its line.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Trace } from '../../../model/types';
import type { TraceOrigin } from '../../../api/trace-loader';
import { rawTraceSource } from '../../../api/raw-trace';
import { jsonLines, jsonLineText } from '../../../lib/json-lines';
import { moreCharacters } from '../../../lib/truncate';
import { formatCount } from '../../../lib/format';

const LINE_PX = 18;
const LINE_CHARS = 2_000;
const MAX_INDENT = 40;

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'ready'; readonly text: string };

export function JsonView({ trace, origin }: { trace: Trace; origin: TraceOrigin }) {
  const raw = useMemo(() => rawTraceSource(origin, trace.traceId), [origin, trace.traceId]);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!raw) return;
    const abort = new AbortController();
    setLoaded({ status: 'loading' });
    raw.load(abort.signal).then(
      (text) => setLoaded({ status: 'ready', text }),
      (err: unknown) => {
        if (!abort.signal.aborted)
          setLoaded({ status: 'failed', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => abort.abort();
  }, [raw, attempt]);

  return (
    <section
      aria-label="Trace JSON"
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <p className="border-b border-slate-200 px-3 py-1.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
        {raw
          ? `The trace ${raw.describe}.`
          : 'The original JSON of this trace is not available any more; Download OTLP/JSON writes it from the model.'}
        {loaded.status === 'ready' && ` ${formatCount(loaded.text.length)} characters.`}
      </p>
      {!raw ? null : loaded.status === 'loading' ? (
        <p role="status" className="p-4 text-sm text-slate-600 dark:text-slate-300">
          Loading the JSON…
        </p>
      ) : loaded.status === 'failed' ? (
        <div role="alert" className="p-4 text-sm text-red-700 dark:text-red-400">
          The JSON could not be loaded: {loaded.message}{' '}
          <button type="button" className="underline" onClick={() => setAttempt((a) => a + 1)}>
            Try again
          </button>
        </div>
      ) : (
        <JsonLinesView text={loaded.text} />
      )}
    </section>
  );
}

function JsonLinesView({ text }: { text: string }) {
  const lines = useMemo(() => jsonLines(text), [text]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_PX,
    overscan: 20,
  });
  const digits = String(lines.count).length;
  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={`JSON, ${formatCount(lines.count)} lines`}
      data-testid="trace-json"
      className="min-h-0 flex-1 overflow-auto bg-white font-mono dark:bg-slate-900 text-xs outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset"
    >
      <div className="relative min-w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((it) => {
          const line = jsonLineText(text, lines, it.index, LINE_CHARS);
          const depth = Math.min(lines.depth[it.index] ?? 0, MAX_INDENT);
          return (
            <div
              key={it.key}
              data-testid="json-line"
              className="absolute left-0 flex whitespace-pre"
              style={{ top: it.start, height: LINE_PX }}
            >
              <span
                aria-hidden
                className="shrink-0 pr-3 pl-2 text-right text-slate-500 select-none dark:text-slate-400"
                style={{ width: `${digits + 3}ch` }}
              >
                {it.index + 1}
              </span>
              <span style={{ paddingLeft: `${depth * 2}ch` }}>{line.text}</span>
              {line.more > 0 && (
                <span className="pl-2 text-slate-500 italic dark:text-slate-400">{moreCharacters(line.more)}</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
