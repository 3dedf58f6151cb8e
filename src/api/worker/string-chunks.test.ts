import { describe, expect, it } from 'vitest';
import { makeTrace } from '../../model/__fixtures__/make-trace';
import { packTrace } from './pack-trace';
import type { Outgoing, WorkerResponse } from './protocol';
import { splitStrings, StringTables } from './string-chunks';

const done = (n: number): Outgoing => {
  const spans = Array.from({ length: n }, (_, i) => ({ id: (i + 1).toString(16), start: i, duration: 1 }));
  const traces = [packTrace(makeTrace(spans.slice(0, 3))), packTrace(makeTrace(spans))];
  return { message: { id: 7, type: 'done', format: 'demo', traces, analysisFollows: true }, transfer: [] };
};

describe('string tables in several messages', () => {
  it('sends a big table ahead in parts, and the page gets the same done back', () => {
    const original = done(250);
    const messages = splitStrings(original, 100).map((o) => o.message);
    const types = messages.map((m) => m.type);
    expect(types.filter((t) => t === 'strings').length).toBeGreaterThanOrEqual(3);
    expect(types[types.length - 1]).toBe('done');
    const last = messages[messages.length - 1] as Extract<WorkerResponse, { type: 'done' }>;
    expect(last.traces[1]?.strings).toEqual([]); // the big table went ahead
    expect(last.traces[0]?.strings.length).toBeGreaterThan(0); // the small one stayed

    const tables = new StringTables();
    for (const m of messages) if (m.type === 'strings') tables.add(m);
    expect(tables.restore(last)).toEqual(original.message);
  });

  it('leaves a done with small tables as it is', () => {
    const small = done(20);
    expect(splitStrings(small, 100)).toEqual([small]);
  });
});
