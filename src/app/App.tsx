import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { navigate, routeKey, useRoute } from '../lib/router';
import { TopBar } from './TopBar';
import { HomePage } from '../views/home/HomePage';
import { TracePage } from '../views/trace/TracePage';
import { useOpenFile } from './use-open-file';
import { FileDropZone } from '../components/FileDropZone';

const SearchPage = lazy(() => import('../views/search/SearchPage'));
const DependenciesPage = lazy(() => import('../views/dependencies/DependenciesPage'));
const ComparePage = lazy(() => import('../views/compare/ComparePage'));

const MAIN_ID = 'main-content';

/** The first Tab stop: jumps past the top bar (focus moves without touching the URL's hash). */
function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      onClick={(e) => {
        e.preventDefault();
        document.getElementById(MAIN_ID)?.focus();
      }}
      className="sr-only rounded bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow ring-2 ring-sky-700 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 dark:bg-slate-900 dark:text-slate-50 dark:ring-sky-300"
    >
      Skip to main content
    </a>
  );
}

/** The app's one query cache; main.tsx makes it before the first render, to start loads early. */
export const makeAppQueryClient = () =>
  new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

export function App({ queryClient }: { queryClient: QueryClient }) {
  // Opening a file puts its traces in the query cache, so everything runs inside the provider.
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}

function Shell() {
  const route = useRoute();
  const fileOpener = useOpenFile();

  let page;
  switch (route.name) {
    case 'home':
      page = <HomePage fileOpener={fileOpener} />;
      break;
    case 'trace':
      page = <TracePage key={route.traceId} traceId={route.traceId} />;
      break;
    case 'search':
      page = (
        <Suspense
          fallback={
            <p role="status" className="p-6 text-sm text-slate-500">
              Loading search…
            </p>
          }
        >
          <SearchPage params={route.params} />
        </Suspense>
      );
      break;
    case 'dependencies':
      page = (
        <Suspense
          fallback={
            <p role="status" className="p-6 text-sm text-slate-500">
              Loading dependencies…
            </p>
          }
        >
          <DependenciesPage params={route.params} />
        </Suspense>
      );
      break;
    case 'compare':
      page = (
        <Suspense
          fallback={
            <p role="status" className="p-6 text-sm text-slate-500">
              Loading compare…
            </p>
          }
        >
          <ComparePage traceIdA={route.traceIdA} traceIdB={route.traceIdB} />
        </Suspense>
      );
      break;
    case 'not-found':
      page = (
        <div role="alert" className="mx-auto mt-10 max-w-xl text-center">
          <h1 className="text-xl font-semibold break-words">Nothing lives at {route.path}</h1>
          {route.reason !== undefined && <p className="mt-2 text-sm">{route.reason}</p>}
          <button type="button" className="mt-4 underline" onClick={() => navigate('/')}>
            Go to the start page
          </button>
        </div>
      );
      break;
  }

  return (
    <FileDropZone onFile={fileOpener.openFile}>
      <div className="flex min-h-screen flex-col">
        <SkipLink />
        <TopBar />
        <main id={MAIN_ID} tabIndex={-1} className="flex-1 outline-none">
          <ErrorBoundary key={routeKey(route)}>{page}</ErrorBoundary>
        </main>
      </div>
    </FileDropZone>
  );
}
