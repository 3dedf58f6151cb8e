/**
 * How numbers become looks on the dependency graph: node size by calls, colour by error
 * rate, edge width by calls. Pure, so the legend and the graph share one definition.
 */
import { scaleLinear, scaleSqrt } from 'd3-scale';

/** Error rate 0..1 → colour: green at 0, amber at 5 %, red from 25 %. Unknown (not reported) → slate. */
const errorScale = scaleLinear<string>().domain([0, 0.05, 0.25]).range(['#16a34a', '#f59e0b', '#dc2626']).clamp(true);
export const UNKNOWN_COLOR = '#64748b';
export const errorColor = (rate: number | undefined): string =>
  rate === undefined || !Number.isFinite(rate) ? UNKNOWN_COLOR : errorScale(rate);
export const ERROR_LEGEND: readonly { readonly label: string; readonly color: string }[] = [
  { label: 'no errors', color: errorColor(0) },
  { label: '5%', color: errorColor(0.05) },
  { label: '≥ 25%', color: errorColor(0.25) },
  { label: 'not reported', color: UNKNOWN_COLOR },
];

/** A colour at low alpha for a node's fill, so the label stays readable in light and dark themes. */
export const tint = (color: string, alpha = 0.16): string => {
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  if (rgb) return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})`;
  if (/^#[0-9a-f]{6}$/i.test(color))
    return `${color}${Math.round(alpha * 255)
      .toString(16)
      .padStart(2, '0')}`;
  return color;
};

export interface NodeSizer {
  (label: string, calls: number, detail?: string): { width: number; height: number };
}

/** Width fits the label (≈ 7 px a character at 12 px) and the detail line (≈ 6 px), height grows with √calls from 34 to 64 px. */
export function nodeSizer(maxCalls: number): NodeSizer {
  const h = scaleSqrt()
    .domain([0, Math.max(1, maxCalls)])
    .range([34, 64])
    .clamp(true);
  return (label, calls, detail = '') => ({
    width: Math.min(230, Math.max(96, label.length * 7 + 26, detail.length * 6 + 20)),
    height: Math.round(h(calls)),
  });
}

/** Edge stroke width by √calls, 1.2 to 7 px. */
export function edgeWidthScale(maxCalls: number): (calls: number) => number {
  const w = scaleSqrt()
    .domain([0, Math.max(1, maxCalls)])
    .range([1.2, 7])
    .clamp(true);
  return (calls) => w(calls);
}
