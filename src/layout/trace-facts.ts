/**
 * Per-trace facts several views derive from every span (services, error count, colours, span
 * times, critical segments), computed once per trace and cached. `prepareTraceFacts` computes
 * them one per task ahead of the first render of a big trace: done inside the render they were
 * one main-thread task of ~0.4 s at 1M spans, in which the page could not paint or take input.
 */
import type { CoreAnalysis } from '../model/analysis-types';
import { spanColumnsOf } from '../model/span-columns';
import type { Trace } from '../model/types';
import { segmentsBySpan, type SegmentsBySpan } from './critical-segments';
import { serviceColors } from './service-colors';
import { spanTimes, type SpanTimes } from './visible-rows';

function cached<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = compute(key);
      cache.set(key, v);
    }
    return v;
  };
}

/** The trace's services, sorted by name. */
export const traceServices = cached((trace: Trace): readonly string[] => {
  const set = new Set<string>();
  const columns = spanColumnsOf(trace);
  if (columns !== undefined) {
    // distinct string indices first (neighbours mostly share one), then their strings
    const seen = new Set<number>();
    let last = -2;
    for (const c of columns.service.subarray(0, trace.spans.length))
      if (c !== last) {
        last = c;
        seen.add(c);
      }
    for (const c of seen) set.add(columns.strings[c] ?? '');
  } else for (const s of trace.spans) set.add(s.service);
  return [...set].sort();
});

export const traceErrorCount = cached((trace: Trace): number => {
  let n = 0;
  const columns = spanColumnsOf(trace);
  if (columns !== undefined) {
    for (let i = 0; i < trace.spans.length; i++) if (columns.isError(i)) n++;
  } else for (const s of trace.spans) if (s.status.code === 'error') n++;
  return n;
});

export const traceServiceColors = cached((trace: Trace): ReadonlyMap<string, string> =>
  serviceColors(traceServices(trace)),
);

export const traceSpanTimes = cached((trace: Trace): SpanTimes => spanTimes(trace));

export const criticalSegments = cached((analysis: CoreAnalysis): SegmentsBySpan =>
  segmentsBySpan(analysis.tree.parent.length, analysis.criticalPath),
);

/**
 * Traces at least this big get their facts computed ahead, one per task. Below it the facts
 * take a few tens of ms, less than the extra render pass and timers cost (about 20 ms of a
 * 100k trace's time to first rows).
 */
export const PREPARE_FROM_SPANS = 200_000;

/** Computes every fact above, yielding to the page between them. */
export async function prepareTraceFacts(trace: Trace, analysis: CoreAnalysis): Promise<void> {
  const steps = [
    () => traceServices(trace),
    () => traceErrorCount(trace),
    () => traceServiceColors(trace),
    () => traceSpanTimes(trace),
    () => criticalSegments(analysis),
  ];
  for (const step of steps) {
    step();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
