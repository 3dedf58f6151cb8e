// The million bench's generator and brute-force answers: deterministic, valid Jaeger JSON that
// the app's own parser reads back span for span, and answers that agree with src/model's
// analyses (the bench itself never imports src/model; this test is where they meet).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTraceText } from '../../src/api/parse-trace-file';
import { analyzeTrace } from '../../src/model/analyze';
import { spanStats } from '../../src/model/span-stats';
import { buildTree } from '../../src/model/tree';
import type { Trace } from '../../src/model/types';
import { randomTraceArb } from '../../src/model/__fixtures__/random-trace';
import { bruteForce } from './million-check.mjs';
import { writeJaegerJson } from './million-json.mjs';
import { generateMillionTrace, KIND_NAMES, spanIdOf } from './million-trace.mjs';

const dir = mkdtempSync(join(tmpdir(), 'million-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fileOf(spans: number, seed: number, name: string) {
  const t = generateMillionTrace({ spans, seed });
  const path = join(dir, name);
  const bytes = await writeJaegerJson(t, path);
  return { t, path, bytes, text: readFileSync(path, 'utf8') };
}

describe('million-span bench trace', () => {
  it('is deterministic: the same spans and seed give the same bytes, another seed other bytes', async () => {
    const a = await fileOf(3_000, 16, 'a.json');
    const b = await fileOf(3_000, 16, 'b.json');
    const c = await fileOf(3_000, 17, 'c.json');
    const hash = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(a.bytes).toBe(Buffer.byteLength(a.text));
    expect(hash(a.text)).toBe(hash(b.text));
    expect(hash(c.text)).not.toBe(hash(a.text));
  });

  it('has exactly the spans asked for, unique ids, ~30 services, a deep chain and a wide fan-out', () => {
    const t = generateMillionTrace({ spans: 50_000, seed: 16 });
    expect(t.n).toBe(50_000);
    const ids = new Set(Array.from({ length: t.n }, (_, i) => spanIdOf(i)));
    expect(ids.size).toBe(t.n);
    expect(new Set(Array.from(t.service.subarray(0, t.n))).size).toBeGreaterThanOrEqual(20);
    // Listed as a collector receives spans, by end: the root (the only span without a parent)
    // among the last (only asynchronous or clock-skewed spans end after it).
    const roots = Array.from(t.parent.subarray(0, t.n)).flatMap((p, i) => (p < 0 ? [i] : []));
    expect(roots).toHaveLength(1);
    expect(roots[0]).toBeGreaterThan(t.n * 0.99);
    const depth = new Int32Array(t.n).fill(-1);
    const children = new Int32Array(t.n);
    for (let i = 0; i < t.n; i++) {
      const p = t.parent[i] ?? -1;
      if (p >= 0) children[p] = (children[p] ?? 0) + 1;
      const up: number[] = [];
      let a = i;
      while (a >= 0 && depth[a] === -1) {
        up.push(a);
        a = t.parent[a] ?? -1;
      }
      let d = a >= 0 ? (depth[a] ?? 0) : -1;
      for (let k = up.length - 1; k >= 0; k--) depth[up[k]!] = ++d;
    }
    expect(depth.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThanOrEqual(1_000);
    expect(children.reduce((a, b) => Math.max(a, b), 0)).toBeGreaterThanOrEqual(2_000);
    expect(t.follows.some((f) => f === 1)).toBe(true);
    expect(t.logs.some((l) => l > 0)).toBe(true);
  });

  it("parses with the app's parser into the same spans, and the brute force agrees with src/model", async () => {
    const { t, text } = await fileOf(20_000, 16, 'd.json');
    const parsed = parseTraceText(text);
    expect(parsed.format).toBe('jaeger-v1');
    expect(parsed.traces).toHaveLength(1);
    const trace = parsed.traces[0]!;
    expect(trace.spans).toHaveLength(20_000);
    for (const i of [0, 1, 401, 999, 12_345, 19_999]) {
      const span = trace.spans[i]!;
      expect(span.spanId).toBe(spanIdOf(i));
      expect(span.service).toBe(t.services[t.service[i]!]);
      expect(span.durationUs).toBe(t.dur[i]);
      expect(span.parentSpanId).toBe(t.parent[i]! < 0 ? undefined : spanIdOf(t.parent[i]!));
    }
    const { tree } = buildTree(trace);
    expect(Array.from(tree.parent)).toEqual(Array.from(t.parent.subarray(0, t.n)));

    const analysis = analyzeTrace(trace);
    const brute = bruteForce(t);
    // The path tiles the root's interval, and it is not trivial (many spans, several services).
    expect(brute.criticalTotalUs).toBe(brute.rootDurationUs);
    expect(brute.criticalSpanCount).toBeGreaterThan(50);
    expect(Array.from(brute.criticalUs)).toEqual(Array.from(analysis.criticalUs));
    expect(Array.from(brute.selfUs)).toEqual(Array.from(analysis.selfTimeUs));
    expect(brute.slowest.map((s) => s.spanId)).toEqual(
      analysis.bottlenecks.slowestBySelfTime.slice(0, 15).map((i) => trace.spans[i]!.spanId),
    );
    const stats = spanStats(trace, analysis, 'service');
    expect(stats.length).toBe(brute.services.size);
    for (const row of stats) {
      const want = brute.services.get(row.group);
      expect(want, row.group).toBeDefined();
      expect([row.count, Math.round(row.selfUs), Math.round(row.criticalUs)]).toEqual([
        want!.count,
        Math.round(want!.selfUs),
        Math.round(want!.criticalUs),
      ]);
    }
  });

  it('brute force agrees with src/model on small messy traces (skew, ties, async, orphans, cycles)', () => {
    // The model's own tree (orphans and cycles resolved) as the bench's arrays.
    const asArrays = (trace: Trace) => {
      const n = trace.spans.length;
      const { tree } = buildTree(trace);
      return {
        n,
        parent: Int32Array.from(tree.parent),
        start: Float64Array.from(trace.spans, (s) => s.startUs),
        dur: Float64Array.from(trace.spans, (s) => s.durationUs),
        kind: Uint8Array.from(trace.spans, (s) => Math.max(0, KIND_NAMES.indexOf(s.kind))),
        follows: Uint8Array.from(trace.spans, (s) => (s.refType === 'follows-from' ? 1 : 0)),
        service: new Uint8Array(n),
        services: ['s'],
        idOf: (i: number) => trace.spans[i]!.spanId,
      };
    };
    fc.assert(
      fc.property(randomTraceArb, (trace) => {
        const brute = bruteForce(asArrays(trace));
        const analysis = analyzeTrace(trace);
        expect(Array.from(brute.criticalUs)).toEqual(Array.from(analysis.criticalUs));
        expect(Array.from(brute.selfUs)).toEqual(Array.from(analysis.selfTimeUs));
      }),
      { numRuns: 1000 },
    );
  });
});
