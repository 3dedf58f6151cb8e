/** "Copy summary": the selected span in a few lines plus its permalink, to the clipboard. */
import { useEffect, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

export function CopySummaryButton({ summary }: { summary: () => string }) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    // The clipboard may be missing (plain http) or denied: say so instead of doing nothing.
    if (!navigator.clipboard) {
      setState('failed');
      return;
    }
    navigator.clipboard.writeText(summary()).then(
      () => setState('copied'),
      (err: unknown) => {
        console.warn('Copy summary failed', err);
        setState('failed');
      },
    );
  };
  return (
    <>
      <button
        type="button"
        onClick={copy}
        className="shrink-0 rounded border border-slate-300 px-2 py-0.5 text-xs whitespace-nowrap hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        Copy summary
      </button>
      <span role="status" className="sr-only">
        {state === 'copied'
          ? 'Summary copied'
          : state === 'failed'
            ? 'Could not copy: the clipboard is not available'
            : ''}
      </span>
      {state !== 'idle' && (
        <span
          aria-hidden
          className={`shrink-0 text-xs ${state === 'failed' ? 'text-red-700 dark:text-red-300' : 'text-emerald-700 dark:text-emerald-300'}`}
        >
          {state === 'copied' ? 'Copied' : 'Copy failed'}
        </span>
      )}
    </>
  );
}
