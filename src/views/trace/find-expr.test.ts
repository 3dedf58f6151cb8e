import { describe, expect, it } from 'vitest';
import { hotrodTrace } from '../../model/__fixtures__/hotrod';
import type { Attribute, Trace } from '../../model/types';
import { findMatches } from './find';
import { parseFind } from './find-expr';

// HotROD's shape, with span 1 (customer) failing and a few attributes of every value type.
const base = hotrodTrace();
const resource: Attribute[] = [{ key: 'host.name', value: 'box-7' }];
const trace: Trace = {
  ...base,
  spans: base.spans.map((s, i) => {
    if (i === 1)
      return {
        ...s,
        status: { code: 'error' as const, message: 'boom' },
        attributes: [
          { key: 'http.status_code', value: 503 },
          { key: 'http.url', value: 'http://customer:8081/customer?id=123' },
        ],
        resource,
      };
    if (i === 6) return { ...s, attributes: [{ key: 'http.status_code', value: '200' }], resource };
    if (i === 2) return { ...s, attributes: [{ key: 'db.statement', value: 'SELECT * FROM customer WHERE id = 1' }] };
    return s;
  }),
};

/** The indexes of the matching spans, or the parse error. */
const hits = (q: string): number[] | string => {
  const parsed = parseFind(q);
  if (!parsed.ok) return parsed.error;
  return Array.from(findMatches(trace, q) ?? []).flatMap((v, i) => (v ? [i] : []));
};

describe('find filters', () => {
  it('compares span fields: service, name, kind, status, id', () => {
    expect(hits('service=frontend')).toEqual([0]);
    expect(hits('service=FRONTEND')).toEqual([0]);
    expect(hits('name=getdriver')).toEqual([4, 5]);
    expect(hits('operation="HTTP GET /customer"')).toEqual([1]);
    expect(hits('kind=client')).toEqual([2, 4, 5]);
    expect(hits('status=error')).toEqual([1]);
    expect(hits(`id=${trace.spans[3]?.spanId ?? ''}`)).toEqual([3]);
  });

  it('filters by duration with units; a bare number is milliseconds', () => {
    expect(hits('duration>300ms')).toEqual([0, 1, 2]);
    expect(hits('duration>=319.2ms')).toEqual([0, 1, 2]);
    expect(hits('duration<0.15s')).toEqual([4, 5, 7]);
    expect(hits('duration>700')).toEqual([0]);
    expect(hits('duration=148ms')).toEqual([7]);
  });

  it('compares attributes as numbers whether the wire sent a number or a string', () => {
    expect(hits('http.status_code>=500')).toEqual([1]);
    expect(hits('http.status_code<300')).toEqual([6]);
    expect(hits('http.status_code=200')).toEqual([6]);
    expect(hits('host.name=box-7')).toEqual([1, 6]); // resource attributes count
    expect(hits('http.status_code!=503')).toEqual([0, 2, 3, 4, 5, 6, 7]); // spans without the key too
  });

  it('matches error status, negations, and combines every term', () => {
    expect(hits('error')).toEqual([1]);
    expect(hits('-error')).toEqual([0, 2, 3, 4, 5, 6, 7]);
    expect(hits('-service=redis-manual kind=client')).toEqual([2]);
    expect(hits('route -duration>150ms')).toEqual([7]);
    expect(hits('-"get"')).toEqual([2, 3, 6, 7]);
  });

  it('takes quoted phrases and /regex/ terms and values', () => {
    expect(hits('"from customer where"')).toEqual([2]);
    expect(hits('/^GET/')).toEqual([]); // case-sensitive unless /i
    expect(hits('/^http\\sget/i')).toEqual([0, 1]);
    expect(hits('service=/^(route|mysql)$/')).toEqual([2, 6, 7]);
    expect(hits('http.url=/id=\\d+/')).toEqual([1]);
    expect(hits('service!=/redis/')).toEqual([0, 1, 2, 3, 6, 7]);
  });

  it('keeps plain substrings, paths and Jaeger uiFind words working', () => {
    expect(hits('/route')).toEqual([6, 7]); // a path, not a regex
    expect(hits('route /route')).toEqual([6, 7]);
    expect(hits('getdriver')).toEqual([4, 5]);
    expect(hits('box-7')).toEqual([1, 6]);
    expect(hits('"error"')).toEqual([]); // the text, not the status
    expect(hits('-')).toEqual([1, 4, 5, 6]); // a lone dash is text (redis-manual, box-7)
  });

  it('says why a query does not parse', () => {
    expect(hits('service="front')).toMatch(/quote opened at character 9 is not closed/);
    expect(hits('duration>fast')).toMatch(/"fast" is not a duration/);
    expect(hits('http.status_code>=abc')).toMatch(/>= needs a number, not "abc"/);
    expect(hits('service>a')).toMatch(/service can only be compared with = or !=/);
    expect(hits('x /a(/')).toMatch(/"\/a\(\/" at character 3 is not a valid regex/);
    expect(hits('service=')).toMatch(/a value is missing after =/);
    expect(hits('a=/x/g')).toMatch(/unknown regex flags "g"/);
    expect(findMatches(trace, 'service="front')).toBeUndefined();
  });

  it('filters 100k spans to the same matches as a brute-force count', () => {
    const big = hotrodTrace(
      Array.from({ length: 100_000 }, (_, k) => ({
        id: (k + 100).toString(16),
        parent: '1',
        service: k % 2 ? 'a' : 'b',
        start: k,
        duration: k % 1000,
      })),
    );
    // Speed is the bench's job (a timed unit test fails on a loaded machine, not on slow code).
    const mask = findMatches(big, 'service=a duration>500us -/op-1/') ?? new Uint8Array(0);
    const want = big.spans.filter((s) => s.service === 'a' && s.durationUs > 500 && !/op-1/.test(s.name)).length;
    expect(want).toBeGreaterThan(10_000);
    expect(mask.reduce((n, v) => n + v, 0)).toBe(want);
  });
});
