/**
 * A sortable column header shared by the statistics view and the span table: a button (so
 * Enter and Space sort) inside the header cell, which carries aria-sort for screen readers.
 */
import type { ReactNode } from 'react';

interface Props {
  readonly column: string;
  readonly label: ReactNode;
  readonly sort: { readonly column: string; readonly desc: boolean };
  readonly onSort: (column: string) => void;
  readonly align?: 'left' | 'right';
  readonly role?: 'columnheader';
  readonly className?: string;
}

export function SortHeader({ column, label, sort, onSort, align = 'right', role, className = '' }: Props) {
  const active = sort.column === column;
  const ariaSort = active ? (sort.desc ? 'descending' : 'ascending') : 'none';
  const Cell = role ? 'div' : 'th';
  return (
    <Cell role={role} aria-sort={ariaSort} scope={role ? undefined : 'col'} className={`p-0 font-medium ${className}`}>
      <button
        type="button"
        onClick={() => onSort(column)}
        className={`flex w-full items-center gap-1 px-2 py-1.5 whitespace-nowrap hover:bg-slate-100 dark:hover:bg-slate-800 ${align === 'right' ? 'justify-end text-right' : 'text-left'} ${active ? 'text-slate-900 dark:text-white' : 'text-slate-600 dark:text-slate-300'}`}
      >
        {label}
        <span aria-hidden className="w-2 text-[10px]">
          {active ? (sort.desc ? '▼' : '▲') : ''}
        </span>
      </button>
    </Cell>
  );
}
