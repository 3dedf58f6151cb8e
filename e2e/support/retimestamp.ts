/** Shift a Zipkin v2 span list so its earliest span starts `agoMs` before now (search windows need recent data). */
export function retimestampZipkin(spans: unknown, agoMs = 60_000): unknown[] {
  if (!Array.isArray(spans)) throw new Error('not a Zipkin span list');
  const starts = spans
    .map((s: { timestamp?: number }) => s.timestamp)
    .filter((t): t is number => typeof t === 'number');
  const delta = (Date.now() - agoMs) * 1000 - Math.min(...starts);
  return spans.map((s: { timestamp?: number; annotations?: { timestamp: number; value: string }[] }) => ({
    ...s,
    ...(typeof s.timestamp === 'number' ? { timestamp: s.timestamp + delta } : {}),
    ...(s.annotations ? { annotations: s.annotations.map((a) => ({ ...a, timestamp: a.timestamp + delta })) } : {}),
  }));
}

/** Give a Zipkin span list a fresh random 64-bit trace id, so every run posts a new trace. */
export function withFreshTraceId(spans: unknown[]): { traceId: string; spans: unknown[] } {
  const traceId = Array.from({ length: 16 }, () => Math.floor(Math.random() * 16).toString(16))
    .join('')
    .replace(/^0/, '1');
  return { traceId, spans: spans.map((s) => ({ ...(s as object), traceId })) };
}
