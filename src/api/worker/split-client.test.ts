import { describe, expect, it } from 'vitest';
import { findSpanCut } from './split-client';

const span = (i: number) => `{"traceID":"t","spanID":"${i}","operationName":"ü ${'x'.repeat(i % 7)}"}`;

describe('findSpanCut', () => {
  it('finds the comma between two spans at or after the middle, as a byte offset', async () => {
    const text = `{"data":[{"traceID":"t","spans":[${Array.from({ length: 40 }, (_, i) => span(i)).join(',')}]}]}`;
    const bytes = new TextEncoder().encode(text); // 'ü' is two bytes: byte and char offsets differ
    const cut = await findSpanCut(new Blob([bytes]));
    if (cut === undefined) throw new Error('no cut');
    expect(cut).toBeGreaterThanOrEqual(bytes.length / 2);
    expect(String.fromCharCode(bytes[cut - 1] ?? 0, bytes[cut] ?? 0, bytes[cut + 1] ?? 0)).toBe('},{');
    const head = new TextDecoder().decode(bytes.slice(0, cut));
    const tail = new TextDecoder().decode(bytes.slice(cut + 1));
    expect(head.endsWith('}')).toBe(true);
    expect(tail.startsWith('{"traceID":"t"')).toBe(true);
    // the first boundary after the middle: none between the middle and the cut
    expect(new TextDecoder().decode(bytes.slice(Math.floor(bytes.length / 2), cut))).not.toContain('},{"traceID"');
  });

  it('finds none where no span boundary follows the middle', async () => {
    const text = `{"data":[{"traceID":"t","spans":[${span(1)},${span(2)}],"processes":{"p":"${'y'.repeat(500)}"}}]}`;
    expect(await findSpanCut(new Blob([text]))).toBeUndefined();
  });
});
