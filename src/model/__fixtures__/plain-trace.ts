/**
 * Traces unpacked on the page hold class instances whose attribute and event lists are
 * getters (api/worker/unpack-trace.ts); toStrictEqual would reject the class and skip the
 * getters. Compare through these plain copies instead.
 */
import { plainSpan } from '../plain-span';
import type { Trace } from '../types';

export function plainTrace(t: Trace): Trace {
  return { ...t, spans: t.spans.map(plainSpan) };
}
