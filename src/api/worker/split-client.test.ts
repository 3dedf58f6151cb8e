import { describe, expect, it } from 'vitest';
import type { LoadAmount, ParsePhase } from './protocol';
import { combinedProgress, findSpanCut } from './split-client';

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

describe('combinedProgress', () => {
  it('shows the head’s and the tail’s amounts added while both read, then the head’s phases', () => {
    const seen: [ParsePhase, LoadAmount | undefined][] = [];
    const p = combinedProgress((phase, amount) => seen.push([phase, amount]));
    p.head('reading');
    p.tail(50, 5); // nothing of the head's yet: nothing to add it to
    p.head('reading', { bytes: 100, totalBytes: 1000, spans: 10 });
    p.tail(300, 30);
    p.head('reading', { bytes: 200, totalBytes: 1000, spans: 20 });
    p.head('building the model');
    p.tail(500, 50); // the tail's last word, after the head moved on: not shown
    expect(seen).toEqual([
      ['reading', undefined],
      ['reading', { bytes: 150, totalBytes: 1000, spans: 15 }],
      ['reading', { bytes: 400, totalBytes: 1000, spans: 40 }],
      ['reading', { bytes: 500, totalBytes: 1000, spans: 50 }],
      ['building the model', undefined],
    ]);
  });

  it('stops adding the tail’s amounts once the head reads the whole file alone', () => {
    const seen: [ParsePhase, LoadAmount | undefined][] = [];
    const p = combinedProgress((phase, amount) => seen.push([phase, amount]));
    p.head('reading', { bytes: 100, totalBytes: 1000, spans: 10 });
    p.tail(300, 30);
    p.head('reading'); // the split could not be used: the head starts over
    p.tail(350, 35);
    p.head('reading', { bytes: 50, totalBytes: 1000, spans: 5 });
    expect(seen).toEqual([
      ['reading', { bytes: 100, totalBytes: 1000, spans: 10 }],
      ['reading', { bytes: 400, totalBytes: 1000, spans: 40 }],
      ['reading', undefined],
      ['reading', { bytes: 50, totalBytes: 1000, spans: 5 }],
    ]);
  });
});
