/**
 * A hand-built trace shaped like Jaeger's HotROD "dispatch" request (times in µs, 760 ms
 * total): customer → mysql, driver → two sequential redis calls, two parallel route calls.
 * Critical-path time: SQL SELECT 319.2 ms (42%), GetDriver 205.2 ms (27%), /route 197.6 ms (26%).
 */
import type { Trace } from '../types';
import { makeTrace, type SpanSpec } from './make-trace';

export const HOTROD_SPANS: SpanSpec[] = [
  { id: '1', service: 'frontend', name: 'HTTP GET /dispatch', start: 0, duration: 760_000, kind: 'server' },
  {
    id: '2',
    parent: '1',
    service: 'customer',
    name: 'HTTP GET /customer',
    start: 1000,
    duration: 329_000,
    kind: 'server',
  },
  { id: '3', parent: '2', service: 'mysql', name: 'SQL SELECT', start: 5000, duration: 319_200, kind: 'client' },
  { id: '4', parent: '1', service: 'driver', name: 'FindNearest', start: 332_000, duration: 213_000, kind: 'server' },
  {
    id: '5',
    parent: '4',
    service: 'redis-manual',
    name: 'GetDriver',
    start: 335_000,
    duration: 102_600,
    kind: 'client',
  },
  {
    id: '6',
    parent: '4',
    service: 'redis-manual',
    name: 'GetDriver',
    start: 437_600,
    duration: 102_600,
    kind: 'client',
  },
  { id: '7', parent: '1', service: 'route', name: '/route', start: 550_000, duration: 197_600, kind: 'server' },
  { id: '8', parent: '1', service: 'route', name: '/route', start: 552_000, duration: 148_000, kind: 'server' },
];

export function hotrodTrace(extra: SpanSpec[] = []): Trace {
  return makeTrace([...HOTROD_SPANS, ...extra]);
}
