/**
 * Waterfall keyboard: j/k and ↑/↓ move the selection through the visible rows, ←/→
 * collapse and expand (or go to the parent / first child), Enter opens the detail, / focuses
 * find, Esc clears (find first when it has focus, then the selection), ? lists shortcuts.
 */
import { useEffect, useRef } from 'react';
import type { TraceTree } from '../../model/analysis-types';
import { hasChildren } from '../../layout/visible-rows';
import { useTraceViewStore } from '../../state/trace-view-store';
import type { WaterfallModel } from './use-waterfall-model';
import { FIND_INPUT_ID } from './TraceToolbar';

export interface KeyboardActions {
  readonly select: (span: number) => void;
  readonly clearSelection: () => void;
  readonly setCollapsed: (span: number, collapsed: boolean) => void;
  readonly clearFind: () => void;
}

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['j  ↓', 'next span'],
  ['k  ↑', 'previous span'],
  ['←', 'collapse, or go to the parent'],
  ['→', 'expand, or go to the first child'],
  ['Enter', 'open the span detail'],
  ['/', 'find in this trace'],
  ['Esc', 'clear find, then the selection'],
  ['?', 'show these shortcuts'],
];

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function useTraceKeyboard(tree: TraceTree, model: WaterfallModel, actions: KeyboardActions) {
  const latest = useRef({ tree, model, actions });
  latest.current = { tree, model, actions };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const { tree: t, model: m, actions: a } = latest.current;
      const store = useTraceViewStore.getState();
      if (e.key === 'Escape') {
        if (store.shortcutsOpen) store.setShortcutsOpen(false);
        else if (e.target instanceof HTMLInputElement && e.target.id === FIND_INPUT_ID) {
          a.clearFind();
          e.target.blur();
        } else a.clearSelection();
        return;
      }
      if (isTyping(e.target)) return;
      const sel = m.selected;
      const row = sel >= 0 ? (m.rowOfSpan[sel] ?? -1) : -1;
      const go = (r: number) => {
        const span = m.rows[Math.max(0, Math.min(m.rows.length - 1, r))];
        if (span !== undefined) a.select(span);
      };
      let handled = true;
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          go(row + 1);
          break;
        case 'k':
        case 'ArrowUp':
          go(row < 0 ? 0 : row - 1);
          break;
        case 'ArrowLeft':
          if (sel < 0) break;
          if (hasChildren(t, sel) && m.collapsed[sel] !== 1) a.setCollapsed(sel, true);
          else if ((t.parent[sel] ?? -1) >= 0) a.select(t.parent[sel] ?? 0);
          break;
        case 'ArrowRight':
          if (sel < 0 || !hasChildren(t, sel)) break;
          if (m.collapsed[sel] === 1) a.setCollapsed(sel, false);
          else go(row + 1);
          break;
        case 'Enter':
          if (sel < 0) break;
          store.setDetailOpen(true);
          requestAnimationFrame(() => document.getElementById('span-detail')?.focus());
          break;
        case '/':
          document.getElementById(FIND_INPUT_ID)?.focus();
          break;
        case '?':
          store.setShortcutsOpen(!store.shortcutsOpen);
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
