/**
 * Which traces the most recent file held, in file order (for files holding several). The
 * traces themselves live in the trace cache under the "file" source (api/trace-loader.ts):
 * fetched or opened data stays in react-query, stores hold ids.
 */
import { create } from 'zustand';
import type { Trace } from '../model/types';

export interface FileTraceEntry {
  readonly traceId: string;
  readonly durationUs: number;
  readonly spanCount: number;
}

interface FileTraceState {
  readonly lastFile: { readonly fileName: string; readonly traces: readonly FileTraceEntry[] } | undefined;
  add: (fileName: string, traces: readonly Trace[]) => void;
}

export const useFileTraceStore = create<FileTraceState>()((set) => ({
  lastFile: undefined,
  add: (fileName, traces) =>
    set({
      lastFile: {
        fileName,
        traces: traces.map((t) => ({ traceId: t.traceId, durationUs: t.durationUs, spanCount: t.spans.length })),
      },
    }),
}));
