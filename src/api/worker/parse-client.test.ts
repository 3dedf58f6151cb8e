/**
 * The page's worker client with a stand-in Worker that runs the worker's own handler: a big
 * trace's load ends the worker (its heap goes with it) once nothing else is in flight.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleAnalysis, handleLoadRequest } from './handle-request';
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
    if (req.kind === 'cancel') return;
    const send = (message: WorkerResponse) =>
      setTimeout(() => this.terminated || this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>), 0);
    void handleLoadRequest(req, () => {}, new AbortController().signal).then((done) => {
      send(done.message);
      if (done.message.type === 'done' && done.message.analysisFollows)
        send(handleAnalysis(req.id, done.traces).message);
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
});
