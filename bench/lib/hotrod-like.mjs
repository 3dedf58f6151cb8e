// HotROD-like traces for the search and aggregate benches: OTLP resourceSpans as Jaeger's
// /api/v3/traces writes them, a /dispatch root in frontend and its children spread over the
// other services, from a seeded stream so every run serves the same bytes.

export const SERVICES = ['frontend', 'customer', 'mysql', 'driver', 'redis-manual', 'route'];

/** A deterministic pseudo-random stream in [0, 1). */
export function prng(seed) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const hex = (rand, n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const attr = (key, value) => ({
  key,
  value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value },
});

/**
 * One trace of `spans` spans that started within the hour before `nowMs`: its id and its
 * resourceSpans, one per service. About a fifth of the redis-manual spans fail.
 */
export function hotrodLikeTrace(rand, nowMs, spans) {
  const traceId = hex(rand, 32);
  const startNs = BigInt(Math.floor(nowMs - rand() * 3600_000)) * 1_000_000n;
  const byService = new Map(SERVICES.map((s) => [s, []]));
  const rootId = hex(rand, 16);
  const totalUs = 300_000 + Math.floor(rand() * 900_000);
  for (let i = 0; i < spans; i++) {
    const service = i === 0 ? 'frontend' : SERVICES[1 + (i % (SERVICES.length - 1))];
    const offUs = i === 0 ? 0 : Math.floor(rand() * totalUs * 0.8);
    const durUs = i === 0 ? totalUs : Math.floor(rand() * (totalUs - offUs));
    byService.get(service).push({
      traceId,
      spanId: i === 0 ? rootId : hex(rand, 16),
      ...(i === 0 ? {} : { parentSpanId: rootId }),
      name:
        i === 0
          ? '/dispatch'
          : service === 'redis-manual'
            ? 'GetDriver'
            : service === 'mysql'
              ? 'SQL SELECT'
              : `HTTP GET /${service}`,
      kind: i === 0 ? 2 : 3,
      startTimeUnixNano: String(startNs + BigInt(offUs) * 1000n),
      endTimeUnixNano: String(startNs + BigInt(offUs + durUs) * 1000n),
      attributes: [
        attr('http.request.method', 'GET'),
        attr('http.response.status_code', 200),
        attr('server.address', '127.0.0.1'),
        attr('customer_id', 123),
      ],
      status: service === 'redis-manual' && rand() < 0.2 ? { code: 2, message: 'redis timeout' } : {},
    });
  }
  const resourceSpans = [];
  for (const [service, list] of byService)
    if (list.length > 0)
      resourceSpans.push({
        resource: { attributes: [attr('service.name', service), attr('host.name', 'bench')] },
        scopeSpans: [{ scope: { name: 'hotrod' }, spans: list }],
      });
  return { traceId, resourceSpans };
}
