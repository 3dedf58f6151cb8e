/**
 * The app's entry, kept tiny so it runs as soon as the page has parsed: on a trace link it
 * starts the trace worker, and it asks for /config.json, while the app's code (which then
 * asks the worker for the trace) is still loading.
 */
import './index.css';
import { fetchConfigEarly } from '../api/config-fetch';
import { startTraceWorkerEarly } from '../api/worker/worker-start';
import { stripBase } from '../lib/base-path';

fetchConfigEarly();
if (/^\/trace\/[^/]+\/?$/.test(stripBase(window.location.pathname) ?? '')) startTraceWorkerEarly();

import('./start-app').catch((err: unknown) => {
  // Nothing of the app has run, so no boundary can show this: write it plainly.
  const root = document.getElementById('root');
  if (!root) return;
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.style.cssText = 'margin: 4rem auto; max-width: 36rem; font: 16px system-ui, sans-serif';
  message.textContent = `Pathlight could not load its code (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`;
  root.replaceChildren(message);
});
