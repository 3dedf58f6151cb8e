/**
 * Durations typed in the search form ("500ms", "1.2s", "1m30s", "250us", "2 s") ⇄ µs, and
 * µs → the Go duration strings Jaeger and Tempo accept. A bare number is milliseconds.
 */

const UNIT_US: Readonly<Record<string, number>> = {
  ns: 0.001,
  us: 1,
  µs: 1,
  μs: 1,
  ms: 1000,
  s: 1e6,
  m: 60e6,
  min: 60e6,
  h: 3600e6,
};

export type DurationParse =
  { readonly ok: true; readonly us: number | undefined } | { readonly ok: false; readonly error: string };

/** Empty text is "no bound" (us undefined). */
export function parseDurationUs(text: string): DurationParse {
  const t = text.trim().replace(/\s+/g, '');
  if (t === '') return { ok: true, us: undefined };
  if (/^\d+(\.\d+)?$/.test(t)) return { ok: true, us: Math.round(Number(t) * 1000) };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|min|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < t.length) {
    re.lastIndex = pos;
    const m = re.exec(t);
    const unit = m?.[2] === undefined ? undefined : UNIT_US[m[2]];
    if (!m || m[1] === undefined || unit === undefined)
      return { ok: false, error: `"${text.trim()}" is not a duration: write e.g. 500ms, 1.2s or 2m` };
    total += Number(m[1]) * unit;
    pos = re.lastIndex;
  }
  return { ok: true, us: Math.round(total * 1000) / 1000 };
}

/** µs → Go duration ("500ms", "1.2s", "250us", "1500ns"); whole units when exact. */
export function goDuration(us: number): string {
  if (us >= 1e6 && Number.isInteger(us / 1000)) return `${trim(us / 1e6)}s`;
  if (us >= 1000 && Number.isInteger(us)) return `${trim(us / 1000)}ms`;
  if (Number.isInteger(us)) return `${us}us`;
  return `${Math.round(us * 1000)}ns`;
}

/** Up to 3 decimals, no trailing zeros. */
function trim(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
