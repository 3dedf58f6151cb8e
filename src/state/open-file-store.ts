/**
 * Progress and failure of the file being opened, shared so that any page can show it: a
 * file dropped or pasted on the trace page reports there, not only on the start page.
 */
import { create } from 'zustand';
import type { ParsePhase } from '../api/worker/protocol';

export type OpenFileState =
  | { readonly status: 'idle' }
  | {
      readonly status: 'loading';
      readonly fileName: string;
      readonly phase: ParsePhase | 'reading';
      /** How much is read so far, in words ("120 of 900 MB read, 140,000 spans"). */
      readonly amount?: string | undefined;
    }
  | { readonly status: 'failed'; readonly fileName: string; readonly message: string };

export const useOpenFileStore = create<{ readonly state: OpenFileState; set: (s: OpenFileState) => void }>()((set) => ({
  state: { status: 'idle' },
  set: (state) => set({ state }),
}));

/** What the app's file opener (app/use-open-file.ts) hands to views: its state and actions. */
export interface FileOpener {
  readonly state: OpenFileState;
  readonly openFile: (file: File) => void;
  readonly cancel: () => void;
}
