/// <reference lib="webworker" />
import { analysisMessages, handleLoadRequest } from './handle-request';
import type { Outgoing, WorkerRequest } from './protocol';
import { readTailPart, type TailProgress } from './split-file';
import { splitStrings } from './string-chunks';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Requests in flight, so a cancel stops their fetch. */
const inFlight = new Map<number, AbortController>();

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  if (req.kind === 'cancel') {
    inFlight.get(req.id)?.abort();
    inFlight.delete(req.id);
    return;
  }
  if (req.kind === 'file-tail') {
    // This worker exists for the one part: it ends once the part is sent, giving its memory back.
    const progress = (bytes: number, spans: number) =>
      scope.postMessage({ type: 'tail-progress', bytes, spans } satisfies TailProgress);
    void readTailPart(req.file, req.start, req.port, progress).finally(() => scope.close());
    return;
  }
  const abort = new AbortController();
  inFlight.set(req.id, abort);
  const post = ({ message, transfer }: Outgoing) => {
    if (!abort.signal.aborted) scope.postMessage(message, transfer);
  };
  void handleLoadRequest(
    req,
    (phase, amount) => post({ message: { id: req.id, type: 'progress', phase, amount }, transfer: [] }),
    abort.signal,
  ).then((done) => {
    for (const message of splitStrings(done)) post(message);
    if (done.message.type === 'done' && done.message.analysisFollows)
      for (const message of analysisMessages(req.id, done.traces, done.keys)) {
        if (abort.signal.aborted) break;
        post(message);
      }
    inFlight.delete(req.id);
  });
};
