import { describe, expect, it } from 'vitest';
import { hotrodTrace } from './__fixtures__/hotrod';
import { makeTrace, type SpanSpec } from './__fixtures__/make-trace';
import { analyzeTrace } from './analyze';
import { verdictText } from './verdict';

const verdictOf = (spans: SpanSpec[]): string => verdictText(analyzeTrace(makeTrace(spans)).verdict);

describe('verdict', () => {
  it('names the top operations of a HotROD-like dispatch', () => {
    const analysis = analyzeTrace(hotrodTrace());
    expect(verdictText(analysis.verdict)).toBe(
      '42% of 760 ms is `SQL SELECT` in mysql; then `GetDriver` in redis-manual (27%) and `/route` in route (26%)',
    );
    // Operation parts link to that operation's biggest critical span; services are links too.
    expect(analysis.verdict.filter((p) => p.kind === 'span')).toEqual([
      { kind: 'span', text: 'SQL SELECT', span: 2 },
      { kind: 'span', text: 'GetDriver', span: 4 },
      { kind: 'span', text: '/route', span: 6 },
    ]);
    expect(analysis.verdict.filter((p) => p.kind === 'service').map((p) => p.text)).toEqual([
      'mysql',
      'redis-manual',
      'route',
    ]);
  });

  it('mentions failed spans briefly, naming the first', () => {
    const trace = hotrodTrace([
      { id: 'a', parent: '4', service: 'payment', name: 'charge', start: 340_000, duration: 10, error: true },
      { id: 'b', parent: '4', service: 'payment', name: 'refund', start: 341_000, duration: 10, error: true },
      { id: 'c', parent: '1', service: 'payment', name: 'charge', start: 600_000, duration: 10, error: true },
    ]);
    expect(verdictText(analyzeTrace(trace).verdict)).toMatch(/; 3 spans failed, first `charge` in payment$/);
    const one = hotrodTrace([
      { id: 'a', parent: '4', service: 'payment', name: 'charge', start: 340_000, duration: 10, error: true },
    ]);
    expect(verdictText(analyzeTrace(one).verdict)).toMatch(/; 1 span failed: `charge` in payment$/);
  });

  it('handles an empty trace', () => {
    expect(verdictOf([])).toBe('This trace has no spans.');
  });

  it('handles a single span', () => {
    expect(verdictOf([{ id: 'a', service: 'frontend', name: 'GET /', start: 0, duration: 1_800_000 }])).toBe(
      'All 1.8 s is `GET /` in frontend',
    );
  });

  it('handles a trace whose whole time is in one operation across spans', () => {
    expect(
      verdictOf([
        { id: 'a', service: 'db', name: 'query', start: 0, duration: 1000 },
        { id: 'b', parent: 'a', service: 'db', name: 'query', start: 0, duration: 1000 },
      ]),
    ).toBe('All 1 ms is `query` in db');
  });

  it('handles two operations, and leaves out ones below 5%', () => {
    expect(
      verdictOf([
        { id: 'a', service: 'api', name: 'GET /', start: 0, duration: 1000 },
        { id: 'b', parent: 'a', service: 'db', name: 'query', start: 0, duration: 700 },
        { id: 'c', parent: 'a', service: 'cache', name: 'get', start: 980, duration: 10 },
      ]),
    ).toBe('70% of 1 ms is `query` in db; then `GET /` in api (29%)');
  });

  it('handles zero duration', () => {
    expect(verdictOf([{ id: 'a', service: 'api', name: 'GET /', start: 0, duration: 0 }])).toBe(
      'This trace took 0 µs (`GET /` in api)',
    );
  });

  it('falls back to self time when the first root has no length', () => {
    expect(
      verdictOf([
        { id: 'a', service: 'api', name: 'ping', start: 0, duration: 0 },
        { id: 'b', service: 'worker', name: 'job', start: 10, duration: 500_000 },
      ]),
    ).toBe('No critical path from the first span; of 500 ms, the most self time is in `job` in worker (500 ms)');
  });
});
