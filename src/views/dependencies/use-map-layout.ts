/**
 * The service map's layout, laid out in the worker when the map is big (graph-layout-client.ts).
 * The inputs are reduced to a key (ids, box sizes, edges, groups) so a new map object with the
 * same picture (a focus or hop change) does not lay the graph out again: the picture holds still
 * while the focus moves. While a new layout is computed the previous one stays up.
 */
import { useEffect, useMemo, useState } from 'react';
import type { GraphLayoutKind, GraphLink, GraphNodeBox } from '../../layout/graph-layout';
import { layoutGroupedAsync, layoutOffThread } from '../../layout/graph-layout-client';
import { layoutGrouped, type GroupedLayout } from '../../layout/grouped-layout';

export interface MapLayoutState {
  readonly layout: GroupedLayout | undefined;
  /** A newer layout is being computed (the shown one, if any, is the previous). */
  readonly pending: boolean;
  readonly error: Error | undefined;
}

interface Input {
  readonly key: string;
  readonly kind: GraphLayoutKind;
  readonly nodes: readonly GraphNodeBox[];
  readonly links: readonly GraphLink[];
  readonly groupOf: ReadonlyMap<string, string>;
}

export function useMapLayout(
  kind: GraphLayoutKind,
  nodes: readonly GraphNodeBox[],
  links: readonly GraphLink[],
  groupOf: ReadonlyMap<string, string>,
): MapLayoutState {
  const key = [
    kind,
    nodes.map((n) => `${n.id}\u0001${n.width}\u0001${n.height}`).join('\u0002'),
    links.map((l) => `${l.from}\u0001${l.to}`).join('\u0002'),
    [...groupOf.entries()].map(([a, b]) => `${a}\u0001${b}`).join('\u0002'),
  ].join('\u0003');
  // The arrays of the first render with this key stand for it.
  const [input, setInput] = useState<Input>({ key, kind, nodes, links, groupOf });
  if (input.key !== key) setInput({ key, kind, nodes, links, groupOf });
  const sync = !layoutOffThread(input.nodes.length, input.links.length);
  const syncLayout = useMemo(
    () => (sync ? layoutGrouped(input.kind, input.nodes, input.links, input.groupOf) : undefined),
    [sync, input],
  );
  const [async, setAsync] = useState<{ key: string; layout?: GroupedLayout; error?: Error } | undefined>(undefined);
  useEffect(() => {
    if (sync) return;
    const abort = new AbortController();
    layoutGroupedAsync(input.kind, input.nodes, input.links, input.groupOf, abort.signal).then(
      (layout) => {
        if (!abort.signal.aborted) setAsync({ key: input.key, layout });
      },
      (err: unknown) => {
        if (!abort.signal.aborted)
          setAsync({ key: input.key, error: err instanceof Error ? err : new Error(String(err)) });
      },
    );
    return () => abort.abort();
  }, [sync, input]);
  if (syncLayout) return { layout: syncLayout, pending: false, error: undefined };
  return {
    layout: async?.layout,
    pending: async?.key !== input.key,
    error: async?.key === input.key ? async.error : undefined,
  };
}
