/**
 * Page side of the search worker. One worker per request: cancelling a search terminates
 * its worker, so a 50 MB parse nobody waits for stops using the CPU at once.
 */
import { SourceError } from '../http';
import type { SummarizeResponse } from './search-worker-protocol';
import type { TraceSummary } from './types';

export function summarizeInWorker(text: string, signal: AbortSignal | undefined): Promise<TraceSummary[]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SourceError('cancelled', 'Cancelled.'));
    const worker = new Worker(new URL('./search-worker.ts', import.meta.url), {
      type: 'module',
      name: 'pathlight-search',
    });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new SourceError('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<SummarizeResponse>) => {
      finish();
      const msg = event.data;
      if (msg.type === 'done') resolve(msg.summaries);
      else reject(new SourceError('bad-response', `The answer could not be read as traces: ${msg.message}`));
    };
    worker.onerror = (event) => {
      finish();
      reject(
        new SourceError('bad-response', event.message || 'The search parser stopped unexpectedly (out of memory?).'),
      );
    };
    worker.postMessage({ id: 1, text });
  });
}
