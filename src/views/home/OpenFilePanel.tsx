import { useId } from 'react';
import type { FileOpener } from '../../state/open-file-store';

/** "Open trace file": a labelled file input, progress while parsing, and a named error. */
export function OpenFilePanel({ fileOpener }: { fileOpener: FileOpener }) {
  const inputId = useId();
  const { state, openFile, cancel } = fileOpener;
  return (
    <section
      aria-labelledby={`${inputId}-h`}
      className="rounded-lg border-2 border-dashed border-slate-300 p-6 dark:border-slate-700"
    >
      <h2 id={`${inputId}-h`} className="text-lg font-semibold">
        Open a trace file
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Jaeger JSON, Jaeger API v3, OTLP/JSON, Tempo or Zipkin v2. Choose a file, or drop it anywhere on this page.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <label
          htmlFor={inputId}
          className="cursor-pointer rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 focus-within:ring-2"
        >
          Open trace file
        </label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json,text/plain"
          className="sr-only"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) openFile(file);
            e.currentTarget.value = ''; // so the same file can be chosen again
          }}
        />
        {state.status === 'loading' && (
          <span role="status" className="flex items-center gap-2 text-sm">
            <span
              className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-sky-500 border-t-transparent"
              aria-hidden
            />
            Opening {state.fileName}: {state.phase}
            {state.amount === undefined ? '' : ` (${state.amount})`}…
            <button type="button" onClick={cancel} className="underline">
              Cancel
            </button>
          </span>
        )}
      </div>
      {state.status === 'failed' && (
        <div
          role="alert"
          className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <p className="font-medium">Could not open {state.fileName}</p>
          <p className="mt-1 whitespace-pre-wrap break-words">{state.message}</p>
        </div>
      )}
    </section>
  );
}
