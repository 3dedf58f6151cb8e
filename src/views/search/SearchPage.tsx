import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { servicesQueryOptions } from '../../api/search/source-lists';
import type { SearchState, TraceSummary } from '../../api/search/types';
import { parseSearchParams, searchHref } from './url-state';
import { clientFor, type ClientSource } from '../../api/client';
import { DEMO_SOURCE, sourcesQueryOptions } from '../../api/sources';
import { traceLinkParams } from '../../api/trace-range';
import { currentHref, navigate, traceHref } from '../../lib/router';
import { useSourceStore } from '../../state/source-store';
import { SearchForm } from './SearchForm';
import { SearchResults } from './SearchResults';
import { useSearch } from './use-search';

/** The trace page link: the source, and the trace's own time range when the source needs one to find it later. */
export function resultHref(source: ClientSource, s: TraceSummary): string {
  return traceHref(
    s.traceId,
    traceLinkParams(source.id, clientFor(source).capabilities.traceNeedsTimeRange, s.startUnixUs, s.durationUs),
  );
}

export default function SearchPage({ params }: { params: URLSearchParams }) {
  const sources = useQuery(sourcesQueryOptions);
  const preferred = useSourceStore((s) => s.selectedSourceId);
  const paramsText = params.toString();
  const urlState = useMemo(() => parseSearchParams(new URLSearchParams(paramsText)), [paramsText]);
  const backends = sources.data ?? [];
  // The demo source is always there, so search works with no backend configured.
  const all: readonly ClientSource[] = [...backends, DEMO_SOURCE];
  const urlSource = all.find((b) => b.id === urlState.source);
  const defaultSource = all.find((b) => b.id === preferred) ?? all[0];
  const source = urlState.source === undefined ? defaultSource : urlSource;
  const state: SearchState = { ...urlState, source: source?.id ?? urlState.source };
  // A URL naming a source runs its search; a bare /search waits for the form.
  const search = useSearch(urlSource, urlState, urlSource !== undefined);
  const [focusToken, setFocusToken] = useState(0);
  const services = useQuery(servicesQueryOptions(source, urlState.range));

  if (sources.isLoading)
    return (
      <p className="p-6 text-sm text-slate-500" role="status">
        Loading the list of sources…
      </p>
    );
  if (sources.isError)
    return (
      <p
        className="m-6 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        role="alert"
      >
        {sources.error.message}
      </p>
    );

  // "Where the time went" is part of the view: aggregate=1 keeps it open in a permalink (a new
  // search closes it; a new sort keeps it).
  const aggregateOpen = params.get('aggregate') === '1';
  const withAggregate = (href: string, open = aggregateOpen) =>
    open ? `${href}${href.includes('?') ? '&' : '?'}aggregate=1` : href;

  const submit = (next: SearchState) => {
    const href = searchHref({ ...next, sort: urlState.sort });
    setFocusToken((t) => t + 1);
    if (href === currentHref()) search.refetch();
    else navigate(href);
  };

  return (
    <div className="flex flex-col gap-4 p-4 lg:h-[calc(100vh-3.1rem)] lg:flex-row">
      <aside className="shrink-0 lg:w-72 lg:overflow-y-auto xl:w-80">
        <h1 className="mb-3 text-lg font-semibold">Search traces</h1>
        <SearchForm key={`${paramsText}|${source?.id ?? ''}`} initial={state} backends={backends} onSubmit={submit} />
      </aside>
      <section
        className="flex min-h-[480px] min-w-0 flex-1 flex-col gap-2"
        aria-label="Results"
        data-app-ready={
          search.status === 'loading' || (search.status === 'ready' && search.refreshing) || services.isLoading
            ? 'false'
            : 'true'
        }
      >
        {urlState.source !== undefined && !urlSource ? (
          <p
            role="alert"
            className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          >
            This link names the source &quot;{urlState.source}&quot;, which this Pathlight does not have (it has:{' '}
            {all.map((b) => b.id).join(', ')}).
          </p>
        ) : (
          <SearchResults
            source={source}
            state={urlState}
            search={search}
            servicesEmpty={services.isSuccess && services.data.length === 0}
            onSort={(sort) => navigate(withAggregate(searchHref({ ...urlState, sort })), { replace: true })}
            onOpen={(s) => source && navigate(resultHref(source, s))}
            hrefOf={(s) => (source ? resultHref(source, s) : '#')}
            focusToken={focusToken}
            aggregateOpen={aggregateOpen}
            onAggregateOpen={(open) => navigate(withAggregate(searchHref(urlState), open), { replace: true })}
          />
        )}
      </section>
    </div>
  );
}
