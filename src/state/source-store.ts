import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** The source picked in the top bar for "open by id" (undefined: try every source). */
interface SourceState {
  readonly selectedSourceId: string | undefined;
  select: (id: string | undefined) => void;
}

export const useSourceStore = create<SourceState>()(
  persist((set) => ({ selectedSourceId: undefined, select: (id) => set({ selectedSourceId: id }) }), {
    name: 'pathlight-source',
  }),
);
