/**
 * Component and hook tests: a fresh QueryClient per test (no retries, nothing shared), and an
 * MSW server that answers the app's own-origin requests (/config.json, /proxy/<source>/…).
 * The trace worker runs in-process under Node (parse-client.ts), so these requests are the
 * worker's own fetches.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, renderHook, type RenderHookOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { afterEach } from 'vitest';

// Vitest runs without globals, so Testing Library cannot unmount after each test by itself.
afterEach(cleanup);

export function makeQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
}

export function withProviders(queryClient: QueryClient) {
  return function Providers({ children }: { children: ReactNode }) {
    return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  };
}

export function renderWithProviders(ui: ReactElement, queryClient = makeQueryClient()) {
  return { queryClient, ...render(ui, { wrapper: withProviders(queryClient) }) };
}

export function renderHookWithProviders<R, P>(
  hook: (props: P) => R,
  options: RenderHookOptions<P> & { queryClient?: QueryClient } = {},
) {
  const queryClient = options.queryClient ?? makeQueryClient();
  return { queryClient, ...renderHook(hook, { ...options, wrapper: withProviders(queryClient) }) };
}

/** Absolute URL for an MSW handler of a path the app asks relative to its origin. */
export const origin = (path: string) => new URL(path, window.location.origin).toString();
