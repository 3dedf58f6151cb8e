/**
 * Draws the visible levels of the flame graph on a canvas: translucent bars per span,
 * the critical path's segments solid with an underline, labels where a bar is wide enough,
 * and an outline round the selected span. A bar that would add no pixel to what its level
 * already shows is skipped, and colours are set only when they change, so 100k spans cost
 * a loop and about one fill per pixel column, not 100k fills.
 */
import type { CoreAnalysis } from '../../../model/analysis-types';
import type { Trace } from '../../../model/types';
import type { FlameGeometry, FlameLevels } from '../../../layout/flame-layout';

export const FLAME_ROW_PX = 20;
const LABEL_MIN_PX = 36;
const AVG_CHAR_PX = 6.6; // 11px sans-serif
const FALLBACK_COLOR = '#64748b';

export interface FlameScene {
  readonly trace: Trace;
  readonly analysis: CoreAnalysis;
  readonly levels: FlameLevels;
  readonly geometry: FlameGeometry;
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
  const { trace, analysis, levels, geometry, colors, selected, windowUs, scrollTop, width, height } = scene;
  const { startUs, endUs, segOffsets, segSpan, segFromUs, segToUs } = geometry;
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

  ctx.globalAlpha = 0.55;
  let fill = '';
  const setFill = (color: string) => {
    if (color !== fill) ctx.fillStyle = fill = color; // parsing a colour string per bar is what costs
  };
  for (let d = firstLevel; d <= lastLevel; d++) {
    const y = d * FLAME_ROW_PX - scrollTop;
    let drawnTo = -Infinity;
    let labelTo = -Infinity; // concurrent siblings overlap in time: one label per stretch of a level
    const end = levels.offsets[d + 1] ?? 0;
    for (let k = levels.offsets[d] ?? 0; k < end; k++) {
      const x1 = Math.min(x(endUs[k] ?? 0), width + 1);
      // Off screen, or a bar that adds no pixel to what this level already shows: skipped.
      if (x1 < 0 || x1 < drawnTo + 1) continue;
      const x0 = Math.max(x(startUs[k] ?? 0), -1);
      if (x0 > width) continue;
      const i = levels.spans[k] ?? 0;
      const w = Math.max(1, x1 - x0 - (x1 - x0 > 3 ? 1 : 0));
      drawnTo = Math.max(drawnTo, x0 + w);
      setFill(colors.get(trace.spans[i]?.service ?? '') ?? FALLBACK_COLOR);
      ctx.fillRect(x0, y, w, FLAME_ROW_PX - 2);
      if (w >= LABEL_MIN_PX && x0 >= labelTo) {
        labels.push(i, x0, y, w);
        labelTo = x0 + w;
      }
    }
  }
  ctx.globalAlpha = 1;

  // The critical path: its segments solid, with a foreground underline.
  for (let d = firstLevel; d <= lastLevel; d++) {
    const y = d * FLAME_ROW_PX - scrollTop;
    let drawnTo = -Infinity;
    const end = segOffsets[d + 1] ?? 0;
    for (let k = segOffsets[d] ?? 0; k < end; k++) {
      const x1 = Math.min(x(segToUs[k] ?? 0), width);
      if (x1 <= 0 || x1 < drawnTo + 1) continue;
      const x0 = Math.max(x(segFromUs[k] ?? 0), 0);
      if (x0 >= width) continue;
      const w = Math.max(1, x1 - x0);
      drawnTo = Math.max(drawnTo, x0 + w);
      setFill(colors.get(trace.spans[segSpan[k] ?? 0]?.service ?? '') ?? FALLBACK_COLOR);
      ctx.fillRect(x0, y, w, FLAME_ROW_PX - 5);
      setFill(foreground);
      ctx.fillRect(x0, y + FLAME_ROW_PX - 5, w, 3);
    }
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
    setFill((analysis.criticalUs[i] ?? 0) * 2 > s.durationUs ? text : foreground);
    // Cut to the bar's width by an average glyph width: no clip region per label.
    const room = Math.floor((w - 8) / AVG_CHAR_PX);
    const label = `${s.service}: ${s.name}`;
    if (room < 3) continue;
    ctx.fillText(label.length > room ? `${label.slice(0, room - 1)}…` : label, x0 + 4, y + (FLAME_ROW_PX - 5) / 2);
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
