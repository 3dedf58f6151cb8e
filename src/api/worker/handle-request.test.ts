/**
 * The worker's answers: traces go out packed with their buffers in the transfer list, and
 * the analysis' typed arrays are transferred too. Checked through structuredClone with the
 * transfer list, which is what postMessage does.
 */
import { describe, expect, it } from 'vitest';
import { generateDemoText } from '../../demo/generate';
import { parseTraceText } from '../parse-trace-file';
import { handleAnalysis, handleParseRequest } from './handle-request';
import { unpackTrace } from './unpack-trace';

describe('the worker protocol', () => {
  it('sends packed traces and the analysis with their buffers to transfer', () => {
    const text = generateDemoText('checkout');
    const done = handleParseRequest({ id: 7, kind: 'text', text, fileName: 'x.json', analyze: true }, () => {});
    if (done.message.type !== 'done') throw new Error(`expected done, got ${done.message.type}`);
    expect(done.message.analysisFollows).toBe(true);
    const received = structuredClone(done.message, { transfer: done.transfer });
    expect(received.traces.map(unpackTrace)).toStrictEqual(parseTraceText(text).traces);
    const analysis = handleAnalysis(7, done.traces);
    expect(analysis.transfer.length).toBeGreaterThan(0);
    const got = structuredClone(analysis.message, { transfer: analysis.transfer });
    expect(got.type === 'analysis' && got.analysis?.tree.parent.length).toBe(done.traces[0]?.spans.length);
  });

  it.each([
    ['hotrod', undefined],
    ['checkout', undefined],
    ['big', 5000],
  ] as const)('builds the %s demo from its document exactly as from its JSON text', (demoId, spans) => {
    const done = handleParseRequest({ id: 9, kind: 'demo', demoId, seed: 42, spans }, () => {});
    if (done.message.type !== 'done') throw new Error(`expected done, got ${done.message.type}`);
    const fromText = parseTraceText(generateDemoText(demoId, spans === undefined ? { seed: 42 } : { seed: 42, spans }));
    expect(done.message.format).toBe(fromText.format);
    expect(done.traces).toStrictEqual(fromText.traces);
  });

  it('answers a bad file with a named failure', () => {
    const out = handleParseRequest({ id: 8, kind: 'text', text: '{"nope": 1}', fileName: 'x.json' }, () => {});
    expect(out.message).toMatchObject({ id: 8, type: 'failed', errorName: 'TraceFormatError' });
    expect(out.transfer).toEqual([]);
  });
});
