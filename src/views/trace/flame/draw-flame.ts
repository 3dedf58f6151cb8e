/**
 * Draws the visible levels of the flame graph on a canvas: translucent bars per span,
 * the critical path's segments solid with an underline, labels where a bar is wide enough,
 * and an outline round the selected span. Bars thinner than a pixel that would land on a
 * pixel already drawn on the same level are skipped, so 100k tiny spans cost a loop, not
 * 100k fills.
 */
import type { TraceAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import type { FlameLevels } from '../../../layout/flame-layout';

export const FLAME_ROW_PX = 20;
const LABEL_MIN_PX = 36;
const FALLBACK_COLOR = '#64748b';

export interface FlameScene {
  readonly trace: Trace;
  readonly analysis: TraceAnalysis;
  readonly levels: FlameLevels;
  readonly colors: ReadonlyMap<string, string>;
  readonly selected: number;
  readonly windowUs: readonly [number, number];
  readonly scrollTop: number;
  readonly width: number;
  readonly height: number;
}

/** Black or white text, whichever reads better on a #rrggbb background. */
function textOn(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#000';
  const lin = (h: string | undefined) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]) + 0.7152 * lin(m[2]) + 0.0722 * lin(m[3]);
  return l > 0.18 ? '#000' : '#fff';
}

export function drawFlame(canvas: HTMLCanvasElement, scene: FlameScene): void {
  const { trace, analysis, levels, colors, selected, windowUs, scrollTop, width, height } = scene;
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
  if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const foreground = getComputedStyle(canvas).color || '#000';
  const [from, to] = windowUs;
  const pxPerUs = width / Math.max(to - from, 1e-9);
  const x = (us: number) => (us - from) * pxPerUs;
  const firstLevel = Math.max(0, Math.floor(scrollTop / FLAME_ROW_PX));
  const lastLevel = Math.min(levels.levels - 1, Math.floor((scrollTop + height) / FLAME_ROW_PX));
  const textColors = new Map<string, string>();
  ctx.font = '11px ui-sans-serif, system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const labels: number[] = []; // span, x, y, width: drawn last, over the critical path

  for (let d = firstLevel; d <= lastLevel; d++) {
    const y = d * FLAME_ROW_PX - scrollTop;
    let drawnTo = -Infinity;
    let labelTo = -Infinity; // concurrent siblings overlap in time: one label per stretch of a level
    const end = levels.offsets[d + 1] ?? 0;
    for (let k = levels.offsets[d] ?? 0; k < end; k++) {
      const i = levels.spans[k] ?? 0;
      const s = trace.spans[i];
      if (!s) continue;
      const x0 = Math.max(x(s.startUs), -1);
      const x1 = Math.min(x(s.startUs + s.durationUs), width + 1);
      if (x1 < 0 || x0 > width) continue;
      if (x1 - x0 < 1 && x0 < drawnTo) continue;
      const w = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0));
      drawnTo = x0 + w;
      const color = colors.get(s.service) ?? FALLBACK_COLOR;
      ctx.globalAlpha = 0.55;
      ctx.fillStyle = color;
      ctx.fillRect(x0, y, w, FLAME_ROW_PX - 2);
      ctx.globalAlpha = 1;
      if (w >= LABEL_MIN_PX && x0 >= labelTo) {
        labels.push(i, x0, y, w);
        labelTo = x0 + w;
      }
    }
  }

  // The critical path: its segments solid, with a foreground underline.
  for (const seg of analysis.criticalPath) {
    const d = analysis.tree.depth[seg.span] ?? 0;
    if (d < firstLevel || d > lastLevel) continue;
    const x0 = Math.max(x(seg.startUs), 0);
    const x1 = Math.min(x(seg.endUs), width);
    if (x1 <= 0 || x0 >= width) continue;
    const y = d * FLAME_ROW_PX - scrollTop;
    const w = Math.max(1, x1 - x0);
    const s = trace.spans[seg.span];
    ctx.fillStyle = colors.get(s?.service ?? '') ?? FALLBACK_COLOR;
    ctx.fillRect(x0, y, w, FLAME_ROW_PX - 5);
    ctx.fillStyle = foreground;
    ctx.fillRect(x0, y + FLAME_ROW_PX - 5, w, 3);
  }

  for (let k = 0; k < labels.length; k += 4) {
    const i = labels[k] ?? 0;
    const [x0, y, w] = [labels[k + 1] ?? 0, labels[k + 2] ?? 0, labels[k + 3] ?? 0];
    const s = trace.spans[i];
    if (!s) continue;
    const color = colors.get(s.service) ?? FALLBACK_COLOR;
    let text = textColors.get(color);
    if (!text) textColors.set(color, (text = textOn(color)));
    // Mostly solid (critical) bars take black or white by their colour; translucent ones the page's text colour.
    ctx.fillStyle = (analysis.criticalUs[i] ?? 0) * 2 > s.durationUs ? text : foreground;
    const label = `${s.service}: ${s.name}`;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0 + 3, y, w - 6, FLAME_ROW_PX - 2);
    ctx.clip();
    ctx.fillText(label.length > 300 ? label.slice(0, 300) : label, x0 + 4, y + (FLAME_ROW_PX - 5) / 2);
    ctx.restore();
  }

  const sel = trace.spans[selected];
  if (sel) {
    const d = analysis.tree.depth[selected] ?? 0;
    const y = d * FLAME_ROW_PX - scrollTop;
    const x0 = Math.max(x(sel.startUs), 0);
    const x1 = Math.min(x(sel.startUs + sel.durationUs), width);
    if (y > -FLAME_ROW_PX && y < height && x1 >= 0 && x0 <= width) {
      ctx.strokeStyle = foreground;
      ctx.lineWidth = 2;
      ctx.strokeRect(x0 + 1, y + 1, Math.max(2, x1 - x0 - 2), FLAME_ROW_PX - 4);
    }
  }
}
