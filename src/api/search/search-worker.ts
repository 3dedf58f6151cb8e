/** The search worker: whole-trace search responses → summaries, off the page thread. */
import { summariesFromTraceText } from './parse-summaries';
import type { SummarizeRequest, SummarizeResponse } from './search-worker-protocol';

self.onmessage = (event: MessageEvent<SummarizeRequest>) => {
  const { id, text } = event.data;
  let reply: SummarizeResponse;
  try {
    reply = { id, type: 'done', summaries: summariesFromTraceText(text) };
  } catch (err) {
    reply = { id, type: 'failed', message: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
