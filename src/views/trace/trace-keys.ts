/**
 * Which trace-page shortcut a key press means, decided from where the focus is and what is
 * selected — pure, so the rules are unit-tested (trace-keys.test.ts). A key is ours only when
 * it does something; everything else is left to the browser, so Enter on a link or button,
 * arrows in the span detail and typing in a field keep working.
 */

/** Where a key press happened (see focusZone in use-trace-keyboard.ts). */
export type FocusZone =
  | 'waterfall' // the waterfall treegrid or anything in it
  | 'page' // nothing in particular: the body, text, a non-interactive box
  | 'find' // the find-in-trace field
  | 'text' // another text field, select or editable element
  | 'control' // a link, button, checkbox, slider…: its own keys come first
  | 'dialog'; // inside the open shortcuts dialog

export interface KeyWhere {
  readonly zone: FocusZone;
  /** The focus is inside the span detail pane (which scrolls with the arrows). */
  readonly inDetail: boolean;
}

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** What the waterfall looks like right now, as far as the keys care. */
export interface KeyNav {
  readonly selected: number; // span index, -1 when none
  readonly row: number; // the selected span's row, -1 when none or hidden
  readonly rowCount: number;
  readonly spanAtRow: (row: number) => number | undefined;
  readonly hasChildren: (span: number) => boolean;
  readonly isCollapsed: (span: number) => boolean;
  readonly parentOf: (span: number) => number; // -1 for a root
}

export type KeyAction =
  | { readonly kind: 'select'; readonly span: number }
  | { readonly kind: 'set-collapsed'; readonly span: number; readonly collapsed: boolean }
  | { readonly kind: 'open-detail' }
  | { readonly kind: 'close-detail' }
  | { readonly kind: 'clear-selection' }
  | { readonly kind: 'focus-find' }
  | { readonly kind: 'clear-find' }
  | { readonly kind: 'toggle-shortcuts' };

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['j  ↓', 'next span'],
  ['k  ↑', 'previous span'],
  ['Home  End', 'first, last span'],
  ['←', 'collapse, or go to the parent'],
  ['→', 'expand, or go to the first child'],
  ['Enter', 'open the span detail'],
  ['/', 'find in this trace'],
  ['Esc', 'clear find; close the detail; clear the selection'],
  ['?', 'show these shortcuts'],
  ['+ − ← → 0', 'on the minimap or time axis: zoom in, out, move; whole trace'],
  ['↑ ↓ ← →', 'in the flame graph: parent, first child, previous, next span'],
  ['Enter  Esc', 'in the flame graph: zoom into the span; zoom out'],
  ['↑ ↓ PgUp PgDn', 'in the span table: move between rows; Enter opens the span'],
];

export function traceKeyAction(e: KeyPress, where: KeyWhere, nav: KeyNav): KeyAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const { zone } = where;
  if (zone === 'dialog') return e.key === '?' ? { kind: 'toggle-shortcuts' } : undefined; // the dialog closes itself on Esc
  const typing = zone === 'find' || zone === 'text';

  switch (e.key) {
    case 'Escape':
      if (zone === 'find') return { kind: 'clear-find' };
      if (where.inDetail) return { kind: 'close-detail' };
      if ((zone === 'waterfall' || zone === 'page') && nav.selected >= 0) return { kind: 'clear-selection' };
      return undefined;
    case '/':
      return typing ? undefined : { kind: 'focus-find' };
    case '?':
      return typing ? undefined : { kind: 'toggle-shortcuts' };
  }

  // Moving through the waterfall: only where these keys mean nothing else.
  if (zone !== 'waterfall' && zone !== 'page') return undefined;
  if (where.inDetail) return undefined; // the detail pane scrolls with the arrows
  const { selected: sel, row } = nav;
  const goTo = (r: number): KeyAction | undefined => {
    if (r < 0 || r >= nav.rowCount) return undefined;
    const span = nav.spanAtRow(r);
    return span === undefined || span === sel ? undefined : { kind: 'select', span };
  };
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return goTo(row + 1);
    case 'k':
    case 'ArrowUp':
      return goTo(row < 0 ? 0 : row - 1);
    case 'Home':
      return zone === 'waterfall' ? goTo(0) : undefined;
    case 'End':
      return zone === 'waterfall' ? goTo(nav.rowCount - 1) : undefined;
    case 'ArrowLeft': {
      if (sel < 0) return undefined;
      if (nav.hasChildren(sel) && !nav.isCollapsed(sel)) return { kind: 'set-collapsed', span: sel, collapsed: true };
      const parent = nav.parentOf(sel);
      return parent >= 0 ? { kind: 'select', span: parent } : undefined;
    }
    case 'ArrowRight':
      if (sel < 0 || !nav.hasChildren(sel)) return undefined;
      return nav.isCollapsed(sel) ? { kind: 'set-collapsed', span: sel, collapsed: false } : goTo(row + 1);
    case 'Enter':
      return sel >= 0 ? { kind: 'open-detail' } : undefined;
    case ' ':
      // Space scrolls the page; in the waterfall, like Enter, it opens the selected span.
      return zone === 'waterfall' && sel >= 0 ? { kind: 'open-detail' } : undefined;
    default:
      return undefined;
  }
}
