/**
 * The request for /config.json. The app's entry sends it before the app's code has loaded;
 * the config query then reads that answer instead of asking again.
 */
import { withBase } from '../lib/base-path';

let early: Promise<Response> | undefined;

const request = (signal?: AbortSignal) =>
  fetch(withBase('/config.json'), { signal, headers: { accept: 'application/json' } });

export function fetchConfigEarly(): void {
  early = request();
  early.catch(() => undefined); // the query reports the failure when it reads it
}

/** The early answer the first time, if there is one; else a new request. */
export function fetchConfig(signal: AbortSignal): Promise<Response> {
  const answer = early ?? request(signal);
  early = undefined;
  return answer;
}
