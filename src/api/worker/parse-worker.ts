/// <reference lib="webworker" />
import { handleAnalysis, handleParseRequest } from './handle-request';
import type { ParseRequest, ParseResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  const req = event.data;
  const post = (msg: ParseResponse) => scope.postMessage(msg);
  const done = handleParseRequest(req, (phase) => post({ id: req.id, type: 'progress', phase }));
  post(done);
  if (done.type === 'done' && done.analysisFollows) post(handleAnalysis(req.id, done.traces));
};
