/**
 * Worker entry for big graph layouts (see graph-layout-client.ts): the layout of 300 services
 * takes longer than a frame, so it runs here and the page stays responsive.
 */
import type { GraphLayoutKind, GraphLink, GraphNodeBox } from './graph-layout';
import { layoutGrouped, type GroupedLayout } from './grouped-layout';

export interface LayoutRequest {
  readonly id: number;
  readonly kind: GraphLayoutKind;
  readonly nodes: readonly GraphNodeBox[];
  readonly links: readonly GraphLink[];
  /** [node id, group] for the nodes drawn inside a group. */
  readonly groups: readonly (readonly [string, string])[];
}

export type LayoutResponse =
  { readonly id: number; readonly layout: GroupedLayout } | { readonly id: number; readonly error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, kind, nodes, links, groups } = event.data;
  try {
    const layout = layoutGrouped(kind, nodes, links, new Map(groups));
    scope.postMessage({ id, layout } satisfies LayoutResponse);
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies LayoutResponse);
  }
};
