/**
 * Opening a trace file: read it, parse it in the worker (with progress), keep its traces
 * in this tab, and go to the trace (or to the list when the file holds several).
 * Every failure becomes a message; nothing already open is lost.
 */
import { useCallback, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { addFileTraces, endFileTracePreview, previewFileTrace, type TraceOrigin } from '../api/trace-loader';
import { loadInWorker } from '../api/worker/parse-client';
import { describeAmount, type LoadBody } from '../api/worker/protocol';
import { useFileTraceStore } from '../state/file-trace-store';
import { useOpenFileStore, type FileOpener, type OpenFileState } from '../state/open-file-store';
import { navigate, traceHref } from '../lib/router';

/**
 * Files above this size are refused before reading: the tab would run out of memory. A
 * 1M-span Jaeger file is ~0.9 GB; the worker reads it in pieces, never as one string.
 */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export type { OpenFileState };

export function useOpenFile(): FileOpener {
  const state = useOpenFileStore((s) => s.state);
  const setState = useOpenFileStore((s) => s.set);
  const abortRef = useRef<AbortController | undefined>(undefined);
  const add = useFileTraceStore((s) => s.add);
  const queryClient = useQueryClient();

  const openBody = useCallback(
    async (fileName: string, read: () => Promise<LoadBody>, readText: () => Promise<string>) => {
      abortRef.current?.abort();
      const abort = new AbortController();
      abortRef.current = abort;
      setState({ status: 'loading', fileName, phase: 'reading' });
      const origin: TraceOrigin = { kind: 'file', fileName, readText };
      // A one-trace file goes to its trace page as soon as the rows can be drawn.
      let previewed: string | undefined;
      try {
        const result = await loadInWorker(await read(), {
          signal: abort.signal,
          onCore: (traces, cores) => {
            const [trace] = traces;
            const [analysis] = cores;
            if (traces.length !== 1 || !trace || !analysis || abort.signal.aborted) return;
            previewed = trace.traceId;
            previewFileTrace({ trace, analysis, origin });
            setState({ status: 'idle' });
            navigate(traceHref(trace.traceId, { source: 'file' }));
          },
          onProgress: (phase, amount) =>
            setState({
              status: 'loading',
              fileName,
              phase,
              amount: amount === undefined ? undefined : describeAmount(amount),
            }),
        });
        if (result.traces.length === 0) throw new Error('The file parsed, but it holds no spans.');
        addFileTraces(queryClient, fileName, result, readText, origin);
        add(fileName, result.traces);
        const first = result.traces[0];
        if (previewed !== undefined) {
          endFileTracePreview(previewed, true);
          return;
        }
        setState({ status: 'idle' });
        if (result.traces.length === 1 && first) navigate(traceHref(first.traceId, { source: 'file' }));
        else navigate('/?file=1');
      } catch (err) {
        if (previewed !== undefined) endFileTracePreview(previewed);
        if (abort.signal.aborted) return;
        const message = err instanceof Error ? err.message : String(err);
        setState({ status: 'failed', fileName, message });
      }
    },
    [add, setState, queryClient],
  );

  const openFile = useCallback(
    (file: File) => {
      if (file.size > MAX_FILE_BYTES) {
        setState({
          status: 'failed',
          fileName: file.name,
          message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB; Pathlight opens files up to ${MAX_FILE_BYTES / 1024 / 1024} MB. Export a single trace instead of a whole search.`,
        });
        return;
      }
      // The worker reads the file itself (File.stream()), parsing while it reads.
      // The JSON view reads the file again when asked (the File stays on disk, not in memory).
      void openBody(
        file.name,
        () => Promise.resolve({ kind: 'file', file, fileName: file.name }),
        () => file.text(),
      );
    },
    [openBody, setState],
  );

  const cancel = useCallback(() => {
    abortRef.current?.abort();
    const current = useOpenFileStore.getState().state;
    // Said in words, so a user who cancelled knows nothing was opened and nothing else changed.
    if (current.status === 'loading')
      setState({
        status: 'failed',
        fileName: current.fileName,
        message: 'Cancelled: the file was not opened. Anything already open is unchanged.',
      });
    else setState({ status: 'idle' });
  }, [setState]);

  return { state, openFile, cancel };
}
