import { describe, expect, it } from 'vitest';
import { makeTrace } from './__fixtures__/make-trace';
import { analyzeTrace } from './analyze';
import { attributeKeys, NO_VALUE, sortStats, spanStats } from './span-stats';
import type { Trace } from './types';

// root (api, 0..100) → db (db, 10..40, error) and cache (api, 50..60); another db call 70..90.
const trace = makeTrace([
  { id: 'a', service: 'api', name: 'GET /', start: 0, duration: 100 },
  { id: 'b', parent: 'a', service: 'db', name: 'SELECT', start: 10, duration: 30, error: true },
  { id: 'c', parent: 'a', service: 'api', name: 'cache', start: 50, duration: 10 },
  { id: 'd', parent: 'a', service: 'db', name: 'SELECT', start: 70, duration: 20 },
]);
const analysis = analyzeTrace(trace);

const byGroup = (rows: ReturnType<typeof spanStats>) => new Map(rows.map((r) => [r.group, r]));

describe('spanStats', () => {
  it('groups by service with count, duration totals, self, critical-path time and errors', () => {
    const rows = byGroup(spanStats(trace, analysis, 'service'));
    expect([...rows.keys()].sort()).toEqual(['api', 'db']);
    const db = rows.get('db');
    expect(db).toMatchObject({ count: 2, totalUs: 50, minUs: 20, maxUs: 30, avgUs: 25, selfUs: 50, errors: 1 });
    const api = rows.get('api');
    // root self = 100 - (30 + 10 + 20) = 40, plus cache's 10.
    expect(api).toMatchObject({ count: 2, totalUs: 110, selfUs: 50, errors: 0 });
    // The critical path covers the whole trace once: the groups' critical time sums to its duration.
    expect((api?.criticalUs ?? 0) + (db?.criticalUs ?? 0)).toBe(100);
    expect(db?.criticalUs).toBe(50);
  });

  it('groups by operation as "service: name"', () => {
    const rows = byGroup(spanStats(trace, analysis, 'operation'));
    expect(rows.get('db: SELECT')?.count).toBe(2);
    expect(rows.get('api: GET /')?.count).toBe(1);
    expect(rows.size).toBe(3);
  });

  it('groups by an attribute key, span attributes before resource ones, missing as (no value)', () => {
    const withAttrs: Trace = {
      ...trace,
      spans: trace.spans.map((s, i) => ({
        ...s,
        attributes: i === 1 ? [{ key: 'db.system', value: 'mysql' }] : [],
        resource: i === 3 ? [{ key: 'db.system', value: 'redis' }] : [],
      })),
    };
    const rows = byGroup(spanStats(withAttrs, analysis, 'attr:db.system'));
    expect(rows.get('mysql')?.count).toBe(1);
    expect(rows.get('redis')?.count).toBe(1);
    expect(rows.get(NO_VALUE)?.count).toBe(2);
    expect(attributeKeys(withAttrs)).toEqual(['db.system']);
  });

  it('sorts by any column, ties by group name, either direction', () => {
    const rows = spanStats(trace, analysis, 'operation');
    expect(sortStats(rows, 'total', true).map((r) => r.group)).toEqual(['api: GET /', 'db: SELECT', 'api: cache']);
    expect(sortStats(rows, 'count', false).map((r) => r.group)).toEqual(['api: GET /', 'api: cache', 'db: SELECT']);
    expect(sortStats(rows, 'group', true).map((r) => r.group)).toEqual(['db: SELECT', 'api: cache', 'api: GET /']);
  });
});
