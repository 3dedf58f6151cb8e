/**
 * What a search form's time range choice means in absolute time. Shared by the search view's
 * URL codec and by the lists of a source whose lists depend on the range (Tempo's tag endpoints).
 */
import { LOOKBACK_US } from '../lookback';
import type { TimeRangeChoice } from './types';

/** The absolute window a range choice means at `nowMs`, in µs since the epoch. */
export function resolveRange(range: TimeRangeChoice, nowMs: number): { startUs: number; endUs: number } {
  if (range.kind === 'custom') return { startUs: range.startS * 1e6, endUs: range.endS * 1e6 };
  const endUs = Math.floor(nowMs) * 1000;
  return { startUs: endUs - LOOKBACK_US[range.lookback], endUs };
}
