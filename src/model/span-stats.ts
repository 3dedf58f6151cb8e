/**
 * The statistics view's numbers (view=stats): spans grouped by service, by operation
 * (service + name), or by the value of one attribute key (span attributes first, then the
 * resource's); per group the count, total / average / min / max duration, self time,
 * critical-path time and errors. One pass over the spans, no recursion.
 */
import type { CoreAnalysis } from './analysis-types';
import { attrValueText } from './attr-text';
import type { Attribute, Trace } from './types';

/** `service`, `operation`, or `attr:<key>`. */
export type StatsGrouping = string;

export interface StatsRow {
  /** The group's label: the service, "service: operation", or the attribute value. */
  readonly group: string;
  readonly count: number;
  readonly totalUs: number;
  readonly minUs: number;
  readonly maxUs: number;
  readonly avgUs: number;
  readonly selfUs: number;
  readonly criticalUs: number;
  readonly errors: number;
}

/** The label of spans that have no value for the grouping's attribute key. */
export const NO_VALUE = '(no value)';

function attrText(attrs: readonly Attribute[], key: string): string | undefined {
  for (const a of attrs) if (a.key === key) return attrValueText(a.value);
  return undefined;
}

/** The attribute key of an `attr:<key>` grouping, or undefined for service/operation. */
export const groupingKey = (by: StatsGrouping): string | undefined =>
  by.startsWith('attr:') && by.length > 5 ? by.slice(5) : undefined;

export function spanStats(trace: Trace, analysis: CoreAnalysis, by: StatsGrouping): StatsRow[] {
  const key = groupingKey(by);
  const groups = new Map<
    string,
    { count: number; total: number; min: number; max: number; self: number; crit: number; errors: number }
  >();
  trace.spans.forEach((s, i) => {
    const group =
      key !== undefined
        ? (attrText(s.attributes, key) ?? attrText(s.resource, key) ?? NO_VALUE)
        : by === 'operation'
          ? `${s.service}: ${s.name}`
          : s.service;
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { count: 0, total: 0, min: Infinity, max: 0, self: 0, crit: 0, errors: 0 }));
    const d = s.durationUs;
    g.count++;
    g.total += d;
    if (d < g.min) g.min = d;
    if (d > g.max) g.max = d;
    g.self += analysis.selfTimeUs[i] ?? 0;
    g.crit += analysis.criticalUs[i] ?? 0;
    if (s.status.code === 'error') g.errors++;
  });
  const rows: StatsRow[] = [];
  for (const [group, g] of groups)
    rows.push({
      group,
      count: g.count,
      totalUs: g.total,
      minUs: g.min,
      maxUs: g.max,
      avgUs: g.total / g.count,
      selfUs: g.self,
      criticalUs: g.crit,
      errors: g.errors,
    });
  return rows;
}

/** Attribute keys present in the trace (span and resource), sorted, for the grouping picker. */
export const ATTRIBUTE_KEY_LIMIT = 500;

export function attributeKeys(trace: Trace, limit = ATTRIBUTE_KEY_LIMIT): string[] {
  const keys = new Set<string>();
  const seenResources = new Set<readonly Attribute[]>();
  for (const s of trace.spans) {
    for (const a of s.attributes) if (keys.size < limit) keys.add(a.key);
    if (!seenResources.has(s.resource)) {
      seenResources.add(s.resource);
      for (const a of s.resource) if (keys.size < limit) keys.add(a.key);
    }
    if (keys.size >= limit) break;
  }
  return [...keys].sort();
}

export const STATS_COLUMNS = ['group', 'count', 'total', 'avg', 'min', 'max', 'self', 'critical', 'errors'] as const;
export type StatsColumn = (typeof STATS_COLUMNS)[number];

const statsValue: Record<Exclude<StatsColumn, 'group'>, (r: StatsRow) => number> = {
  count: (r) => r.count,
  total: (r) => r.totalUs,
  avg: (r) => r.avgUs,
  min: (r) => r.minUs,
  max: (r) => r.maxUs,
  self: (r) => r.selfUs,
  critical: (r) => r.criticalUs,
  errors: (r) => r.errors,
};

/** Rows sorted by a column (ties: by group name, ascending), without changing the input. */
export function sortStats(rows: readonly StatsRow[], column: StatsColumn, desc: boolean): StatsRow[] {
  const byName = (a: StatsRow, b: StatsRow) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);
  const sign = desc ? -1 : 1;
  if (column === 'group') return [...rows].sort((a, b) => sign * byName(a, b));
  const v = statsValue[column];
  return [...rows].sort((a, b) => sign * (v(a) - v(b)) || byName(a, b));
}
