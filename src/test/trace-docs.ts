/**
 * Test doubles shared by the loader tests: a demo document re-keyed to a chosen trace id, and
 * a stand-in for api/parse-trace-file that counts parses (the worker runs in-process in Node).
 */
import { generateDemo } from '../demo/generate';
import type { TraceId } from '../model/types';

/** The checkout demo (29 spans) as OTLP JSON, with every span under `traceId`. */
export const checkoutDocWithId = (traceId: TraceId, seed: number): unknown =>
  JSON.parse(
    JSON.stringify(generateDemo('checkout', { seed })).replace(/"traceId":"[0-9a-f]{32}"/g, `"traceId":"${traceId}"`),
  );

type ParseModule = typeof import('../api/parse-trace-file');

/** For vi.mock of api/parse-trace-file: the real module, with parseKnownFormat counted in `counter`. */
export function countingParses(real: ParseModule, counter: { count: number }): ParseModule {
  return {
    ...real,
    parseKnownFormat: (...args: Parameters<ParseModule['parseKnownFormat']>) => {
      counter.count++;
      return real.parseKnownFormat(...args);
    },
  };
}
