import { expect, it } from 'vitest';
import { toMicros } from '../model/types';
import { segmentsBySpan } from './critical-segments';

it('groups critical-path segments by span, keeping time order', () => {
  const seg = (span: number, s: number, e: number) => ({ span, startUs: toMicros(s), endUs: toMicros(e) });
  const by = segmentsBySpan(3, [seg(0, 0, 5), seg(2, 5, 9), seg(0, 9, 10)]);
  expect(Array.from(by.start)).toEqual([0, 2, 2, 3]);
  expect(Array.from(by.fromUs)).toEqual([0, 9, 5]);
  expect(Array.from(by.toUs)).toEqual([5, 10, 9]);
});
