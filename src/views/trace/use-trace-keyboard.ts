/**
 * Waterfall keyboard: j/k and ↑/↓ move the selection through the visible rows, ←/→
 * collapse and expand (or go to the parent / first child), Enter opens the detail, / focuses
 * find, Esc clears find, closes the detail or clears the selection, ? lists shortcuts.
 * trace-keys.ts decides what a key means where the focus is; this hook carries it out and
 * moves the focus (back to the waterfall after Esc, into the detail after Enter).
 */
import { useEffect, useRef } from 'react';
import type { TraceTree } from '../../model/analysis-types';
import { hasChildren } from '../../layout/visible-rows';
import { useTraceViewStore } from '../../state/trace-view-store';
import type { WaterfallModel } from './use-waterfall-model';
import { FIND_INPUT_ID } from './TraceToolbar';
import { WATERFALL_ID } from './waterfall/Waterfall';
import { SPAN_DETAIL_BODY_ID } from './span-detail/SpanDetail';
import { traceKeyAction, type KeyAction, type KeyWhere } from './trace-keys';

export { SHORTCUTS } from './trace-keys';

export interface KeyboardActions {
  readonly select: (span: number) => void;
  readonly clearSelection: () => void;
  readonly setCollapsed: (span: number, collapsed: boolean) => void;
  readonly clearFind: () => void;
}

const SPAN_DETAIL_ID = 'span-detail';
const CONTROL =
  'a[href], button, summary, input, select, textarea, [contenteditable=""], [contenteditable="true"], [role="button"], [role="link"], [role="slider"], [role="separator"], [role="radio"], [role="checkbox"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"], [role="combobox"], [role="textbox"]';
const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'time',
  'month',
  'week',
]);

/** Where the focus is, in the terms trace-keys.ts decides by. */
export function focusZone(target: EventTarget | null): KeyWhere {
  if (!(target instanceof Element)) return { zone: 'page', inDetail: false };
  const inDetail = target.closest(`#${SPAN_DETAIL_ID}`) !== null;
  if (target.closest('dialog[open]')) return { zone: 'dialog', inDetail };
  if (target.id === FIND_INPUT_ID) return { zone: 'find', inDetail };
  if (target.closest(`#${WATERFALL_ID}`)) return { zone: 'waterfall', inDetail };
  if (target instanceof HTMLElement && target.isContentEditable) return { zone: 'text', inDetail };
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return { zone: 'text', inDetail };
  if (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)) return { zone: 'text', inDetail };
  if (target.closest(CONTROL)) return { zone: 'control', inDetail };
  return { zone: 'page', inDetail };
}

/**
 * Give the focus back to the waterfall (after Esc or Close), or in the graph view to the
 * selected node; the waterfall announces its selected row through aria-activedescendant.
 */
export function returnFocusToWaterfall() {
  const target =
    document.getElementById(WATERFALL_ID) ??
    document.querySelector<HTMLElement | SVGElement>('[data-testid="graph-node"][aria-pressed="true"]');
  target?.focus();
}

export function useTraceKeyboard(tree: TraceTree, model: WaterfallModel, actions: KeyboardActions) {
  const latest = useRef({ tree, model, actions });
  latest.current = { tree, model, actions };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const { tree: t, model: m, actions: a } = latest.current;
      const store = useTraceViewStore.getState();
      const where = focusZone(e.target);
      const sel = m.selected;
      const action = traceKeyAction(e, where, {
        selected: sel,
        row: sel >= 0 ? (m.rowOfSpan[sel] ?? -1) : -1,
        rowCount: m.rows.length,
        spanAtRow: (r) => m.rows[r],
        hasChildren: (s) => hasChildren(t, s),
        isCollapsed: (s) => m.collapsed[s] === 1,
        parentOf: (s) => t.parent[s] ?? -1,
      });
      if (!action || !perform(action, a, store)) return;
      e.preventDefault();
      // A move made with the focus nowhere in particular takes the focus into the waterfall,
      // so a screen reader announces the row it lands on.
      if (where.zone === 'page' && (action.kind === 'select' || action.kind === 'set-collapsed'))
        document.getElementById(WATERFALL_ID)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Carries out an action; false when it turned out to do nothing (the key goes to the browser). */
function perform(action: KeyAction, a: KeyboardActions, store: ReturnType<typeof useTraceViewStore.getState>): boolean {
  switch (action.kind) {
    case 'select':
      a.select(action.span);
      return true;
    case 'set-collapsed':
      a.setCollapsed(action.span, action.collapsed);
      return true;
    case 'open-detail':
      store.setDetailOpen(true);
      requestAnimationFrame(() => document.getElementById(SPAN_DETAIL_BODY_ID)?.focus());
      return true;
    case 'close-detail':
      store.setDetailOpen(false);
      returnFocusToWaterfall();
      return true;
    case 'clear-selection':
      a.clearSelection();
      return true;
    case 'focus-find': {
      const find = document.getElementById(FIND_INPUT_ID);
      if (!find) return false; // the graph view has no find field
      find.focus();
      return true;
    }
    case 'clear-find':
      a.clearFind();
      returnFocusToWaterfall();
      return true;
    case 'toggle-shortcuts':
      store.setShortcutsOpen(!store.shortcutsOpen);
      return true;
  }
}
