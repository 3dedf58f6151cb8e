import { useOpenFileStore } from '../../state/open-file-store';

/** A file dropped or pasted on the trace page: its progress, or why it could not be opened. */
export function OpenFileStatus() {
  const state = useOpenFileStore((s) => s.state);
  const set = useOpenFileStore((s) => s.set);
  if (state.status === 'idle') return null;
  if (state.status === 'loading') {
    return (
      <p
        role="status"
        className="flex items-center gap-2 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm dark:border-sky-800 dark:bg-sky-950"
      >
        <span
          className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-sky-500 border-t-transparent"
          aria-hidden
        />
        Opening {state.fileName}: {state.phase}
        {state.amount === undefined ? '' : ` (${state.amount})`}…
      </p>
    );
  }
  return (
    <div
      role="alert"
      className="flex items-start gap-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium">Could not open {state.fileName}</p>
        <p className="mt-1 break-words whitespace-pre-wrap">{state.message}</p>
      </div>
      <button
        type="button"
        onClick={() => set({ status: 'idle' })}
        className="rounded px-1.5 hover:bg-red-100 dark:hover:bg-red-900"
        aria-label="Dismiss"
      >
        ✕
      </button>
    </div>
  );
}
