/**
 * Traces opened from files live only in this tab: they were never uploaded, so there is
 * no server to fetch them from again. Keyed by trace id; a later file wins.
 */
import { create } from 'zustand';
import type { Trace, TraceFormat } from '../model/types';

export interface FileTrace {
  readonly trace: Trace;
  readonly fileName: string;
  readonly format: TraceFormat;
}

interface FileTraceState {
  readonly byId: ReadonlyMap<string, FileTrace>;
  /** The traces of the most recent file, in file order (for files holding several). */
  readonly lastFile: { readonly fileName: string; readonly traceIds: readonly string[] } | undefined;
  add: (fileName: string, format: TraceFormat, traces: readonly Trace[]) => void;
}

export const useFileTraceStore = create<FileTraceState>()((set) => ({
  byId: new Map(),
  lastFile: undefined,
  add: (fileName, format, traces) =>
    set((s) => {
      const next = new Map(s.byId);
      for (const trace of traces) next.set(trace.traceId, { trace, fileName, format });
      return { byId: next, lastFile: { fileName, traceIds: traces.map((t) => t.traceId) } };
    }),
}));
