/**
 * The worker's answers: traces go out packed with their buffers in the transfer list, then
 * every trace's analysis with its typed arrays transferred too; failures carry a kind that
 * comes back as the same typed error. Checked through structuredClone with the transfer
 * list, which is what postMessage does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemoText } from '../../demo/generate';
import { SourceError } from '../http';
import { parseTraceText, TraceFormatError } from '../parse-trace-file';
import { analysisMessages, handleLoadRequest } from './handle-request';
import { unpackCore, unpackSummary } from './pack-analysis';
import type { WorkerResponse } from './protocol';
import { unpackTrace } from './unpack-trace';
import { fromWireError } from './wire-error';
import { analyzeTrace } from '../../model/analyze';
import type { Span, Trace } from '../../model/types';
import { plainTrace } from '../../model/__fixtures__/plain-trace';

const signal = new AbortController().signal;
afterEach(() => vi.unstubAllGlobals());

describe('the worker protocol', () => {
  it('sends packed traces and every analysis with their buffers to transfer', async () => {
    const text = generateDemoText('checkout');
    const done = await handleLoadRequest(
      { id: 7, kind: 'text', text, fileName: 'x.json', analyze: true },
      () => {},
      signal,
    );
    if (done.message.type !== 'done') throw new Error(`expected done, got ${done.message.type}`);
    expect(done.message.analysisFollows).toBe(true);
    const received = structuredClone(done.message, { transfer: done.transfer });
    expect(received.traces.map((p) => plainTrace(unpackTrace(p)))).toStrictEqual(parseTraceText(text).traces);
    // Each message crosses as postMessage would move it, before the next is worked out.
    const got: WorkerResponse[] = [];
    for (const m of analysisMessages(7, done.traces, done.keys)) {
      expect(m.transfer.length).toBeGreaterThan(0);
      got.push(structuredClone(m.message, { transfer: m.transfer }));
    }
    expect(got.map((m) => m.type)).toEqual(['core', 'analysis']);
    const [core, summary] = got;
    if (core?.type !== 'core' || summary?.type !== 'analysis') throw new Error('wrong messages');
    const expected = analyzeTrace(parseTraceText(text).traces[0]!);
    const packedCore = core.cores[0];
    const packedSummary = summary.analyses[0];
    if (!packedCore || !packedSummary) throw new Error('no analysis');
    expect(packedCore.tree.parent.length).toBe(done.traces[0]?.spans.length);
    // The summary was worked out after the core's arrays had moved: it read the worker's own copies.
    expect({ ...unpackCore(packedCore), ...unpackSummary(packedSummary) }).toEqual(expected);
    expect(summary.message).toBeUndefined();
  });

  it('keeps no attribute, event or link lists in its own copy once packed; the analysis is the same', async () => {
    const text = generateDemoText('checkout');
    const [full] = parseTraceText(text).traces;
    if (full === undefined) throw new Error('no checkout trace');
    const count = (t: Trace, f: (s: Span) => number) => t.spans.reduce((n, s) => n + f(s), 0);
    expect(count(full, (s) => s.attributes.length)).toBeGreaterThan(0);
    expect(count(full, (s) => s.events.length)).toBeGreaterThan(0);
    const done = await handleLoadRequest(
      { id: 8, kind: 'text', text, fileName: 'x.json', analyze: true },
      () => {},
      signal,
    );
    if (done.message.type !== 'done') throw new Error(`expected done, got ${done.message.type}`);
    const [kept] = done.traces;
    if (kept === undefined) throw new Error('no trace kept for the analysis');
    expect(count(kept, (s) => s.attributes.length + s.events.length + s.links.length)).toBe(0);
    // The page still gets every detail, and the analysis does not change.
    const received = structuredClone(done.message, { transfer: done.transfer }).traces[0]!;
    expect(plainTrace(unpackTrace(received))).toStrictEqual(full);
    expect(analyzeTrace(kept)).toStrictEqual(analyzeTrace(full));
  });

  it.each([
    ['hotrod', undefined],
    ['checkout', undefined],
    ['big', 5000],
  ] as const)('builds the %s demo from its document exactly as from its JSON text', async (demoId, spans) => {
    const done = await handleLoadRequest(
      { id: 9, kind: 'demo', demoId, seed: 42, spans, analyze: false },
      () => {},
      signal,
    );
    if (done.message.type !== 'done') throw new Error(`expected done, got ${done.message.type}`);
    const fromText = parseTraceText(generateDemoText(demoId, spans === undefined ? { seed: 42 } : { seed: 42, spans }));
    expect(done.message.format).toBe(fromText.format);
    expect(done.message.analysisFollows).toBe(false);
    expect(done.traces).toStrictEqual(fromText.traces);
  });

  it('answers a bad file with a format error that comes back typed', async () => {
    const out = await handleLoadRequest(
      { id: 8, kind: 'text', text: '{"nope": 1}', fileName: 'x.json', analyze: true },
      () => {},
      signal,
    );
    if (out.message.type !== 'failed') throw new Error(`expected failed, got ${out.message.type}`);
    expect(out.message.error.kind).toBe('format');
    expect(fromWireError(structuredClone(out.message.error))).toBeInstanceOf(TraceFormatError);
    expect(out.transfer).toEqual([]);
  });

  it('fetches with the known format and tries the next URL when the first has no trace', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      urls.push(url);
      if (url.startsWith('/v3'))
        return Promise.resolve(new Response('{"error":{"httpCode":404,"message":"trace not found"}}', { status: 404 }));
      return Promise.resolve(new Response(generateDemoText('hotrod'), { status: 200 }));
    });
    const out = await handleLoadRequest(
      {
        id: 3,
        kind: 'fetch',
        attempts: [
          { url: '/v3/x', format: 'jaeger-v3' },
          { url: '/otlp/x', format: 'jaeger-v3' },
        ],
        sourceName: 'Jaeger',
        traceId: 'x',
        analyze: true,
      },
      () => {},
      signal,
    );
    expect(urls).toEqual(['/v3/x', '/otlp/x']);
    expect(out.message.type).toBe('done');
    expect(out.traces[0]?.spans.length).toBe(39);
    // The page fetches the answer again from there for view=json (the worker keeps no text).
    expect(out.message.type === 'done' && out.message.fetchedUrl).toBe('/otlp/x');
  });

  it('sends a not-found as a SourceError of kind not-found, not as text to match', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{"trace":{}}', { status: 200 })));
    const out = await handleLoadRequest(
      {
        id: 4,
        kind: 'fetch',
        attempts: [{ url: '/t', format: 'tempo' }],
        sourceName: 'Tempo',
        traceId: 'x',
        analyze: true,
      },
      () => {},
      signal,
    );
    if (out.message.type !== 'failed') throw new Error(`expected failed, got ${out.message.type}`);
    const err = fromWireError(structuredClone(out.message.error));
    expect(err).toBeInstanceOf(SourceError);
    expect(err instanceof SourceError && err.kind).toBe('not-found');
  });
});
