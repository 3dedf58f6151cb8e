/**
 * Many whole traces, reduced to digests as they arrive (model/aggregate.ts): each trace is
 * loaded through its source's client like the trace page loads it (fetched, parsed and
 * analysed in the trace worker), digested, and dropped, so 500 traces never sit in memory at
 * once. A few loads run at a time; progress counts loaded and failed traces; the
 * AbortSignal cancels every load in flight. A trace that fails (gone, unreadable) is counted
 * and left out; being cancelled or losing the backend stops the whole run.
 */
import { digestTrace, type TraceDigest } from '../model/aggregate';
import type { TraceId } from '../model/types';
import type { SourceClient } from './client';
import { SourceError } from './http';
import type { TimeRange } from './trace-range';

export interface ManyProgress {
  readonly done: number;
  readonly failed: number;
  readonly total: number;
}

export interface ManyResult {
  readonly digests: TraceDigest[];
  readonly failed: number;
  /** The first failure's message, to say why traces are missing. */
  readonly firstFailure: string | undefined;
}

export interface ManyItem {
  readonly traceId: TraceId;
  readonly range: TimeRange;
}

/** Loads at a time: enough to keep a backend busy without queueing 500 requests in its proxy. */
export const CONCURRENCY = 4;

export async function digestTraces(
  client: Pick<SourceClient, 'traceById'>,
  items: readonly ManyItem[],
  options: { signal?: AbortSignal | undefined; onProgress?: ((p: ManyProgress) => void) | undefined } = {},
): Promise<ManyResult> {
  const { signal, onProgress } = options;
  const slots: (TraceDigest | undefined)[] = new Array<TraceDigest | undefined>(items.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const report = () => onProgress?.({ done, failed, total: items.length });
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i];
      if (!item) continue;
      if (signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
      try {
        const { trace, analysis } = await client.traceById(item.traceId, item.range, { signal });
        slots[i] = digestTrace(trace, analysis);
      } catch (err) {
        if (signal?.aborted || (err instanceof SourceError && (err.kind === 'cancelled' || err.kind === 'unreachable')))
          throw err;
        failed++;
        firstFailure ??= err instanceof Error ? err.message : String(err);
      }
      done++;
      report();
    }
  };
  report();
  const runners: Promise<void>[] = [];
  for (let k = 0; k < Math.min(CONCURRENCY, items.length); k++) runners.push(run());
  await Promise.all(runners);
  // In the order asked, whatever order they arrived in.
  return { digests: slots.filter((d): d is TraceDigest => d !== undefined), failed, firstFailure };
}
