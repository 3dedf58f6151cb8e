/**
 * The relative time windows ("last hour") the search page and the dependency page offer, with
 * their labels and lengths: one list, so both pages offer the same choices and a `lookback=`
 * URL parameter means the same on both. A value not in the list is not a lookback (callers
 * fall back to DEFAULT_LOOKBACK), so every value either page ever wrote still parses.
 */
export const LOOKBACKS = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '24h', '2d', '7d'] as const;
export type Lookback = (typeof LOOKBACKS)[number];

export const DEFAULT_LOOKBACK: Lookback = '1h';

export const LOOKBACK_LABEL: Readonly<Record<Lookback, string>> = {
  '5m': 'Last 5 minutes',
  '15m': 'Last 15 minutes',
  '30m': 'Last 30 minutes',
  '1h': 'Last hour',
  '3h': 'Last 3 hours',
  '6h': 'Last 6 hours',
  '12h': 'Last 12 hours',
  '24h': 'Last 24 hours',
  '2d': 'Last 2 days',
  '7d': 'Last 7 days',
};

/** Each window's length in µs. */
export const LOOKBACK_US: Readonly<Record<Lookback, number>> = {
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

export const isLookback = (v: string | null | undefined): v is Lookback => LOOKBACKS.some((l) => l === v);
