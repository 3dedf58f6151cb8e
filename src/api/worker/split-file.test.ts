/**
 * A file read by two workers (split-file.ts), each half with its own reader and packer, must
 * give the page exactly the trace one reader gives, and the worker's analyses the same answers,
 * wherever the cut falls; a file the split cannot take is read whole by the caller.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeCore } from '../../model/analyze';
import { plainTrace } from '../../model/__fixtures__/plain-trace';
import type { Trace } from '../../model/types';
import { jaegerV1ToTraces } from '../jaeger/to-model';
import { analysisMessages, handleLoadRequest } from './handle-request';
import { JaegerStreamReader, NotFastJaeger, SPAN_GAP } from './jaeger-stream';
import { readHeadPart, readTailPart, type SplitResult } from './split-file';
import { unpackTrace } from './unpack-trace';

const FIXTURES = resolve(import.meta.dirname, '../../../../shared/fixtures/jaeger-v1');
const TRACE = '00000000000000aa00000000000000bb';
const sid = (i: number) => (0xc0 + i).toString(16).padStart(16, '0');

/**
 * Compact Jaeger JSON of `n` spans: parents before and after their children, starts out of
 * order (the earliest span in the last third), logs, links, shared and nested tags, four
 * processes, non-ASCII text (byte and char offsets differ), trace warnings and errors.
 */
function jaegerText(n: number): string {
  const spans = [];
  for (let i = 0; i < n; i++) {
    const parent = i === 0 ? undefined : (i * 7) % i;
    spans.push({
      traceID: TRACE,
      spanID: sid(i),
      flags: 1,
      operationName: `op-${i % 5} ünï 🚀`,
      references: [
        ...(parent === undefined ? [] : [{ refType: 'CHILD_OF', traceID: TRACE, spanID: sid(parent) }]),
        ...(i % 4 === 3 ? [{ refType: 'FOLLOWS_FROM', traceID: TRACE, spanID: sid(n - 1 - i) }] : []),
      ],
      startTime: 1_700_000_000_000_000 + (i === Math.floor((2 * n) / 3) ? -500 : i * 10),
      duration: 1000 - i,
      tags: [
        { key: 'span.kind', type: 'string', value: i % 2 ? 'client' : 'server' },
        { key: 'n', type: 'int64', value: i % 3 },
        ...(i % 5 === 0 ? [{ key: 'error', type: 'bool', value: true }] : []),
        ...(i % 6 === 0 ? [{ key: 'odd', value: { nested: [i, 'two', null] } }] : []),
        ...(i % 9 === 0 ? [{ key: 'otel.scope.name', type: 'string', value: `lib-${i % 2}` }] : []),
      ],
      logs:
        i % 3 === 0
          ? [{ timestamp: 1_700_000_000_000_005 + i * 10, fields: [{ key: 'event', value: `e${i % 2}` }] }]
          : [],
      processID: `p${i % 4}`,
      warnings: i === 1 ? ['clock adjusted'] : null,
    });
  }
  const processes = Object.fromEntries(
    [0, 1, 2, 3].map((p) => [
      `p${p}`,
      { serviceName: `svc-${p}`, tags: [{ key: 'host', type: 'string', value: `h${p % 2}` }] },
    ]),
  );
  return JSON.stringify({
    data: [{ traceID: TRACE, spans, processes, warnings: ['partial trace'] }],
    total: 0,
    limit: 0,
    offset: 0,
    errors: [{ code: 500, msg: 'one shard timed out' }],
  });
}

/** Byte offsets of the commas between two spans (where split-client.ts may cut). */
function cuts(bytes: Uint8Array): number[] {
  const gap = new TextEncoder().encode(SPAN_GAP);
  const out: number[] = [];
  for (let i = 0; i + gap.length <= bytes.length; i++) if (gap.every((b, j) => bytes[i + j] === b)) out.push(i + 1);
  return out;
}

/** Both parts read at once, the way two workers read them, joined by a MessageChannel. */
async function readSplit(file: Blob, cut: number): Promise<{ result: SplitResult | undefined; stopped: boolean }> {
  const channel = new MessageChannel();
  let stopped = false;
  const told: number[] = [];
  const tail = readTailPart(file, cut + 1, channel.port2, (bytes) => told.push(bytes));
  const head = readHeadPart(file, cut, channel.port1, () => {}, new AbortController().signal);
  channel.port2.addEventListener('message', (e: MessageEvent<{ type: string }>) => {
    if (e.data.type === 'stop') stopped = true;
  });
  const [result] = await Promise.all([head, tail]);
  expect(told.length).toBeGreaterThan(0); // the tail's progress, for the page
  await new Promise((r) => setTimeout(r, 10)); // the 'stop' message, if any
  channel.port1.close();
  channel.port2.close();
  return { result, stopped };
}

function sameAnalysis(got: Trace, keysFrom: SplitResult['packed'], expected: Trace): void {
  const a = analyzeCore(got, { id: keysFrom.spanId, parent: keysFrom.parentSpanId });
  const b = analyzeCore(expected);
  expect(a.criticalPath).toEqual(b.criticalPath);
  expect([...a.selfTimeUs]).toEqual([...b.selfTimeUs]);
  expect(a.slowestBySelfTime).toEqual(b.slowestBySelfTime);
  expect(a.warnings).toEqual(b.warnings);
}

describe('a file read in two parts', () => {
  it('gives the page the trace one reader gives, and the same analyses, wherever it is cut', async () => {
    const text = jaegerText(60);
    const bytes = new TextEncoder().encode(text);
    const file = new Blob([bytes]);
    const expected = jaegerV1ToTraces(JSON.parse(text))[0];
    if (expected === undefined) throw new Error('no trace');
    const at = cuts(bytes);
    expect(at.length).toBe(59);
    for (const cut of [at[0], at[1], at[29], at[40], at[58]]) {
      if (cut === undefined) throw new Error('no cut');
      const { result } = await readSplit(file, cut);
      if (result === undefined) throw new Error(`cut at ${cut}: not read in two parts`);
      expect(plainTrace(unpackTrace(result.packed)), `cut at ${cut}`).toEqual(plainTrace(expected));
      expect(JSON.stringify(unpackTrace(result.packed))).toBe(JSON.stringify(expected));
      expect(result.trace.spans.length).toBe(60);
      expect(result.trace.durationUs).toBe(expected.durationUs);
      sameAnalysis(result.trace, result.packed, expected);
    }
  });

  it('reads the compact Jaeger fixtures in two parts like the adapter', async () => {
    let read = 0;
    for (const name of readdirSync(FIXTURES)) {
      // compact, as Jaeger answers (the fixtures are indented)
      const bytes = new TextEncoder().encode(JSON.stringify(JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'))));
      const cut = cuts(bytes)[0];
      if (cut === undefined) continue;
      const { result } = await readSplit(new Blob([bytes]), cut);
      const expected = jaegerV1ToTraces(JSON.parse(new TextDecoder().decode(bytes)));
      if (result === undefined) {
        // left to the usual reading only where the one-part fast reader gives up too
        const one = new JaegerStreamReader();
        expect(() => {
          one.feed(new TextDecoder().decode(bytes));
          one.end();
        }, name).toThrow(NotFastJaeger);
        continue;
      }
      read++;
      expect(result.trace.warnings, name).toEqual(expected[0]?.warnings);
      expect(plainTrace(unpackTrace(result.packed)), name).toEqual(plainTrace(expected[0] as Trace));
      sameAnalysis(result.trace, result.packed, expected[0] as Trace);
    }
    expect(read).toBeGreaterThanOrEqual(3);
  });

  it('gives up, and tells the tail to stop, when a part is not in the compact shape', async () => {
    const text = jaegerText(20);
    const bad = [
      // the cut falls inside a span (a reference written with traceID first)
      text.replace('"references":[]', '"references":[{"traceID":"x"},{"traceID":"y"}]'),
      // the tail has no processes for the head's spans
      text.replace(/"p3":\{[^}]*\}\]\},?/, ''),
    ];
    for (const t of bad) {
      const bytes = new TextEncoder().encode(t);
      const cut = t === bad[0] ? (cuts(bytes)[0] ?? -1) : (cuts(bytes)[10] ?? -1);
      const { result, stopped } = await readSplit(new Blob([bytes]), cut);
      expect(result).toBeUndefined();
      expect(stopped).toBe(true);
    }
  });

  it('the worker reads the whole file the usual way after a split it cannot take, with the same answer', async () => {
    const text = jaegerText(20).replace('"references":[]', '"references":[{"traceID":"x"},{"traceID":"y"}]');
    const bytes = new TextEncoder().encode(text);
    const file = new Blob([bytes]);
    const channel = new MessageChannel();
    const tail = readTailPart(file, (cuts(bytes)[0] ?? 0) + 1, channel.port2);
    const split = await handleLoadRequest(
      {
        id: 1,
        kind: 'file',
        file,
        fileName: 'x.json',
        analyze: true,
        split: { end: cuts(bytes)[0] ?? 0, port: channel.port1 },
      },
      () => {},
      new AbortController().signal,
    );
    await tail;
    channel.port1.close();
    const whole = await handleLoadRequest(
      { id: 2, kind: 'file', file, fileName: 'x.json', analyze: true },
      () => {},
      new AbortController().signal,
    );
    if (split.message.type !== 'done' || whole.message.type !== 'done') throw new Error('not loaded');
    expect(split.message.traces.length).toBe(1);
    expect(plainTrace(unpackTrace(split.message.traces[0]!))).toEqual(
      plainTrace(unpackTrace(whole.message.traces[0]!)),
    );
    const [core] = [...analysisMessages(1, split.traces, split.keys)];
    expect(core?.message.type).toBe('core');
  });
});
