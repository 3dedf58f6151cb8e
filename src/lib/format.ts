/**
 * Human-readable durations, percentages and times for headers, tooltips and the verdict line.
 * Durations are in microseconds (the model's unit). Precision is chosen so the number
 * reads at a glance: at most two significant digits below 10 of a unit, whole units above.
 */

/** One decimal, without a trailing ".0" ("1.5", "2"). */
function oneDecimal(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/**
 * "0 µs", "12 µs", "1.5 ms", "760 ms", "1.8 s", "42 s", "2 min 5 s", "1 h 3 min".
 * Rounding that reaches the next unit moves to it (999.7 µs → "1 ms", not "1000 µs").
 */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return '–';
  if (us < 0) return `-${formatDuration(-us)}`;
  if (Math.round(us) < 1000) {
    // Sub-microsecond values appear with nanosecond sources; keep one decimal for them.
    return us < 10 && !Number.isInteger(us) ? `${oneDecimal(us)} µs` : `${Math.round(us)} µs`;
  }
  const ms = us / 1000;
  if (Math.round(ms * 10) / 10 < 10) return `${oneDecimal(ms)} ms`;
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const s = us / 1e6;
  if (Math.round(s * 10) / 10 < 10) return `${oneDecimal(s)} s`;
  if (Math.round(s) < 60) return `${Math.round(s)} s`;
  const totalS = Math.round(s);
  if (totalS < 3600) {
    const min = Math.floor(totalS / 60);
    const rest = totalS % 60;
    return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
  }
  const totalMin = Math.round(s / 60);
  const h = Math.floor(totalMin / 60);
  const restMin = totalMin % 60;
  return restMin === 0 ? `${h} h` : `${h} h ${restMin} min`;
}

/**
 * A share 0..1 as a whole percent: "42%". Non-zero shares that round to 0 read "<1%" and
 * shares just short of everything read ">99%", so the text never claims all or nothing falsely.
 */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const pct = Math.round(share * 100);
  if (pct === 0 && share > 0) return '<1%';
  if (pct === 100 && share < 1) return '>99%';
  return `${pct}%`;
}

/**
 * Local time to the millisecond, "2026-11-25 10:04:05.123" (µs since the epoch): the same in
 * every locale, and without Intl, whose first use costs a page about 35 ms of ICU setup.
 */
export function formatAbsolute(startUnixUs: number): string {
  const d = new Date(startUnixUs / 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/**
 * A count with thousands separators, as en-US writes it ("1,234,567"), without Intl: a page's
 * first toLocaleString or Intl call sets up ICU, 25-55 ms of main-thread time measured here,
 * and a count is in the first render of every trace.
 */
export function formatCount(n: number): string {
  const digits = String(Math.round(Math.abs(n)));
  if (!Number.isFinite(n) || !/^\d+$/.test(digits)) return String(n); // NaN, Infinity, 1e21 and beyond
  let out = digits.slice(-3);
  for (let end = digits.length - 3; end > 0; end -= 3) out = `${digits.slice(Math.max(0, end - 3), end)},${out}`;
  return n < 0 && out !== '0' ? `-${out}` : out;
}
