/**
 * "Compare with…" on the trace page: this trace is A; B is a pasted trace id or traceparent,
 * a trace already opened in this tab, or the first trace of a file opened here (parsed in
 * the worker like any file, never uploaded). Opens /compare/<A>...<B>.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { addFileTraces, FILE_SOURCE_ID, type OpenTrace, type TraceOrigin } from '../../api/trace-loader';
import { loadInWorker } from '../../api/worker/parse-client';
import { formatDuration } from '../../lib/format';
import { compareHref, navigate } from '../../lib/router';
import { clipLabel } from '../../lib/truncate';
import { parseTraceIdInput } from '../../model/ids';
import type { Trace } from '../../model/types';
import { useFileTraceStore } from '../../state/file-trace-store';

const sourceOf = (origin: TraceOrigin): string =>
  origin.kind === 'file' ? FILE_SOURCE_ID : origin.kind === 'demo' ? 'demo' : origin.source.id;

const button =
  'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none dark:border-slate-600 dark:hover:bg-slate-800';

export function CompareWith({ trace, origin }: { trace: Trace; origin: TraceOrigin }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const queryClient = useQueryClient();
  const addFile = useFileTraceStore((s) => s.add);
  const fileRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const sourceA = sourceOf(origin);

  const go = (traceIdB: string, sourceB: string | undefined) =>
    navigate(compareHref(trace.traceId, traceIdB, sourceA, sourceB));

  // Traces open in this tab (the trace cache), newest data first, without this one.
  const recent = queryClient
    .getQueriesData<OpenTrace>({ queryKey: ['trace'] })
    .flatMap(([key, data]) => (data && key[1] !== '*' ? [{ source: String(key[1]), data }] : []))
    .filter((r) => r.data.trace.traceId !== trace.traceId)
    .slice(0, 10);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const idB = parseTraceIdInput(text);
    if (!idB) {
      setError('That is not a trace id or traceparent: paste 16 or 32 hex characters, base64, or a traceparent.');
      return;
    }
    // A backend trace is most likely compared with another from the same backend.
    go(idB, origin.kind === 'backend' ? origin.source.id : undefined);
  };

  const onFile = async (file: File) => {
    setError(undefined);
    setBusy(`Reading ${file.name}…`);
    try {
      const loaded = await loadInWorker({ kind: 'text', text: await file.text(), fileName: file.name }, {});
      const first = loaded.traces[0];
      if (!first) throw new Error(`${file.name} parsed, but it holds no spans.`);
      addFileTraces(queryClient, file.name, loaded);
      addFile(file.name, loaded.traces);
      go(first.traceId, FILE_SOURCE_ID);
    } catch (err) {
      setError(`${file.name} could not be opened: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div
      className="relative"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation(); // the trace page's own Escape (clear selection) stays untouched
          setOpen(false);
          toggleRef.current?.focus();
        }
      }}
    >
      <button ref={toggleRef} type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} className={button}>
        Compare with…
      </button>
      {open && (
        <div
          role="group"
          aria-label="Compare this trace with another"
          className="absolute right-0 z-30 mt-1 w-[26rem] max-w-[90vw] rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <form onSubmit={onSubmit} className="flex items-end gap-2">
            <label
              htmlFor={`${id}-b`}
              className="flex min-w-0 flex-1 flex-col text-xs text-slate-600 dark:text-slate-400"
            >
              Trace id or traceparent
              <input
                id={`${id}-b`}
                value={text}
                onChange={(e) => setText(e.target.value)}
                autoFocus
                className="mt-0.5 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
              />
            </label>
            <button type="submit" className={`${button} py-1`}>
              Compare
            </button>
          </form>
          {recent.length > 0 && (
            <div className="mt-3">
              <h3 className="text-xs font-semibold text-slate-700 dark:text-slate-300">Opened in this tab</h3>
              <ul className="mt-1 flex flex-col gap-1">
                {recent.map(({ source, data }) => {
                  const root = data.trace.spans[data.analysis.tree.mainRoot];
                  return (
                    <li key={`${source}:${data.trace.traceId}`}>
                      <button
                        type="button"
                        onClick={() => go(data.trace.traceId, source)}
                        className="w-full truncate rounded px-1 text-left hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none dark:hover:bg-slate-800"
                      >
                        <span className="font-mono text-xs">{data.trace.traceId.slice(0, 12)}</span>{' '}
                        {root ? clipLabel(`${root.service}: ${root.name}`, 60) : ''} ·{' '}
                        {formatDuration(data.trace.durationUs)}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          <div className="mt-3 flex items-center gap-2">
            <button type="button" className={button} onClick={() => fileRef.current?.click()}>
              Open a file as B…
            </button>
            <input
              ref={fileRef}
              type="file"
              aria-label="Open a trace file to compare with"
              className="sr-only"
              tabIndex={-1}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void onFile(f);
                e.target.value = '';
              }}
            />
            {busy !== undefined && (
              <span role="status" className="text-xs">
                {busy}
              </span>
            )}
          </div>
          {error !== undefined && (
            <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
