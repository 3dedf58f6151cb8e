/**
 * The service map's own controls, under the page toolbar: weigh by calls or critical-path
 * time, the edge threshold (a slider over the edges' own weights, so every step changes the
 * picture), and the namespace groups to collapse or expand. All of it lives in the URL.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatCount, formatDuration } from '../../lib/format';
import { clipLabel } from '../../lib/truncate';
import { Segment } from '../../components/Segment';
import { plural } from './DependencyGraphView';
import { edgeWeight, type MapWeight, type ServiceMap } from './service-map';

const button =
  'rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600 dark:border-slate-600 dark:hover:bg-slate-800';

export const formatWeight = (w: number, weight: MapWeight): string =>
  weight === 'critical' ? formatDuration(w) : plural(w, 'call');

export function MapControls({
  map,
  weight,
  canCritical,
  onWeight,
  onThreshold,
  onCollapsed,
}: {
  map: ServiceMap;
  weight: MapWeight;
  canCritical: boolean;
  onWeight: (w: MapWeight) => void;
  onThreshold: (t: number) => void;
  onCollapsed: (namespaces: string[]) => void;
}) {
  // Distinct edge weights, ascending: slider step i means "edges weighing at least steps[i]".
  const steps = useMemo(() => {
    const set = new Set<number>();
    for (const e of map.allEdges) set.add(edgeWeight(e, weight));
    return [...set].sort((a, b) => a - b);
  }, [map.allEdges, weight]);
  const indexOf = (t: number) => {
    let i = 0;
    while (i + 1 < steps.length && (steps[i + 1] ?? Infinity) <= t) i++;
    return i;
  };
  const committed = indexOf(map.threshold);
  const [dragging, setDragging] = useState<number | undefined>(undefined);
  const index = dragging ?? committed;
  const shownThreshold = steps[index] ?? 0;
  const wouldShow = map.allEdges.filter((e) => edgeWeight(e, weight) >= shownThreshold).length;
  // Commit to the URL once the slider rests, not on every step of a drag (each is a new layout).
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const onSlide = (i: number) => {
    setDragging(i);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setDragging(undefined);
      onThreshold(steps[i] ?? 0);
    }, 250);
  };
  const collapsed = map.collapsed;
  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 pb-2 text-sm"
      role="group"
      aria-label="Service map controls"
    >
      <div
        role="radiogroup"
        aria-label="Weigh by"
        className="flex items-center overflow-hidden rounded border border-slate-300 dark:border-slate-700"
      >
        <span className="px-2 text-slate-600 dark:text-slate-300">Weigh by</span>
        <Segment
          className="border-l border-slate-300 dark:border-slate-700"
          checked={weight === 'calls'}
          onSelect={() => onWeight('calls')}
          title="Node size and edge width by calls"
        >
          Calls
        </Segment>
        <Segment
          className="border-l border-slate-300 dark:border-slate-700"
          checked={weight === 'critical'}
          disabled={!canCritical}
          onSelect={() => onWeight('critical')}
          title={
            canCritical
              ? 'Node size by the critical-path time its spans own, edge width by the critical-path time under its calls: the thick parts are where requests wait'
              : 'Critical-path time needs the traces: switch to “Built from traces”'
          }
        >
          Critical-path time
        </Segment>
      </div>
      <label className="flex items-center gap-2">
        <span className="text-slate-600 dark:text-slate-300">Edges from</span>
        <input
          type="range"
          min={0}
          max={Math.max(0, steps.length - 1)}
          step={1}
          value={index}
          disabled={steps.length <= 1}
          onChange={(e) => onSlide(Number(e.currentTarget.value))}
          aria-label="Edge threshold"
          aria-valuetext={`edges of at least ${formatWeight(shownThreshold, weight)}: ${wouldShow} of ${map.allEdges.length}`}
          data-testid="edge-threshold"
          className="w-40 accent-sky-700 dark:accent-sky-400"
        />
        <span className="tabular-nums text-slate-700 dark:text-slate-200" data-testid="edge-threshold-value">
          ≥ {formatWeight(shownThreshold, weight)} · {formatCount(wouldShow)} of {plural(map.allEdges.length, 'edge')}
        </span>
      </label>
      {map.namespaces.length > 0 && (
        <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Namespaces">
          <span className="text-slate-600 dark:text-slate-300">Namespaces</span>
          {map.namespaces.map(({ namespace, services }) => {
            const isCollapsed = collapsed.has(namespace);
            return (
              <button
                key={namespace}
                type="button"
                aria-pressed={!isCollapsed}
                data-testid="namespace-toggle"
                data-namespace={namespace}
                title={isCollapsed ? `Show the ${services} services of ${namespace}` : `Draw ${namespace} as one node`}
                onClick={() =>
                  onCollapsed(
                    isCollapsed ? [...collapsed].filter((c) => c !== namespace) : [...collapsed, namespace].sort(),
                  )
                }
                className={`${button} ${isCollapsed ? '' : 'bg-sky-50 dark:bg-sky-950'}`}
              >
                {isCollapsed ? '▸' : '▾'} {clipLabel(namespace, 40)}{' '}
                <span className="text-slate-600 dark:text-slate-300">{services}</span>
              </button>
            );
          })}
          <button type="button" className={button} onClick={() => onCollapsed(map.namespaces.map((n) => n.namespace))}>
            Collapse all
          </button>
          <button type="button" className={button} onClick={() => onCollapsed([])}>
            Expand all
          </button>
        </div>
      )}
    </div>
  );
}
