/**
 * The span table's row order (view=table): span indices, optionally only those a find mask
 * keeps, sorted by one column. Ties fall back to start time, then index, so the order is stable.
 */
import type { CoreAnalysis } from './analysis-types';
import type { Trace } from './types';

export const TABLE_COLUMNS = ['service', 'operation', 'start', 'duration', 'self', 'critical', 'status'] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

const STATUS_RANK = { error: 0, ok: 1, unset: 2 } as const;

export function spanOrder(
  trace: Trace,
  analysis: CoreAnalysis,
  mask: Uint8Array | undefined,
  column: TableColumn,
  desc: boolean,
): Int32Array {
  const { spans } = trace;
  let count = 0;
  for (let i = 0; i < spans.length; i++) if (!mask || mask[i] === 1) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < spans.length; i++) if (!mask || mask[i] === 1) out[k++] = i;
  const start = (i: number) => spans[i]?.startUs ?? 0;
  const tie = (a: number, b: number) => start(a) - start(b) || a - b;
  const text = (f: (i: number) => string) => (a: number, b: number) => {
    const x = f(a);
    const y = f(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const num = (f: (i: number) => number) => (a: number, b: number) => f(a) - f(b);
  const cmp: (a: number, b: number) => number =
    column === 'service'
      ? text((i) => spans[i]?.service ?? '')
      : column === 'operation'
        ? text((i) => spans[i]?.name ?? '')
        : column === 'start'
          ? () => 0
          : column === 'duration'
            ? num((i) => spans[i]?.durationUs ?? 0)
            : column === 'self'
              ? num((i) => analysis.selfTimeUs[i] ?? 0)
              : column === 'critical'
                ? num((i) => analysis.criticalUs[i] ?? 0)
                : num((i) => STATUS_RANK[spans[i]?.status.code ?? 'unset']);
  const sign = desc ? -1 : 1;
  out.sort((a, b) => sign * (cmp(a, b) || tie(a, b)));
  return out;
}
