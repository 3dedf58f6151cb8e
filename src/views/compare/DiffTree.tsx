/**
 * The diff tree, virtualized (two 100k-span traces can align into as many nodes): one row
 * per aligned node, indented by depth, with counts and critical-path time in A and B and the
 * deltas, coloured by sign (and signed, so colour is never the only cue). Rows carry the
 * test hooks of DESIGN.md "Stable hooks for tests".
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { formatDuration } from '../../lib/format';
import { clipLabel } from '../../lib/truncate';
import type { AlignedNode, Alignment } from '../../model/compare';
import type { DiffRow } from '../../model/compare-tree';
import { signedDuration } from '../../model/compare-verdict';

const ROW_PX = 32;
const INDENT_PX = 14;
/** Deep trees keep their indentation readable: past this depth rows stop moving right. */
const MAX_INDENT_DEPTH = 24;
const COLS = 'grid grid-cols-[minmax(0,1fr)_5.5rem_5rem_5rem_5.5rem_5.5rem_5.5rem] items-center gap-2';

interface Props {
  readonly alignment: Alignment;
  readonly rows: readonly DiffRow[];
  readonly colors: ReadonlyMap<string, string>;
  readonly selectedKey: string | undefined;
  readonly onSelect: (key: string) => void;
}

function Delta({ us }: { us: number }) {
  const tone =
    us > 0
      ? 'text-red-700 dark:text-red-300'
      : us < 0
        ? 'text-emerald-700 dark:text-emerald-300'
        : 'text-slate-500 dark:text-slate-400';
  // Nanosecond noise reads as no change.
  const none = formatDuration(Math.abs(us)) === '0 µs';
  return (
    <span className={`text-right tabular-nums ${none ? 'text-slate-500 dark:text-slate-400' : tone}`}>
      {none ? '0' : signedDuration(us)}
    </span>
  );
}

function Badge({ node }: { node: AlignedNode }) {
  if (node.change === 'both') return null;
  return (
    <span
      className={`ml-2 rounded px-1 text-xs font-medium ${node.change === 'added' ? 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200' : 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200'}`}
    >
      {node.change === 'added' ? 'only in B' : 'only in A'}
    </span>
  );
}

export function DiffTree({ alignment, rows, colors, selectedKey, onSelect }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });

  if (rows.length === 0)
    return (
      <p role="status" className="rounded border border-slate-200 p-4 text-sm dark:border-slate-800">
        No operation changed by that much. Lower the threshold to see more.
      </p>
    );

  return (
    <div className="flex min-w-0 flex-col rounded border border-slate-200 dark:border-slate-800">
      <div
        className={`${COLS} border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs font-medium text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400`}
        aria-hidden
      >
        <span>Service: operation</span>
        <span className="text-right">Count A → B</span>
        <span className="text-right">Critical A</span>
        <span className="text-right">Critical B</span>
        <span className="text-right">Δ critical</span>
        <span className="text-right">Δ total</span>
        <span className="text-right">Δ self</span>
      </div>
      {/* The height limit is what keeps the list virtual: set here, not only by a stylesheet. */}
      <div ref={scrollRef} className="min-h-0 overflow-auto" style={{ maxHeight: '60vh' }}>
        <ul
          aria-label="Aligned operations, A against B"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            const n = row === undefined ? undefined : alignment.nodes[row.node];
            if (row === undefined || n === undefined) return null;
            const selected = n.key === selectedKey;
            const countText = n.a.count === n.b.count ? `×${n.a.count}` : `×${n.a.count} → ×${n.b.count}`;
            return (
              <li
                key={n.key}
                data-testid="compare-row"
                data-service={n.service}
                data-operation={n.operation}
                data-count-a={n.a.count}
                data-count-b={n.b.count}
                data-self-us-a={Math.round(n.a.selfUs)}
                data-self-us-b={Math.round(n.b.selfUs)}
                data-critical-us-a={Math.round(n.a.criticalUs)}
                data-critical-us-b={Math.round(n.b.criticalUs)}
                data-change={n.change}
                className={`${COLS} absolute left-0 w-full border-b border-slate-100 px-3 text-sm dark:border-slate-800/60 ${selected ? 'bg-sky-50 dark:bg-sky-950/60' : ''}`}
                style={{ top: v.start, height: ROW_PX }}
              >
                <span
                  className="flex min-w-0 items-center"
                  style={{ paddingLeft: Math.min(row.depth, MAX_INDENT_DEPTH) * INDENT_PX }}
                >
                  <button
                    type="button"
                    aria-pressed={selected}
                    onClick={() => onSelect(n.key)}
                    title={`${clipLabel(n.service)}: ${clipLabel(n.operation)}`}
                    className="min-w-0 truncate rounded px-1 text-left hover:underline focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:outline-none"
                  >
                    <span
                      className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full align-baseline"
                      style={{ background: colors.get(n.service) }}
                      aria-hidden
                    />
                    <span className="text-slate-600 dark:text-slate-400">{clipLabel(n.service, 80)}: </span>
                    <span className="font-medium">{clipLabel(n.operation, 160)}</span>
                  </button>
                  <Badge node={n} />
                </span>
                <span className={`text-right tabular-nums ${n.a.count !== n.b.count ? 'font-semibold' : ''}`}>
                  {countText}
                </span>
                <span className="text-right tabular-nums">{formatDuration(n.a.criticalUs)}</span>
                <span className="text-right tabular-nums">{formatDuration(n.b.criticalUs)}</span>
                <Delta us={n.b.criticalUs - n.a.criticalUs} />
                <Delta us={n.b.totalUs - n.a.totalUs} />
                <Delta us={n.b.selfUs - n.a.selfUs} />
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
