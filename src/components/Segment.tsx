/** One choice of a segmented control: a radio button inside a `role="radiogroup"`. */
export function Segment({
  checked,
  className = '',
  disabled,
  title,
  onSelect,
  children,
}: {
  checked: boolean;
  disabled?: boolean;
  title: string;
  onSelect: () => void;
  children: string;
  /** Extra classes, e.g. a divider between segments. */
  className?: string;
}) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={checked}
      disabled={disabled}
      title={title}
      onClick={onSelect}
      className={`${className} px-2.5 py-1 ${checked ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : 'bg-white hover:bg-slate-100 dark:bg-slate-800 dark:hover:bg-slate-700'} disabled:cursor-not-allowed disabled:opacity-40`}
    >
      {children}
    </button>
  );
}
