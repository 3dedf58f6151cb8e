/**
 * One colour per service, stable within a trace: services sorted by name take palette
 * entries in turn, so the same trace always looks the same. The palette is picked for
 * contrast on both light and dark backgrounds.
 */
const PALETTE = [
  '#0ea5e9',
  '#f59e0b',
  '#10b981',
  '#8b5cf6',
  '#ec4899',
  '#14b8a6',
  '#f97316',
  '#6366f1',
  '#84cc16',
  '#06b6d4',
  '#d946ef',
  '#eab308',
  '#22c55e',
  '#3b82f6',
  '#a855f7',
  '#ef4444',
] as const;

export function serviceColors(services: Iterable<string>): ReadonlyMap<string, string> {
  const sorted = [...new Set(services)].sort();
  const colors = new Map<string, string>();
  sorted.forEach((service, i) => colors.set(service, PALETTE[i % PALETTE.length] ?? '#64748b'));
  return colors;
}
