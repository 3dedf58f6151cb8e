/// <reference lib="webworker" />
import { handleAnalysis, handleParseRequest } from './handle-request';
import type { Outgoing, ParseRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  const req = event.data;
  const post = ({ message, transfer }: Outgoing) => scope.postMessage(message, transfer);
  const done = handleParseRequest(req, (phase) => post({ message: { id: req.id, type: 'progress', phase }, transfer: [] }));
  post(done);
  if (done.message.type === 'done' && done.message.analysisFollows) post(handleAnalysis(req.id, done.traces));
};
