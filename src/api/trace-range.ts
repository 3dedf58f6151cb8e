/**
 * A trace's own time range, computed in one place for every link to it (search results, the
 * trace page's permalink), so both write the same `start`/`end` and opening a search result
 * never changes the URL, which would load the trace a second time.
 */
export interface TimeRange {
  /** Unix seconds; Tempo needs them once a trace has left its recent window. */
  readonly startS?: number | undefined;
  readonly endS?: number | undefined;
}

/** Whole seconds around the trace, one second of slack each side for clock rounding. */
export function traceTimeRange(
  startUnixUs: number,
  durationUs: number,
): { readonly startS: number; readonly endS: number } {
  return { startS: Math.floor(startUnixUs / 1e6) - 1, endS: Math.ceil((startUnixUs + durationUs) / 1e6) + 1 };
}

/** The URL parameters a link to a trace carries: its source, and its range when the source needs one. */
export function traceLinkParams(
  sourceId: string,
  needsTimeRange: boolean,
  startUnixUs: number,
  durationUs: number,
): Record<string, string> {
  if (!needsTimeRange || !(startUnixUs > 0)) return { source: sourceId };
  const { startS, endS } = traceTimeRange(startUnixUs, durationUs);
  return { source: sourceId, start: String(startS), end: String(endS) };
}
