/**
 * The side panel of a focused service: its numbers, callers and callees with their edges'
 * numbers, how many hops of neighbours stay lit, and a link to search its traces.
 */
import type { DependencyEdge, DependencyGraph } from '../../api/dependencies/types';
import { navigate } from '../../lib/router';
import { withBase } from '../../lib/base-path';
import { formatDuration, formatPercent } from '../../lib/format';
import { errorRate, plural } from './DependencyGraphView';
import { clipLabel } from '../../lib/truncate';

export function FocusPanel({
  graph,
  service,
  sourceId,
  hops,
  onHops,
  onFocus,
}: {
  graph: DependencyGraph;
  service: string;
  sourceId: string;
  hops: number;
  onHops: (h: number) => void;
  onFocus: (s: string | undefined) => void;
}) {
  const node = graph.nodes.find((n) => n.service === service);
  const callers = graph.edges.filter((e) => e.to === service).sort((a, b) => b.calls - a.calls);
  const callees = graph.edges.filter((e) => e.from === service).sort((a, b) => b.calls - a.calls);
  const searchHref = `/search?source=${encodeURIComponent(sourceId)}&service=${encodeURIComponent(service)}`;
  return (
    <aside
      aria-label={`Focused service ${clipLabel(service, 100)}`}
      className="flex w-80 shrink-0 flex-col gap-3 overflow-auto border-l border-slate-200 p-4 text-sm dark:border-slate-800"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="text-base font-semibold break-all">{clipLabel(service)}</h2>
        <button
          type="button"
          onClick={() => onFocus(undefined)}
          className="rounded px-1.5 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
          aria-label="Clear focus"
        >
          ✕
        </button>
      </div>
      {node ? (
        <p>
          {graph.origin === 'traces' ? plural(node.calls, 'span') : plural(node.calls, 'call')}
          {node.errors !== undefined &&
            `, ${plural(node.errors, 'error')} (${formatPercent(errorRate(node.errors, node.calls) ?? 0)})`}
          {node.selfCalls !== undefined && `; and ${plural(node.selfCalls, 'call')} to itself`}
        </p>
      ) : (
        <p role="status">This service is not in the current graph.</p>
      )}
      <a
        href={withBase(searchHref)}
        onClick={(e) => {
          e.preventDefault();
          navigate(searchHref);
        }}
        className="self-start rounded bg-sky-700 px-3 py-1.5 text-white hover:bg-sky-800 dark:bg-sky-700 dark:hover:bg-sky-800"
      >
        Search traces of this service
      </a>
      <fieldset className="flex items-center gap-2">
        <legend className="sr-only">Neighbours to show</legend>
        <span className="whitespace-nowrap text-slate-500 dark:text-slate-400">Neighbours</span>
        {[1, 2, 3].map((h) => (
          <label
            key={h}
            className={`cursor-pointer rounded border px-2 py-0.5 whitespace-nowrap ${h === hops ? 'border-sky-600 bg-sky-50 dark:bg-sky-950' : 'border-slate-300 dark:border-slate-700'}`}
          >
            <input type="radio" name="hops" className="sr-only" checked={h === hops} onChange={() => onHops(h)} />
            {h} hop{h > 1 ? 's' : ''}
          </label>
        ))}
      </fieldset>
      <EdgeList
        title="Called by"
        edges={callers}
        other={(e) => e.from}
        onFocus={onFocus}
        empty="No callers in this graph."
      />
      <EdgeList title="Calls" edges={callees} other={(e) => e.to} onFocus={onFocus} empty="Calls no other service." />
    </aside>
  );
}

function EdgeList({
  title,
  edges,
  other,
  onFocus,
  empty,
}: {
  title: string;
  edges: readonly DependencyEdge[];
  other: (e: DependencyEdge) => string;
  onFocus: (s: string) => void;
  empty: string;
}) {
  return (
    <section>
      <h3 className="mb-1 font-medium text-slate-600 dark:text-slate-300">{title}</h3>
      {edges.length === 0 ? (
        <p className="text-slate-500 dark:text-slate-400">{empty}</p>
      ) : (
        <ul className="space-y-1">
          {edges.map((e) => (
            <li key={other(e)} className="flex items-baseline justify-between gap-2">
              <button
                type="button"
                className="truncate text-left text-sky-700 hover:underline dark:text-sky-400"
                onClick={() => onFocus(other(e))}
              >
                {clipLabel(other(e), 100)}
              </button>
              <span className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-300">
                {plural(e.calls, 'call')}
                {e.errors ? `, ${e.errors} err` : ''}
                {e.p95Us !== undefined ? `, p95 ${formatDuration(e.p95Us)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
