/** "just now", "42 s ago", "3 min ago", "2 h ago", "3 d ago" for a result's start (µs since the epoch). */
export function formatAgo(startUnixUs: number, nowMs: number): string {
  const s = (nowMs * 1000 - startUnixUs) / 1e6;
  if (s < -1) return `in ${formatSpan(-s)}`; // clock skew between the backend and this browser
  if (s < 10) return 'just now';
  return `${formatSpan(s)} ago`;
}

function formatSpan(s: number): string {
  if (s < 60) return `${Math.floor(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}
