/** A labelled form field of the search form, with an optional hint below it. */
import type { ReactNode } from 'react';

export const fieldClass =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800';
const labelText = 'mb-0.5 block text-xs font-medium text-slate-600 dark:text-slate-400';

export function Field({
  label,
  htmlFor,
  children,
  hint,
}: {
  label: string;
  htmlFor: string;
  children: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={htmlFor} className={labelText}>
        {label}
      </label>
      {children}
      {hint && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
    </div>
  );
}
