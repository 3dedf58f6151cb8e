import { describe, expect, it } from 'vitest';
import { buildTree } from '../model/tree';
import { hotrodTrace } from '../model/__fixtures__/hotrod';
import { makeTrace } from '../model/__fixtures__/make-trace';
import { collapsedAncestors, collapsedMask, spanTimes, visibleRows } from './visible-rows';

const trace = hotrodTrace();
const { tree } = buildTree(trace);
const ids = (rows: Int32Array) => Array.from(rows, (i) => trace.spans[i]?.spanId.replace(/^0+/, ''));

describe('visibleRows', () => {
  it('lists every span in pre-order when nothing is collapsed or filtered', () => {
    expect(ids(visibleRows(tree))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('hides the subtree of a collapsed span but keeps the span', () => {
    const toggled = new Uint8Array(trace.spans.length);
    toggled[3] = 1; // FindNearest
    const collapsed = collapsedMask(tree, undefined, toggled);
    expect(ids(visibleRows(tree, { collapsed }))).toEqual(['1', '2', '3', '4', '7', '8']);
  });

  it('collapses a depth level, and a toggled span under it expands again', () => {
    expect(ids(visibleRows(tree, { collapsed: collapsedMask(tree, 1, undefined) }))).toEqual(['1', '2', '4', '7', '8']);
    const toggled = new Uint8Array(trace.spans.length);
    toggled[1] = 1;
    expect(ids(visibleRows(tree, { collapsed: collapsedMask(tree, 1, toggled) }))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '7',
      '8',
    ]);
    expect(ids(visibleRows(tree, { collapsed: collapsedMask(tree, 0, undefined) }))).toEqual(['1']);
  });

  it('keeps only masked spans, and hides spans wholly outside the zoom window', () => {
    const keep = new Uint8Array(trace.spans.length);
    keep[0] = keep[2] = 1;
    expect(ids(visibleRows(tree, { keep }))).toEqual(['1', '3']);
    const times = spanTimes(trace);
    expect(ids(visibleRows(tree, { window: { fromUs: 400_000, toUs: 560_000 }, times }))).toEqual([
      '1',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
  });

  it('walks a 100,000-deep chain without recursion', () => {
    const specs = Array.from({ length: 100_000 }, (_, i) => ({
      id: (i + 1).toString(16),
      parent: i === 0 ? undefined : i.toString(16),
      start: i,
      duration: 200_000 - 2 * i,
    }));
    const deep = makeTrace(
      specs.map((s) =>
        s.parent === undefined ? { id: s.id, start: s.start, duration: s.duration } : { ...s, parent: s.parent },
      ),
    );
    const t = buildTree(deep).tree;
    expect(visibleRows(t).length).toBe(100_000);
    const toggled = new Uint8Array(100_000);
    toggled[500] = 1;
    const collapsed = collapsedMask(t, undefined, toggled);
    expect(visibleRows(t, { collapsed }).length).toBe(501);
    expect(collapsedAncestors(t, collapsed, 99_999)).toEqual([500]);
  });
});
