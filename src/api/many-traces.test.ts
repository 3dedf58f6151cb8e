import { describe, expect, it } from 'vitest';
import { analyzeTrace } from '../model/analyze';
import { hotrodTrace } from '../model/__fixtures__/hotrod';
import type { Trace, TraceId } from '../model/types';
import type { LoadedTrace, LoadOptions } from './client';
import { SourceError } from './http';
import { CONCURRENCY, digestTraces, type ManyProgress } from './many-traces';

const id = (n: number) => n.toString(16).padStart(32, '0') as TraceId;
const withId = (t: Trace, traceId: TraceId): Trace => ({ ...t, traceId });

/** A client whose loads finish when the test says, to watch concurrency and order. */
function fakeClient(fail: (id: TraceId) => Error | undefined = () => undefined) {
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    traceById: async (traceId: TraceId, _range: unknown, options?: LoadOptions): Promise<LoadedTrace> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, Number.parseInt(traceId, 16) % 3));
      inFlight--;
      if (options?.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
      const err = fail(traceId);
      if (err) throw err;
      const trace = withId(hotrodTrace(), traceId);
      return { trace, analysis: analyzeTrace(trace) };
    },
  };
  return { client, maxInFlight: () => maxInFlight };
}

describe('digestTraces', () => {
  it('loads every trace a few at a time, in the order asked, with progress', async () => {
    const { client, maxInFlight } = fakeClient();
    const items = Array.from({ length: 11 }, (_, i) => ({ traceId: id(i + 1), range: {} }));
    const progress: ManyProgress[] = [];
    const out = await digestTraces(client, items, { onProgress: (p) => progress.push(p) });
    expect(out.digests.map((d) => d.traceId)).toEqual(items.map((i) => i.traceId));
    expect(out.failed).toBe(0);
    expect(maxInFlight()).toBe(CONCURRENCY);
    expect(progress[0]).toEqual({ done: 0, failed: 0, total: 11 });
    expect(progress.at(-1)).toEqual({ done: 11, failed: 0, total: 11 });
    expect(out.digests[0]?.operations.find((o) => o.service === 'mysql')?.criticalUs).toBe(319_200);
  });

  it('counts a trace that fails and keeps the rest; names the first failure', async () => {
    const { client } = fakeClient((t) => (t === id(2) ? new Error('trace 2 is gone') : undefined));
    const items = [1, 2, 3].map((n) => ({ traceId: id(n), range: {} }));
    const out = await digestTraces(client, items);
    expect(out.digests.map((d) => d.traceId)).toEqual([id(1), id(3)]);
    expect(out.failed).toBe(1);
    expect(out.firstFailure).toBe('trace 2 is gone');
  });

  it('stops on cancel and when the backend is unreachable', async () => {
    const abort = new AbortController();
    const { client } = fakeClient();
    const items = Array.from({ length: 20 }, (_, i) => ({ traceId: id(i + 1), range: {} }));
    const run = digestTraces(client, items, {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.done === 2) abort.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ kind: 'cancelled' });

    const down = fakeClient(() => new SourceError('unreachable', 'Jaeger does not answer.'));
    await expect(digestTraces(down.client, items)).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
