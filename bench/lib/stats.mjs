// Small helpers shared by benchmark sections: statistics and a plain-text table.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** rows: arrays of cells (strings); the first row is the header; numbers are right-aligned. */
export function formatTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const line = (r) =>
    r
      .map((cell, c) =>
        c === 0 || /^[\d.,\s-]+$/.test(String(cell))
          ? String(cell).padStart(widths[c])
          : String(cell).padEnd(widths[c]),
      )
      .join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
