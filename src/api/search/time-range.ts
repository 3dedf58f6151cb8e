/**
 * What a search form's time range choice means in absolute time. Shared by the search view's
 * URL codec and by the lists of a source whose lists depend on the range (Tempo's tag endpoints).
 */
import type { Lookback, TimeRangeChoice } from './types';

const LOOKBACK_US: Readonly<Record<Lookback, number>> = {
  '5m': 5 * 60e6,
  '15m': 15 * 60e6,
  '30m': 30 * 60e6,
  '1h': 3600e6,
  '3h': 3 * 3600e6,
  '6h': 6 * 3600e6,
  '12h': 12 * 3600e6,
  '24h': 24 * 3600e6,
  '2d': 48 * 3600e6,
  '7d': 7 * 24 * 3600e6,
};

/** The absolute window a range choice means at `nowMs`, in µs since the epoch. */
export function resolveRange(range: TimeRangeChoice, nowMs: number): { startUs: number; endUs: number } {
  if (range.kind === 'custom') return { startUs: range.startS * 1e6, endUs: range.endS * 1e6 };
  const endUs = Math.floor(nowMs) * 1000;
  return { startUs: endUs - LOOKBACK_US[range.lookback], endUs };
}
