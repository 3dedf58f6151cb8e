/**
 * Ways into the compare page from search results: two picked results, or a result and "a
 * typical one": the median-duration trace among the results with the same root service and
 * operation (itself left out).
 */
import { clientFor, type ClientSource } from '../../api/client';
import type { TraceSummary } from '../../api/search/types';
import { traceTimeRange } from '../../api/trace-range';
import { compareHref } from '../../lib/router';

export function typicalTrace(results: readonly TraceSummary[], s: TraceSummary): TraceSummary | undefined {
  const peers = results
    .filter((r) => r.traceId !== s.traceId && r.rootService === s.rootService && r.rootName === s.rootName)
    .sort((x, y) => x.durationUs - y.durationUs || (x.traceId < y.traceId ? -1 : 1));
  // The lower median of an even count: an observed trace, never an average of two.
  return peers[Math.floor((peers.length - 1) / 2)];
}

/** The compare link for two results of one source, with their time ranges when it needs them. */
export function compareResultsHref(source: ClientSource, a: TraceSummary, b: TraceSummary): string {
  const ranged = clientFor(source).capabilities.traceNeedsTimeRange;
  const range = (s: TraceSummary) =>
    ranged && s.startUnixUs > 0 ? traceTimeRange(s.startUnixUs, s.durationUs) : undefined;
  const ra = range(a);
  const rb = range(b);
  return compareHref(a.traceId, b.traceId, source.id, source.id, {
    startA: ra && String(ra.startS),
    endA: ra && String(ra.endS),
    startB: rb && String(rb.startS),
    endB: rb && String(rb.endS),
  });
}
