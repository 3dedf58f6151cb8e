/**
 * The page's worker client with a stand-in Worker that runs the worker's own handler: a big
 * trace's load ends the worker (its heap goes with it) once nothing else is in flight.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analysisMessages, handleLoadRequest } from './handle-request';
import { analyzeTrace } from '../../model/analyze';
import type { CoreAnalysis } from '../../model/analysis-types';
import type { Trace } from '../../model/types';
import type { WorkerRequest, WorkerResponse } from './protocol';

class FakeWorker {
  static made: FakeWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | undefined;
  onerror: ((e: ErrorEvent) => void) | undefined;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(req: WorkerRequest): void {
    if (req.kind === 'cancel' || req.kind === 'file-tail') return;
    const send = (message: WorkerResponse) =>
      setTimeout(() => this.terminated || this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>), 0);
    void handleLoadRequest(req, () => {}, new AbortController().signal).then((done) => {
      send(done.message);
      if (done.message.type === 'done' && done.message.analysisFollows)
        for (const { message } of analysisMessages(req.id, done.traces, done.keys)) send(message);
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('loadInWorker', () => {
  it('ends the worker after a big trace, and the next load starts a new one', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.resetModules();
    const { loadInWorker } = await import('./parse-client');
    const demo = { kind: 'demo', demoId: 'hotrod', seed: 1 } as const;

    const small = await loadInWorker(demo, { retireAfterSpans: 1_000 });
    expect(small.traces[0]?.spans.length).toBeGreaterThan(0);
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0]?.terminated).toBe(false);

    await loadInWorker(demo, { retireAfterSpans: 10 });
    expect(FakeWorker.made[0]?.terminated).toBe(true);

    const again = await loadInWorker(demo, { retireAfterSpans: 1_000 });
    expect(again.analyses).toHaveLength(1);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1]?.terminated).toBe(false);
  });

  it('ends the worker when its only load is cancelled, and the next load runs on a new one', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.resetModules();
    FakeWorker.made = [];
    const { loadInWorker } = await import('./parse-client');
    const demo = { kind: 'demo', demoId: 'hotrod', seed: 1 } as const;

    const first = new AbortController();
    const second = new AbortController();
    const a = loadInWorker(demo, { signal: first.signal });
    const b = loadInWorker(demo, { signal: second.signal });
    first.abort();
    await expect(a).rejects.toThrow('Cancelled.');
    expect(FakeWorker.made[0]?.terminated).toBe(false); // the other load still runs on it
    second.abort();
    await expect(b).rejects.toThrow('Cancelled.');
    expect(FakeWorker.made[0]?.terminated).toBe(true);

    const next = await loadInWorker(demo);
    expect(next.traces[0]?.spans.length).toBeGreaterThan(0);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('hands over each trace with its core before the summary; the full analysis is that same object', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.resetModules();
    const { loadInWorker } = await import('./parse-client');
    let early: { traces: readonly Trace[]; cores: readonly CoreAnalysis[]; settled: boolean } | undefined;
    let settled = false;
    const load = loadInWorker(
      { kind: 'demo', demoId: 'checkout', seed: 2 },
      { onCore: (traces, cores) => (early = { traces, cores, settled }) },
    ).finally(() => (settled = true));
    const result = await load;
    if (!early) throw new Error('onCore was not called');
    expect(early.settled).toBe(false);
    expect(early.traces[0]).toBe(result.traces[0]);
    expect(early.cores[0]).toBe(result.analyses[0]);
    expect(result.analyses[0]).toEqual(analyzeTrace(result.traces[0]!));
    expect(result.analyses[0]?.verdict.length).toBeGreaterThan(0);
  });
});
