/**
 * Real backends on 127.0.0.1 for end-to-end specs (started by `scripts/backends.sh start`).
 * Specs that need them are tagged `@backends`; scripts/test.mjs sets PATHLIGHT_BACKENDS=1 when
 * they are up.
 */

export const BACKENDS = {
  jaeger: 'http://127.0.0.1:16686',
  hotrod: 'http://127.0.0.1:8080',
  zipkin: 'http://127.0.0.1:9411',
  /** The Tempo-compatible test server (e2e/tempo-server); Jaeger forwards everything to it. */
  tempo: 'http://127.0.0.1:3200',
  tempoOtlp: 'http://127.0.0.1:4418',
} as const;

/** The six services one HotROD dispatch produces. */
export const HOTROD_SERVICES = ['customer', 'driver', 'frontend', 'mysql', 'redis-manual', 'route'];

export const backendsUp = (): boolean => process.env.PATHLIGHT_BACKENDS === '1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Fire one HotROD dispatch and return its trace id (32 lower hex) from the `traceresponse`
 * header. Customers 123, 392, 731, 567 are valid; another integer gives an error trace (HTTP 404).
 */
export async function dispatch(customer: number | string = 123): Promise<string> {
  const res = await fetch(`${BACKENDS.hotrod}/dispatch?customer=${customer}&nonse=${Math.random()}`);
  await res.text();
  const id = res.headers.get('traceresponse')?.split('-')[1];
  if (!id) throw new Error(`HotROD dispatch gave no traceresponse header (HTTP ${res.status})`);
  return id;
}

/** Count of spans in a Jaeger v1, Jaeger v3 or Tempo trace-by-id body. */
type SpanBody = {
  data?: { spans?: unknown[] }[];
  result?: { resourceSpans?: ResourceSpans[] };
  trace?: { resourceSpans?: ResourceSpans[] };
  batches?: ResourceSpans[];
};
type ResourceSpans = { scopeSpans: { spans: unknown[] }[] };

function countSpans(body: unknown): number {
  if (Array.isArray(body)) return body.length; // Zipkin: a list of spans
  if (typeof body !== 'object' || body === null) return 0;
  const b = body as SpanBody;
  if (Array.isArray(b.data)) return b.data[0]?.spans?.length ?? 0;
  const rs = b.result?.resourceSpans ?? b.trace?.resourceSpans ?? b.batches ?? [];
  return rs.reduce((n, r) => n + r.scopeSpans.reduce((m, s) => m + s.spans.length, 0), 0);
}

/**
 * Poll a trace-by-id URL until the trace is complete (its span count unchanged for three polls,
 * 1.5 s; HotROD flushes every second). Returns the parsed body.
 */
export async function waitForTrace(url: string, timeoutMs = 20_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let same = 0;
  let body: unknown;
  while (Date.now() < deadline) {
    await sleep(500);
    const res = await fetch(url);
    if (!res.ok) continue;
    body = await res.json();
    const n = countSpans(body);
    same = n === last ? same + 1 : 0;
    last = n;
    if (n > 0 && same >= 2) return body;
  }
  if (last > 0) return body;
  throw new Error(`trace did not appear at ${url} within ${timeoutMs} ms`);
}

/** Dispatch once and wait until the whole trace is in Jaeger and in the Tempo test server. */
export async function hotrodTrace(customer: number | string = 123): Promise<{ traceId: string; spans: number }> {
  const traceId = await dispatch(customer);
  const jaeger = await waitForTrace(`${BACKENDS.jaeger}/api/traces/${traceId}`);
  await waitForTrace(`${BACKENDS.tempo}/api/traces/${traceId}`);
  return { traceId, spans: countSpans(jaeger) };
}
