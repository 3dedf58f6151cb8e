/// <reference lib="webworker" />
import { handleParseRequest } from './handle-request';
import type { ParseRequest, ParseResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ParseRequest>) => {
  const req = event.data;
  const post = (msg: ParseResponse) => scope.postMessage(msg);
  post(handleParseRequest(req, (phase) => post({ id: req.id, type: 'progress', phase })));
};
