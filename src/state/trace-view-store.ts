/**
 * Trace-page UI state that is not worth a permalink: the hovered span (with the pointer
 * position for the tooltip), the tree column width, whether the detail pane and the
 * shortcut list are open. Everything a user would share lives in the URL instead.
 */
import { create } from 'zustand';

export interface Hover {
  readonly span: number;
  readonly x: number; // client px
  readonly y: number;
}

interface TraceViewState {
  readonly hover: Hover | undefined;
  readonly treeWidthPx: number;
  readonly detailOpen: boolean;
  readonly shortcutsOpen: boolean;
  setHover: (hover: Hover | undefined) => void;
  setTreeWidth: (px: number) => void;
  setDetailOpen: (open: boolean) => void;
  setShortcutsOpen: (open: boolean) => void;
}

export const MIN_TREE_PX = 200;
export const MAX_TREE_PX = 900;

/** The tree column starts narrower on small screens, so the time axis keeps room for bars. */
const DEFAULT_TREE_PX = typeof window !== 'undefined' && window.innerWidth < 1280 ? 300 : 380;

export const useTraceViewStore = create<TraceViewState>()((set) => ({
  hover: undefined,
  treeWidthPx: DEFAULT_TREE_PX,
  detailOpen: true,
  shortcutsOpen: false,
  setHover: (hover) => set({ hover }),
  setTreeWidth: (px) => set({ treeWidthPx: Math.round(Math.min(MAX_TREE_PX, Math.max(MIN_TREE_PX, px))) }),
  setDetailOpen: (detailOpen) => set({ detailOpen }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
}));
