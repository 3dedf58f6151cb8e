import { demoSources } from '../../api/demo-source';
import { navigate, traceHref } from '../../lib/router';
import { withBase } from '../../lib/base-path';
import type { FileOpener } from '../../state/open-file-store';
import { useFileTraceStore } from '../../state/file-trace-store';
import { formatCount, formatDuration } from '../../lib/format';
import { OpenFilePanel } from './OpenFilePanel';

export function HomePage({ fileOpener }: { fileOpener: FileOpener }) {
  const lastFile = useFileTraceStore((s) => s.lastFile);

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-8 px-4 py-8" data-app-ready="true">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Which service made it slow?</h1>
        <p className="mt-1 max-w-2xl text-slate-600 dark:text-slate-300">
          Open a trace and Pathlight says in one line where the time went: the critical path, the slowest spans and the
          services behind them. Files are analysed in your browser and never uploaded.
        </p>
      </section>

      <OpenFilePanel fileOpener={fileOpener} />

      {lastFile && lastFile.traces.length > 1 && (
        <section aria-labelledby="file-traces-heading">
          <h2 id="file-traces-heading" className="text-lg font-semibold">
            {lastFile.traces.length} traces in {lastFile.fileName}
          </h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
            {lastFile.traces.map((t) => {
              const id = t.traceId;
              return (
                <li key={id}>
                  <a
                    href={withBase(traceHref(id, { source: 'file' }))}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(traceHref(id, { source: 'file' }));
                    }}
                    className="flex justify-between gap-4 px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-900"
                  >
                    <span className="font-mono text-sm">{id}</span>
                    <span className="text-sm text-slate-500 dark:text-slate-400">
                      {t.spanCount} spans · {formatDuration(t.durationUs)}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <section aria-labelledby="demo-heading">
        <h2 id="demo-heading" className="text-lg font-semibold">
          Demo traces
        </h2>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Built into Pathlight, generated in your browser: no backend needed.
        </p>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {demoSources().map((demo) => {
            const href = traceHref(demo.traceId, { source: 'demo' });
            return (
              <li key={demo.id}>
                <a
                  href={withBase(href)}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(href);
                  }}
                  className="flex h-full flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-sky-400 hover:shadow dark:border-slate-800 dark:bg-slate-900 dark:hover:border-sky-600"
                >
                  <span className="font-medium">{demo.title}</span>
                  <span className="mt-1 flex-1 text-sm text-slate-600 dark:text-slate-300">{demo.description}</span>
                  <span className="mt-2 text-xs text-slate-500 dark:text-slate-400">
                    {formatCount(demo.spanCountHint)} spans
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
