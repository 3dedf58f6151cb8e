import { useEffect, useRef } from 'react';
import { useTraceViewStore } from '../../state/trace-view-store';
import { SHORTCUTS } from './use-trace-keyboard';

/** The keyboard shortcut list (press ?); Esc or the button closes it. */
export function ShortcutsDialog() {
  const open = useTraceViewStore((s) => s.shortcutsOpen);
  const setOpen = useTraceViewStore((s) => s.setShortcutsOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label="Keyboard shortcuts"
      onClose={() => setOpen(false)}
      className="m-auto w-[30rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 className="font-semibold">Keyboard shortcuts</h2>
      <dl className="mt-3 grid grid-cols-[8.5rem_1fr] gap-y-1.5 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                {keys}
              </kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        onClick={() => setOpen(false)}
        className="mt-4 rounded bg-slate-800 px-3 py-1 text-sm text-white dark:bg-slate-200 dark:text-slate-900"
      >
        Close
      </button>
    </dialog>
  );
}
