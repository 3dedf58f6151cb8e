/**
 * What a trace load is doing now ("parsing JSON: 40 MB read"), by its cache key. The load
 * reports here rather than to the component that asked for it, so a load started before its
 * page mounted (the boot prefetch) still shows its progress, and two views of one load agree.
 */
import { useCallback, useSyncExternalStore } from 'react';

const phases = new Map<string, string>();
const listeners = new Set<() => void>();

const keyText = (queryKey: readonly unknown[]) => JSON.stringify(queryKey);

/** `undefined` clears the phase (the load ended). */
export function reportTraceProgress(queryKey: readonly unknown[], phase: string | undefined): void {
  const key = keyText(queryKey);
  if (phases.get(key) === phase) return;
  if (phase === undefined) phases.delete(key);
  else phases.set(key, phase);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The phase of the load under this key, re-rendering as it changes. */
export function useTraceProgress(queryKey: readonly unknown[]): string | undefined {
  const key = keyText(queryKey);
  const read = useCallback(() => phases.get(key), [key]);
  return useSyncExternalStore(subscribe, read, read);
}
