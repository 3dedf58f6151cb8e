import { describe, expect, it } from 'vitest';
import { makeTrace } from '../../model/__fixtures__/make-trace';
import { packTrace } from './pack-trace';
import { unpackTrace, unpackTraceInSlices } from './unpack-trace';

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
    expect(sliced).toStrictEqual(unpackTrace(packed));
    expect(sliced.spans).toHaveLength(20_000);
  });
});
