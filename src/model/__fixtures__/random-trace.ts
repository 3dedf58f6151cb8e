/**
 * fast-check arbitrary for small messy traces used by the property tests: overlapping
 * siblings, children partly or wholly outside their parent, zero-length spans, equal
 * starts and ends, async children (follows-from and producer→consumer), duplicate ids,
 * orphans and cycles. Times are small integers (µs) so brute-force references can sample
 * every unit slot.
 */
import fc from 'fast-check';
import type { Trace } from '../types';
import { makeTrace, type SpanSpec } from './make-trace';

const KINDS = ['internal', 'server', 'client', 'producer', 'consumer'] as const;

const spanArb = fc.record({
  // -2: orphan, -1: root, otherwise the index of the parent (any index, so cycles happen).
  parent: fc.integer({ min: -2, max: 11 }),
  idNum: fc.integer({ min: 1, max: 40 }), // collisions give duplicate ids
  // A few round values make equal starts, equal ends and identical siblings common.
  start: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(0, 4, 8)),
  duration: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 12 }), fc.constantFrom(4, 8)),
  kind: fc.constantFrom(...KINDS),
  followsFrom: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
  error: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
  service: fc.constantFrom('a', 'b', 'c'),
});

export const randomTraceArb: fc.Arbitrary<Trace> = fc.array(spanArb, { minLength: 1, maxLength: 12 }).map((specs) => {
  const ids = specs.map((s) => s.idNum.toString(16));
  const spans: SpanSpec[] = specs.map((s, i) => {
    const parent = s.parent === -2 ? 'fff' : s.parent >= 0 && s.parent < specs.length ? ids[s.parent] : undefined;
    return {
      id: ids[i] ?? 'f0',
      ...(parent === undefined ? {} : { parent }),
      service: s.service,
      name: `op${s.idNum % 3}`,
      start: s.start,
      duration: s.duration,
      kind: s.kind,
      refType: s.followsFrom ? 'follows-from' : 'child-of',
      error: s.error,
    };
  });
  return makeTrace(spans);
});
