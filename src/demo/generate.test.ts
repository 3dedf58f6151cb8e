import { describe, expect, it } from 'vitest';
import {
  demoCatalog,
  demoFromTraceId,
  demoTraceId,
  generateDemo,
  generateDemoText,
  UnknownDemoError,
} from './generate';
import { depths, flatten, ms, selfTimes, type FlatSpan } from './demo-test-helpers';

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
const NANOS = /^[1-9][0-9]{18}$/;

function expectWellFormed(spans: readonly FlatSpan[], traceId: string): void {
  const ids = new Set<string>();
  let roots = 0;
  for (const { span, startNs, endNs } of spans) {
    expect(span.traceId).toBe(traceId);
    expect(span.spanId).toMatch(HEX16);
    expect(span.startTimeUnixNano).toMatch(NANOS);
    expect(span.endTimeUnixNano).toMatch(NANOS);
    expect(endNs).toBeGreaterThan(startNs);
    expect([1, 2, 3, 4, 5]).toContain(span.kind);
    expect([0, 1, 2]).toContain(span.status.code);
    ids.add(span.spanId);
    if (span.parentSpanId === undefined) roots++;
  }
  expect(ids.size).toBe(spans.length); // span ids are unique
  expect(roots).toBe(1);
  for (const { span } of spans) if (span.parentSpanId !== undefined) expect(ids.has(span.parentSpanId)).toBe(true);
}

const byName = (spans: readonly FlatSpan[], name: string) => spans.filter((s) => s.span.name === name);

describe('demo catalog', () => {
  it('lists the demos the generator knows, with ids that reopen the same trace', () => {
    expect(demoCatalog.map((d) => d.id)).toEqual(['hotrod', 'checkout', 'big-1k', 'big-10k', 'big']);
    for (const d of demoCatalog) {
      expect(d.title.length).toBeGreaterThan(0);
      const traceId = demoTraceId(d.id);
      expect(traceId).toMatch(HEX32);
      const back = demoFromTraceId(traceId);
      expect(back?.id).toBe(d.id);
      expect(demoTraceId(d.id, back?.options)).toBe(traceId);
    }
    expect(demoFromTraceId(demoTraceId('big', { spans: 1234, seed: 7 }))).toEqual({
      id: 'big',
      options: { seed: 7, spans: 1234 },
    });
    expect(demoFromTraceId('0123456789abcdef0123456789abcdef')).toBeUndefined();
    expect(() => generateDemo('nope')).toThrow(UnknownDemoError);
  });

  it('is deterministic: same seed, same text; another seed, another trace', () => {
    for (const id of ['hotrod', 'checkout', 'big-1k']) {
      expect(generateDemoText(id)).toBe(generateDemoText(id));
      expect(generateDemoText(id, { seed: 1 })).not.toBe(generateDemoText(id, { seed: 2 }));
    }
    const later = flatten(generateDemo('hotrod', { nowUnixMs: Date.UTC(2030, 0, 1) }));
    const earlier = flatten(generateDemo('hotrod'));
    expect(later.map((s) => s.endNs - s.startNs)).toEqual(earlier.map((s) => s.endNs - s.startNs));
    const end = later.reduce((m, s) => (s.endNs > m ? s.endNs : m), 0n);
    expect(end).toBe(BigInt(Date.UTC(2030, 0, 1) - 1000) * 1_000_000n); // ends 1 s before "now"
  });
});

describe('HotROD-like dispatch', () => {
  const doc = generateDemo('hotrod');
  const spans = flatten(doc);

  it('has HotROD services and shape', () => {
    expectWellFormed(spans, demoTraceId('hotrod'));
    expect(new Set(spans.map((s) => s.service))).toEqual(
      new Set(['frontend', 'customer', 'mysql', 'driver', 'redis-manual', 'route']),
    );
    expect(spans.length).toBeGreaterThanOrEqual(38);
    const root = spans.find((s) => s.span.parentSpanId === undefined);
    expect(root?.span.name).toBe('/dispatch');
    const total = ms((root?.endNs ?? 0n) - (root?.startNs ?? 0n));
    expect(total).toBeGreaterThan(650);
    expect(total).toBeLessThan(900);
    expect(byName(spans, 'FindDriverIDs')).toHaveLength(1);
    expect(byName(spans, '/route')).toHaveLength(10);
    expect(spans.some((s) => (s.span.events?.length ?? 0) > 0)).toBe(true);
  });

  it('fails every 5th GetDriver with "redis timeout" and retries it', () => {
    const gets = byName(spans, 'GetDriver');
    expect(gets).toHaveLength(12);
    const failed = gets.filter((s) => s.span.status.code === 2);
    expect(failed).toHaveLength(2);
    for (const f of failed) expect(f.span.status.message).toBe('redis timeout');
    const driver = spans.find((s) => s.service === 'driver');
    expect(driver?.span.events?.filter((e) => e.name === 'Retrying GetDriver after error')).toHaveLength(2);
  });

  it('makes the mysql query the longest leaf and the biggest self time', () => {
    const mysql = spans.find((s) => s.service === 'mysql');
    expect(mysql?.span.name).toBe('SQL SELECT');
    const parents = new Set(spans.map((s) => s.span.parentSpanId));
    const leaves = spans.filter((s) => !parents.has(s.span.spanId));
    const longestLeaf = leaves.reduce((a, b) => (b.endNs - b.startNs > a.endNs - a.startNs ? b : a));
    expect(longestLeaf.span.spanId).toBe(mysql?.span.spanId);
    const self = selfTimes(spans);
    const [topId] = [...self].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))[0] ?? [];
    expect(topId).toBe(mysql?.span.spanId);
  });

  it('runs /route through 3 workers: never more than 3 at once, a staircase of at least 4 steps', () => {
    const routes = byName(spans, '/route');
    const points = routes
      .flatMap((r) => [[r.startNs, 1] as const, [r.endNs, -1] as const])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    let open = 0;
    let max = 0;
    for (const [, d] of points) max = Math.max(max, (open += d));
    expect(max).toBe(3);
    const first = routes.reduce((m, r) => (r.startNs < m ? r.startNs : m), routes[0]?.startNs ?? 0n);
    const last = routes.reduce((m, r) => (r.endNs > m ? r.endNs : m), 0n);
    expect(ms(last - first)).toBeGreaterThan(130); // 10 tasks / 3 workers ≈ 4 rounds of ~50 ms
  });
});

describe('checkout', () => {
  const spans = flatten(generateDemo('checkout'));

  it('is well formed across the shop services', () => {
    expectWellFormed(spans, demoTraceId('checkout'));
    const services = new Set(spans.map((s) => s.service));
    for (const s of [
      'web-gateway',
      'checkout',
      'cart',
      'inventory',
      'payment',
      'fraud-check',
      'postgres',
      'email-service',
      'shipping',
    ])
      expect(services).toContain(s);
  });

  it('has a Kafka hop: consumers are children of the producer and start after it ends', () => {
    const producer = spans.find((s) => s.span.kind === 4);
    expect(producer?.service).toBe('checkout');
    expect(producer?.span.attributes.find((a) => a.key === 'messaging.destination.name')?.value).toEqual({
      stringValue: 'order-events',
    });
    const consumers = spans.filter((s) => s.span.kind === 5);
    expect(consumers.map((c) => c.service).sort()).toEqual(['email-service', 'shipping']);
    for (const c of consumers) {
      expect(c.span.parentSpanId).toBe(producer?.span.spanId);
      expect(c.startNs).toBeGreaterThan(producer?.endNs ?? 0n);
    }
  });

  it('has a declined payment and a call retried after a backoff', () => {
    const declined = spans.filter((s) => s.span.status.code === 2 && s.service === 'payment');
    expect(declined).toHaveLength(1);
    expect(declined[0]?.span.status.message).toMatch(/declined/);
    const reserves = spans
      .filter((s) => s.service === 'checkout' && s.span.name.endsWith('/ReserveItems'))
      .sort((a, b) => (a.startNs < b.startNs ? -1 : 1));
    expect(reserves.map((r) => r.span.status.code)).toEqual([2, 0]);
    expect(ms((reserves[1]?.startNs ?? 0n) - (reserves[0]?.endNs ?? 0n))).toBeGreaterThanOrEqual(100);
  });
});

describe('big trace', () => {
  it.each([1, 2, 3, 50, 1000, 10_000])('has exactly %i spans, well formed, children inside their parents', (n) => {
    const doc = generateDemo('big', { spans: n });
    const spans = flatten(doc);
    expect(spans).toHaveLength(n);
    expectWellFormed(spans, demoTraceId('big', { spans: n }));
    const byId = new Map(spans.map((s) => [s.span.spanId, s]));
    for (const s of spans) {
      const p = s.span.parentSpanId !== undefined ? byId.get(s.span.parentSpanId) : undefined;
      if (p === undefined) continue;
      expect(s.startNs).toBeGreaterThanOrEqual(p.startNs);
      expect(s.endNs).toBeLessThanOrEqual(p.endNs);
    }
  });

  it('mixes depth, width, services, attributes, errors and events like a real trace', () => {
    const spans = flatten(generateDemo('big-10k'));
    expect(new Set(spans.map((s) => s.service)).size).toBeGreaterThanOrEqual(28);
    const depth = depths(spans);
    expect(Math.max(...depth.values())).toBeGreaterThanOrEqual(100); // a recursion chain hundreds deep
    const fanout = new Map<string, number>();
    for (const s of spans)
      if (s.span.parentSpanId) fanout.set(s.span.parentSpanId, (fanout.get(s.span.parentSpanId) ?? 0) + 1);
    expect(Math.max(...fanout.values())).toBeGreaterThanOrEqual(20);
    const attrs = spans.map((s) => s.span.attributes.length);
    expect(Math.min(...attrs)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...attrs)).toBeLessThanOrEqual(6);
    const keys = new Set(spans.flatMap((s) => s.span.attributes.map((a) => a.key)));
    for (const k of ['http.method', 'http.url', 'http.route', 'db.statement', 'rpc.method', 'db.system'])
      expect(keys).toContain(k);
    const errors = spans.filter((s) => s.span.status.code === 2).length;
    expect(errors).toBeGreaterThan(5);
    expect(errors).toBeLessThan(500);
    expect(spans.filter((s) => (s.span.events?.length ?? 0) > 0).length).toBeGreaterThan(50);
    expect(new Set(spans.map((s) => s.span.kind))).toEqual(new Set([1, 2, 3]));
  });

  it('generates 100k spans iteratively, with chains hundreds deep', () => {
    generateDemo('big', { spans: 10_000 }); // warm up the JIT
    const t0 = performance.now();
    const doc = generateDemo('big');
    const elapsedMs = performance.now() - t0;
    const spans = flatten(doc);
    expect(spans).toHaveLength(100_000);
    expect(Math.max(...depths(spans).values())).toBeGreaterThanOrEqual(150);
    // Speed is judged by the bench, not by a wall-clock bound on a shared machine.
    console.info(`generateDemo('big'): 100k spans in ${elapsedMs.toFixed(0)} ms`);
  });
});
