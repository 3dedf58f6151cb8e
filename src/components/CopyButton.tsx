import { useState } from 'react';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className="rounded px-1 font-sans text-slate-500 hover:bg-slate-200 dark:text-slate-400 dark:hover:bg-slate-700"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          },
          (err: unknown) => console.warn('Copy failed', err),
        );
      }}
    >
      {copied ? 'copied' : 'copy'}
    </button>
  );
}
