import { describe, expect, it } from 'vitest';
import { traceKeyAction, type FocusZone, type KeyNav } from './trace-keys';

/**
 * A waterfall of four rows: span 0 (root) with children 1 and 2; span 2 has child 3.
 * Rows show spans in that order unless `rows` says otherwise.
 */
function nav(selected: number, opts: { rows?: number[]; collapsed?: number[] } = {}): KeyNav {
  const rows = opts.rows ?? [0, 1, 2, 3];
  const parent = [-1, 0, 0, 2];
  const collapsed = new Set(opts.collapsed ?? []);
  return {
    selected,
    row: rows.indexOf(selected),
    rowCount: rows.length,
    spanAtRow: (r) => rows[r],
    hasChildren: (s) => parent.includes(s),
    isCollapsed: (s) => collapsed.has(s),
    parentOf: (s) => parent[s] ?? -1,
  };
}
const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const at = (zone: FocusZone, inDetail = false) => ({ zone, inDetail });

describe('traceKeyAction: where a key is ours', () => {
  it('leaves Enter on a link or button to the browser, even with a span selected', () => {
    expect(traceKeyAction(press('Enter'), at('control'), nav(1))).toBeUndefined();
    expect(traceKeyAction(press(' '), at('control'), nav(1))).toBeUndefined();
  });

  it('leaves arrows, j/k and Enter inside the span detail to it (it scrolls)', () => {
    for (const key of ['ArrowDown', 'ArrowUp', 'j', 'k', 'ArrowLeft', 'ArrowRight', 'Enter', ' '])
      expect(traceKeyAction(press(key), at('page', true), nav(1)), key).toBeUndefined();
  });

  it('leaves typing alone: letters, / and ? in a text field; arrows on a slider or select', () => {
    for (const key of ['j', 'k', '/', '?', 'ArrowDown', 'Enter']) {
      expect(traceKeyAction(press(key), at('text'), nav(1)), key).toBeUndefined();
      expect(traceKeyAction(press(key), at('find'), nav(1)), key).toBeUndefined();
    }
    expect(traceKeyAction(press('ArrowRight'), at('control'), nav(1))).toBeUndefined();
  });

  it('ignores keys with Ctrl, Cmd or Alt', () => {
    expect(traceKeyAction(press('j', { ctrlKey: true }), at('waterfall'), nav(1))).toBeUndefined();
    expect(traceKeyAction(press('ArrowDown', { altKey: true }), at('waterfall'), nav(1))).toBeUndefined();
    expect(traceKeyAction(press('/', { metaKey: true }), at('page'), nav(1))).toBeUndefined();
  });

  it('in the shortcuts dialog only ? is ours (the dialog closes itself on Esc)', () => {
    expect(traceKeyAction(press('?'), at('dialog'), nav(1))).toEqual({ kind: 'toggle-shortcuts' });
    expect(traceKeyAction(press('Escape'), at('dialog'), nav(1))).toBeUndefined();
    expect(traceKeyAction(press('j'), at('dialog'), nav(1))).toBeUndefined();
  });

  it('/ and ? work from buttons and the detail too, not from fields', () => {
    expect(traceKeyAction(press('/'), at('control'), nav(-1))).toEqual({ kind: 'focus-find' });
    expect(traceKeyAction(press('?'), at('page', true), nav(-1))).toEqual({ kind: 'toggle-shortcuts' });
  });
});

describe('traceKeyAction: only when the key does something', () => {
  it('j / ↓ select the next row, the first when nothing is selected, nothing past the last', () => {
    expect(traceKeyAction(press('j'), at('page'), nav(-1))).toEqual({ kind: 'select', span: 0 });
    expect(traceKeyAction(press('ArrowDown'), at('waterfall'), nav(1))).toEqual({ kind: 'select', span: 2 });
    expect(traceKeyAction(press('j'), at('waterfall'), nav(3))).toBeUndefined();
  });

  it('k / ↑ select the previous row, nothing above the first', () => {
    expect(traceKeyAction(press('k'), at('waterfall'), nav(2))).toEqual({ kind: 'select', span: 1 });
    expect(traceKeyAction(press('ArrowUp'), at('waterfall'), nav(0))).toBeUndefined();
    expect(traceKeyAction(press('k'), at('waterfall'), nav(-1))).toEqual({ kind: 'select', span: 0 });
  });

  it('Home and End go to the first and last row in the waterfall, and scroll the page elsewhere', () => {
    expect(traceKeyAction(press('End'), at('waterfall'), nav(1))).toEqual({ kind: 'select', span: 3 });
    expect(traceKeyAction(press('Home'), at('waterfall'), nav(3))).toEqual({ kind: 'select', span: 0 });
    expect(traceKeyAction(press('Home'), at('waterfall'), nav(0))).toBeUndefined();
    expect(traceKeyAction(press('End'), at('page'), nav(1))).toBeUndefined();
  });

  it('← collapses an open parent, then goes to the parent; nothing at a root that is collapsed', () => {
    expect(traceKeyAction(press('ArrowLeft'), at('waterfall'), nav(2))).toEqual({
      kind: 'set-collapsed',
      span: 2,
      collapsed: true,
    });
    expect(traceKeyAction(press('ArrowLeft'), at('waterfall'), nav(2, { collapsed: [2] }))).toEqual({
      kind: 'select',
      span: 0,
    });
    expect(traceKeyAction(press('ArrowLeft'), at('waterfall'), nav(1))).toEqual({ kind: 'select', span: 0 });
    expect(traceKeyAction(press('ArrowLeft'), at('waterfall'), nav(0, { rows: [0], collapsed: [0] }))).toBeUndefined();
    expect(traceKeyAction(press('ArrowLeft'), at('page'), nav(-1))).toBeUndefined();
  });

  it('→ expands a collapsed parent, then goes to its first child; nothing on a leaf', () => {
    expect(traceKeyAction(press('ArrowRight'), at('waterfall'), nav(2, { rows: [0, 1, 2], collapsed: [2] }))).toEqual({
      kind: 'set-collapsed',
      span: 2,
      collapsed: false,
    });
    expect(traceKeyAction(press('ArrowRight'), at('waterfall'), nav(2))).toEqual({ kind: 'select', span: 3 });
    expect(traceKeyAction(press('ArrowRight'), at('waterfall'), nav(1))).toBeUndefined();
    expect(traceKeyAction(press('ArrowRight'), at('page'), nav(-1))).toBeUndefined();
  });

  it('Enter opens the detail of the selected span, and does nothing without one', () => {
    expect(traceKeyAction(press('Enter'), at('waterfall'), nav(1))).toEqual({ kind: 'open-detail' });
    expect(traceKeyAction(press('Enter'), at('page'), nav(1))).toEqual({ kind: 'open-detail' });
    expect(traceKeyAction(press('Enter'), at('waterfall'), nav(-1))).toBeUndefined();
    expect(traceKeyAction(press(' '), at('waterfall'), nav(1))).toEqual({ kind: 'open-detail' });
    expect(traceKeyAction(press(' '), at('page'), nav(1))).toBeUndefined(); // Space scrolls the page
  });

  it('Escape: clears find in the find field, closes the detail inside it, else clears the selection', () => {
    expect(traceKeyAction(press('Escape'), at('find'), nav(1))).toEqual({ kind: 'clear-find' });
    expect(traceKeyAction(press('Escape'), at('page', true), nav(1))).toEqual({ kind: 'close-detail' });
    expect(traceKeyAction(press('Escape'), at('control', true), nav(1))).toEqual({ kind: 'close-detail' });
    expect(traceKeyAction(press('Escape'), at('waterfall'), nav(1))).toEqual({ kind: 'clear-selection' });
    expect(traceKeyAction(press('Escape'), at('waterfall'), nav(-1))).toBeUndefined();
    expect(traceKeyAction(press('Escape'), at('text'), nav(1))).toBeUndefined(); // e.g. the top bar's trace id field
    expect(traceKeyAction(press('Escape'), at('control'), nav(1))).toBeUndefined();
  });

  it('other keys are never ours', () => {
    for (const key of ['Tab', 'a', 'PageDown', 'F5'])
      expect(traceKeyAction(press(key), at('waterfall'), nav(1)), key).toBeUndefined();
  });
});
