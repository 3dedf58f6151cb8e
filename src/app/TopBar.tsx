import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { sourcesQueryOptions } from '../api/sources';
import { SourceOptions } from '../components/SourceOptions';
import { parseTraceIdInput } from '../model/ids';
import { useSourceStore } from '../state/source-store';
import { useThemeStore, type ThemeChoice } from '../state/theme-store';
import { navigate, traceHref } from '../lib/router';
import { withBase } from '../lib/base-path';

export function TopBar() {
  return (
    <header className="flex min-h-12 flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-slate-50 px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
      <a
        href={withBase('/')}
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
        className="flex items-center gap-2 font-semibold tracking-tight"
      >
        <img src={withBase('/favicon.svg')} alt="" className="h-6 w-6" />
        Pathlight
      </a>
      <span className="hidden text-sm text-slate-500 md:inline dark:text-slate-400">where did the time go?</span>
      <NavLink href="/search">Search</NavLink>
      <NavLink href="/dependencies">Dependencies</NavLink>
      <div className="ml-auto flex items-center gap-2">
        <SourcePicker />
        <OpenById />
        <ThemeSwitch />
      </div>
    </header>
  );
}

/** An in-app link: a plain click navigates without a reload; a modified click opens a tab as usual. */
function NavLink({ href, children }: { href: string; children: string }) {
  return (
    <a
      href={withBase(href)}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(href);
      }}
      className="text-sm font-medium text-slate-700 hover:underline dark:text-slate-300"
    >
      {children}
    </a>
  );
}

function SourcePicker() {
  const { data: backends = [] } = useQuery(sourcesQueryOptions);
  const selected = useSourceStore((s) => s.selectedSourceId);
  const select = useSourceStore((s) => s.select);
  if (backends.length === 0) return null; // only the demo source: nothing to pick
  return (
    <label className="flex items-center gap-1.5 text-sm">
      <span className="text-slate-500 dark:text-slate-400">Source</span>
      <select
        value={selected ?? ''}
        onChange={(e) => select(e.currentTarget.value || undefined)}
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-800"
      >
        <option value="">Any source</option>
        <SourceOptions backends={backends} withDemo />
      </select>
    </label>
  );
}

function OpenById() {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const selected = useSourceStore((s) => s.selectedSourceId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const traceId = parseTraceIdInput(text);
    if (!traceId) {
      setError(
        text.trim()
          ? 'Not a trace id: paste 16 or 32 hex characters, base64, or a traceparent header.'
          : 'Paste a trace id first.',
      );
      return;
    }
    setError(undefined);
    setText('');
    navigate(traceHref(traceId, { source: selected }));
  };
  return (
    <form onSubmit={submit} className="relative flex items-center gap-1.5" role="search" aria-label="Open trace by id">
      <label htmlFor={id} className="sr-only">
        Trace id
      </label>
      <input
        id={id}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setError(undefined);
        }}
        placeholder="Trace id or traceparent"
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        className="w-72 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-700 dark:bg-slate-800"
      />
      <button
        type="submit"
        className="rounded bg-slate-800 px-3 py-1 text-sm text-white dark:bg-slate-200 dark:text-slate-900"
      >
        Open
      </button>
      {error && (
        <p
          id={`${id}-err`}
          role="alert"
          className="absolute top-full right-0 z-10 mt-1 w-80 rounded border border-red-300 bg-red-50 p-2 text-xs text-red-900 shadow dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {error}
        </p>
      )}
    </form>
  );
}

const THEME_LABEL: Record<ThemeChoice, string> = {
  system: 'Theme: system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};
const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };

function ThemeSwitch() {
  const choice = useThemeStore((s) => s.choice);
  const setChoice = useThemeStore((s) => s.setChoice);
  return (
    <button
      type="button"
      onClick={() => setChoice(NEXT_THEME[choice])}
      title={`${THEME_LABEL[choice]} (click to change)`}
      className="rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700"
    >
      {THEME_LABEL[choice]}
    </button>
  );
}
