/**
 * Loads the first page needs, started before React renders it: the public config and, on a
 * trace link, the trace worker and the trace itself. Its fetch and parse then overlap the first
 * render instead of following it. The page reads the same cache entries, so nothing loads twice,
 * and a failure is left in the cache for the page to show.
 */
import type { QueryClient } from '@tanstack/react-query';
import { publicConfigQueryOptions } from '../api/sources';
import { FILE_SOURCE_ID, traceQueryOptions } from '../api/trace-loader';
import { warmTraceWorker } from '../api/worker/parse-client';
import type { Route } from '../lib/router';
import { normalizeTraceId } from '../model/ids';
import { traceUrlCodec } from '../views/trace/url-state';

export function startBootLoads(queryClient: QueryClient, route: Route): void {
  const config = queryClient.fetchQuery(publicConfigQueryOptions);
  if (route.name !== 'trace') {
    config.catch(() => undefined); // the page that needs the config shows its error
    return;
  }
  const traceId = normalizeTraceId(route.traceId);
  const url = traceUrlCodec.decode(route.params);
  const source = url.source ?? null;
  if (!traceId || source === FILE_SOURCE_ID) return;
  warmTraceWorker();
  const range = { startS: url.startS, endS: url.endS };
  const backends = source === 'demo' ? Promise.resolve([]) : config.then((c) => c.sources);
  backends
    .then((list) => queryClient.prefetchQuery(traceQueryOptions(queryClient, traceId, source, list, range)))
    .catch(() => undefined);
}
