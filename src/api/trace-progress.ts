/**
 * What a trace load is doing now, by its cache key: its phase ("parsing JSON: 40 MB read"),
 * and, once the worker has sent the tree and critical path, the trace itself (a preview the
 * page draws while the summary is worked out). The load reports here rather than to the
 * component that asked for it, so a load started before its page mounted (the boot prefetch)
 * still shows its progress, and two views of one load agree.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { CoreAnalysis } from '../model/analysis-types';
import type { Trace } from '../model/types';
import type { TraceOrigin } from './trace-loader';

export interface TraceLoadPreview {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly origin: TraceOrigin;
}

export interface TraceLoadState {
  readonly phase?: string | undefined;
  readonly preview?: TraceLoadPreview | undefined;
}

const NOTHING: TraceLoadState = {};
const states = new Map<string, TraceLoadState>();
const listeners = new Set<() => void>();

const keyText = (queryKey: readonly unknown[]) => JSON.stringify(queryKey);

function update(queryKey: readonly unknown[], next: TraceLoadState | undefined): void {
  const key = keyText(queryKey);
  if (next === undefined) {
    if (!states.delete(key)) return;
  } else states.set(key, next);
  for (const listener of listeners) listener();
}

export function reportTraceProgress(queryKey: readonly unknown[], phase: string): void {
  const now = states.get(keyText(queryKey)) ?? NOTHING;
  if (now.phase !== phase) update(queryKey, { ...now, phase });
}

export function reportTracePreview(queryKey: readonly unknown[], preview: TraceLoadPreview): void {
  update(queryKey, { ...(states.get(keyText(queryKey)) ?? NOTHING), preview });
}

/**
 * The load ended. `afterCache`: it succeeded, and its result goes into the query cache in this
 * task, so the preview stays until the next one (else the page would draw the spinner between).
 */
export function endTraceLoad(queryKey: readonly unknown[], afterCache = false): void {
  if (afterCache) setTimeout(() => update(queryKey, undefined), 0);
  else update(queryKey, undefined);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The state of the load under this key, re-rendering as it changes. */
export function useTraceLoadState(queryKey: readonly unknown[]): TraceLoadState {
  const key = keyText(queryKey);
  const read = useCallback(() => states.get(key) ?? NOTHING, [key]);
  return useSyncExternalStore(subscribe, read, read);
}
