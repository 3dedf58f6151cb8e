/**
 * Where edge labels go on a laid-out graph (graph px, see graph-layout.ts) so that no two
 * labels overlap and no label covers a node box. Labels are placed in the order given (the
 * caller puts the most important first); each tries points along its edge, middle first,
 * and is left out when none is free. Label boxes are estimated from the text length (11 px
 * text, about 6.4 px a character), with a small margin.
 */
import type { GraphLayout, PlacedEdge, Point } from './graph-layout';

export interface EdgeLabelRequest {
  readonly key: string;
  readonly edge: PlacedEdge;
  readonly text: string;
}

export interface PlacedLabel {
  readonly key: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  /** The box the label occupies (centre x, y). */
  readonly width: number;
  readonly height: number;
}

const CHAR_PX = 6.4;
const LABEL_H = 15;
const PAD = 3;
const ALONG = [0.5, 0.38, 0.62, 0.28, 0.72] as const;

export const labelWidth = (text: string): number => text.length * CHAR_PX + 2 * PAD;

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** A point `t` (0..1) of the way along a polyline, by length. */
export function pointAlong(points: readonly Point[], t: number): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += dist(points[i - 1], points[i]);
  let left = total * t;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (!a || !b) continue;
    const d = dist(a, b);
    if (d >= left && d > 0) return { x: a.x + ((b.x - a.x) * left) / d, y: a.y + ((b.y - a.y) * left) / d };
    left -= d;
  }
  return points[0] ?? { x: 0, y: 0 };
}

const dist = (a: Point | undefined, b: Point | undefined) => (a && b ? Math.hypot(b.x - a.x, b.y - a.y) : 0);

/**
 * A uniform grid over the boxes placed so far, so each test looks at a few neighbours
 * instead of every label (1,500 edges would otherwise cost a million comparisons).
 */
class BoxGrid {
  private readonly cells = new Map<string, Box[]>();
  constructor(private readonly size: number) {}
  private *keys(b: Box): Generator<string> {
    const s = this.size;
    for (let cx = Math.floor(b.x0 / s); cx <= Math.floor(b.x1 / s); cx++)
      for (let cy = Math.floor(b.y0 / s); cy <= Math.floor(b.y1 / s); cy++) yield `${cx},${cy}`;
  }
  add(b: Box) {
    for (const k of this.keys(b)) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }
  hits(b: Box): boolean {
    for (const k of this.keys(b)) for (const o of this.cells.get(k) ?? []) if (overlaps(b, o)) return true;
    return false;
  }
}

export function placeEdgeLabels(layout: GraphLayout, requests: readonly EdgeLabelRequest[]): PlacedLabel[] {
  const grid = new BoxGrid(80);
  for (const n of layout.nodes)
    grid.add({ x0: n.x - n.width / 2, y0: n.y - n.height / 2, x1: n.x + n.width / 2, y1: n.y + n.height / 2 });
  const out: PlacedLabel[] = [];
  for (const r of requests) {
    if (r.text === '' || r.edge.points.length < 2) continue;
    const width = labelWidth(r.text);
    for (const t of ALONG) {
      const p = pointAlong(r.edge.points, t);
      const box = { x0: p.x - width / 2, y0: p.y - LABEL_H / 2, x1: p.x + width / 2, y1: p.y + LABEL_H / 2 };
      if (grid.hits(box)) continue;
      grid.add(box);
      out.push({ key: r.key, text: r.text, x: p.x, y: p.y, width, height: LABEL_H });
      break;
    }
  }
  return out;
}
