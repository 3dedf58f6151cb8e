import { describe, expect, it } from 'vitest';
import { hotrodTrace } from '../../../model/__fixtures__/hotrod';
import { analyzeTrace } from '../../../model/analyze';
import { ancestorsOf, spanSummary } from './summary';

const trace = hotrodTrace([
  { id: 'a', parent: '3', service: 'mysql', name: 'retry', start: 6000, duration: 10, error: true },
]);
const analysis = analyzeTrace(trace);

describe('spanSummary', () => {
  it('names the span, its times, its critical share and the permalink', () => {
    expect(spanSummary(trace, analysis, 2, 'https://pl.example/trace/x?span=3')).toBe(
      [
        'mysql: SQL SELECT',
        'duration 319 ms, self time 319 ms, critical path 319 ms (42% of the 760 ms trace)',
        `trace ${trace.traceId}, span 0000000000000003`,
        'https://pl.example/trace/x?span=3',
      ].join('\n'),
    );
  });

  it('marks errors and spans off the critical path', () => {
    expect(spanSummary(trace, analysis, 8, 'p').split('\n')[0]).toBe('mysql: retry (error)');
    expect(spanSummary(trace, analysis, 7, 'p').split('\n')[1]).toBe(
      'duration 148 ms, self time 148 ms, not on the critical path of the 760 ms trace',
    );
  });
});

describe('ancestorsOf', () => {
  it('lists the ancestors root first', () => {
    expect(ancestorsOf(analysis.tree, 8)).toEqual([0, 1, 2]);
    expect(ancestorsOf(analysis.tree, 0)).toEqual([]);
  });
});
