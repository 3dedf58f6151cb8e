import { navigate } from './router';

export function TopBar() {
  return (
    <header className="flex h-12 items-center gap-4 border-b border-slate-200 bg-slate-50 px-4 dark:border-slate-800 dark:bg-slate-900">
      <a
        href="/"
        onClick={(e) => {
          e.preventDefault();
          navigate('/');
        }}
        className="flex items-center gap-2 font-semibold tracking-tight"
      >
        <img src="/favicon.svg" alt="" className="h-6 w-6" />
        Pathlight
      </a>
      <span className="text-sm text-slate-500 dark:text-slate-400">where did the time go?</span>
    </header>
  );
}
