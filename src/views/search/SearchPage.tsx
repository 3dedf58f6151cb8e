import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { servicesQueryOptions } from '../../api/search/source-lists';
import type { SearchState, TraceSummary } from '../../api/search/types';
import { parseSearchParams, searchHref } from './url-state';
import { sourcesQueryOptions, type BackendSource } from '../../api/sources';
import { navigate, traceHref } from '../../lib/router';
import { useSourceStore } from '../../state/source-store';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { useSearch } from './use-search';

/** The trace page link: source, and for Tempo the trace's own time range so it is found later. */
export function resultHref(source: BackendSource, s: TraceSummary): string {
  const range =
    source.type === 'tempo'
      ? { start: String(Math.floor(s.startUnixUs / 1e6)), end: String(Math.ceil((s.startUnixUs + s.durationUs) / 1e6) + 1) }
      : {};
  return traceHref(s.traceId, { source: source.id, ...range });
}

export default function SearchPage({ params }: { params: URLSearchParams }) {
  const sources = useQuery(sourcesQueryOptions);
  const preferred = useSourceStore((s) => s.selectedSourceId);
  const paramsText = params.toString();
  const urlState = useMemo(() => parseSearchParams(new URLSearchParams(paramsText)), [paramsText]);
  const backends = sources.data ?? [];
  const urlSource = backends.find((b) => b.id === urlState.source);
  const defaultSource = backends.find((b) => b.id === preferred) ?? backends[0];
  const source = urlState.source === undefined ? defaultSource : urlSource;
  const state: SearchState = { ...urlState, source: source?.id ?? urlState.source };
  // A URL naming a source runs its search; a bare /search waits for the form.
  const search = useSearch(urlSource, urlState, urlSource !== undefined);
  const [focusToken, setFocusToken] = useState(0);
  const services = useQuery(servicesQueryOptions(source));

  if (sources.isLoading) return <p className="p-6 text-sm text-slate-500" role="status">Loading the list of sources…</p>;
  if (sources.isError) return <p className="m-6 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" role="alert">{sources.error.message}</p>;
  if (backends.length === 0)
    return (
      <div className="mx-auto mt-10 max-w-xl text-center" role="status">
        <h1 className="text-xl font-semibold">No trace backends to search</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Search needs a Jaeger, Tempo or Zipkin source in this Pathlight&apos;s config.json. The demo traces and opened files are on the start page.
        </p>
      </div>
    );

  const submit = (next: SearchState) => {
    const href = searchHref({ ...next, sort: urlState.sort });
    setFocusToken((t) => t + 1);
    if (href === window.location.pathname + window.location.search) search.refetch();
    else navigate(href);
  };

  return (
    <div className="flex flex-col gap-4 p-4 lg:h-[calc(100vh-3.1rem)] lg:flex-row">
      <aside className="shrink-0 lg:w-72 lg:overflow-y-auto xl:w-80">
        <h1 className="mb-3 text-lg font-semibold">Search traces</h1>
        <SearchForm key={`${paramsText}|${source?.id ?? ''}`} initial={state} backends={backends} onSubmit={submit} />
      </aside>
      <section className="flex min-h-[480px] min-w-0 flex-1 flex-col gap-2" aria-label="Results">
        {urlState.source !== undefined && !urlSource ? (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            This link names the source &quot;{urlState.source}&quot;, which this Pathlight does not have (it has: {backends.map((b) => b.id).join(', ')}).
          </p>
        ) : (
          <SearchResults
            source={source}
            state={urlState}
            search={search}
            servicesEmpty={services.isSuccess && services.data.length === 0}
            onSort={(sort) => navigate(searchHref({ ...urlState, sort }), { replace: true })}
            onOpen={(s) => source && navigate(resultHref(source, s))}
            hrefOf={(s) => (source ? resultHref(source, s) : '#')}
            focusToken={focusToken}
          />
        )}
      </section>
    </div>
  );
}
