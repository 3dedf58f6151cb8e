import { traceToOtlpJson } from './export-otlp';

/** A trace opened from a file has no server behind its link: say so, and offer the file. */
export function FileNotice({ trace, fileName }: { trace: Trace; fileName: string }) {
  const download = () => {
    const blob = new Blob([traceToOtlpJson(trace)], { type: 'application/json' });
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = `trace-${trace.traceId}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  };
  return (
    <p
      role="status"
      className="mt-3 flex flex-wrap items-center gap-2 rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      This trace came from the file {fileName}, which never left your browser: its link works only where the file is
      open. Share the file with the link.
      <button
        type="button"
        onClick={download}
        className="rounded bg-sky-700 px-2.5 py-1 text-xs font-medium text-white hover:bg-sky-800 dark:bg-sky-300 dark:text-sky-950"
      >
        Download JSON
      </button>
    </p>
  );
}
import type { Trace } from '../../model/types';
