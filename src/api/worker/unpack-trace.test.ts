import { describe, expect, it } from 'vitest';
import { generateDemoText } from '../../demo/generate';
import { makeTrace } from '../../model/__fixtures__/make-trace';
import type { Attribute } from '../../model/types';
import { parseTraceText } from '../parse-trace-file';
import { packTrace } from './pack-trace';
import { traceAttributeKeys, unpackTrace, unpackTraceInSlices } from './unpack-trace';
import { attributeKeys } from '../../model/span-stats';
import { plainTrace } from '../../model/__fixtures__/plain-trace';

describe('unpackTraceInSlices', () => {
  it('gives the same trace as unpackTrace, letting other tasks run while it works', async () => {
    const trace = makeTrace(
      Array.from({ length: 20_000 }, (_, i) => ({
        id: (i + 1).toString(16),
        parent: i === 0 ? undefined : i.toString(16),
        start: i,
        duration: 20_000 - i,
        error: i % 7 === 0,
      })),
    );
    const packed = packTrace(trace);
    let otherTaskRan = false;
    setTimeout(() => (otherTaskRan = true), 0);
    const sliced = await unpackTraceInSlices(packed, 0);
    expect(otherTaskRan).toBe(true);
    expect(plainTrace(sliced)).toStrictEqual(plainTrace(unpackTrace(packed)));
    expect(sliced.spans).toHaveLength(20_000);
  });
});

describe('unpacked spans', () => {
  const [original] = parseTraceText(generateDemoText('checkout')).traces;
  if (original === undefined) throw new Error('no demo trace');

  it('give each list once, share equal attributes between spans, and write the same JSON', () => {
    const trace = unpackTrace(packTrace(original));
    const withAttrs = trace.spans.filter((s) => s.attributes.length > 0);
    expect(withAttrs.length).toBeGreaterThan(1);
    for (const s of withAttrs) expect(s.attributes).toBe(s.attributes);
    const withEvents = trace.spans.filter((s) => s.events.length > 0);
    expect(withEvents.length).toBeGreaterThan(0);
    for (const s of withEvents) expect(s.events).toBe(s.events);
    // an attribute that several spans carry is one object, as the adapters share it
    const byText = new Map<string, Attribute>();
    let shared = 0;
    for (const a of trace.spans.flatMap((s) => s.attributes)) {
      const text = JSON.stringify(a);
      const first = byText.get(text);
      if (first === undefined) byText.set(text, a);
      else {
        expect(a).toBe(first);
        shared++;
      }
    }
    expect(shared).toBeGreaterThan(0);
    expect(JSON.stringify(trace)).toBe(JSON.stringify(original));
  });

  it('read the same whichever span is read first', () => {
    const forward = unpackTrace(packTrace(original));
    const backward = unpackTrace(packTrace(original));
    for (let i = backward.spans.length - 1; i >= 0; i--) void backward.spans[i]?.events;
    expect(plainTrace(backward)).toStrictEqual(plainTrace(forward));
    expect(plainTrace(forward)).toStrictEqual(original);
  });

  it.each([500, 7, 1])(
    'list the attribute keys of the trace as attributeKeys does (limit %i), from the packed columns',
    (limit) => {
      const keys = traceAttributeKeys(unpackTrace(packTrace(original)), limit);
      expect(keys.length).toBe(Math.min(limit, attributeKeys(original).length));
      expect(keys.length).toBeGreaterThan(0);
      expect(keys).toEqual(attributeKeys(original, limit));
    },
  );
});
