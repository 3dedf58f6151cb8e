/**
 * Graph layout (grouped-layout.ts) off the main thread: graphs above OFF_THREAD nodes + edges are laid out in a
 * worker (one for the tab, started on first use), smaller ones in place (a worker round trip
 * costs more than their layout). Where there is no Worker (unit tests in Node) everything is
 * laid out in place. An AbortSignal drops an answer nobody waits for any more.
 */
import type { GraphLayoutKind, GraphLink, GraphNodeBox } from './graph-layout';
import { layoutGrouped, type GroupedLayout } from './grouped-layout';
import type { LayoutRequest, LayoutResponse } from './graph-layout-worker';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (l: GroupedLayout) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./graph-layout-worker.ts', import.meta.url), {
    type: 'module',
    name: 'pathlight-graph-layout',
  });
  w.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const msg = event.data;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if ('layout' in msg) p.resolve(msg.layout);
    else p.reject(new Error(`The graph layout failed: ${msg.error}`));
  };
  w.onerror = (event) => {
    event.preventDefault();
    const err = new Error(`The graph layout worker stopped: ${event.message || 'unknown error'}`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined;
    w.terminate();
  };
  worker = w;
  return w;
}

/**
 * Nodes + edges above which the layout runs in the worker: dagre on 40 services / 60 edges
 * already takes ~100 ms on a busy machine, a long task by itself.
 */
export const OFF_THREAD = 80;

/** Whether a graph of this size is laid out in the worker. */
export const layoutOffThread = (nodes: number, links: number): boolean =>
  typeof Worker !== 'undefined' && nodes + links > OFF_THREAD;

export function layoutGroupedAsync(
  kind: GraphLayoutKind,
  nodes: readonly GraphNodeBox[],
  links: readonly GraphLink[],
  groupOf: ReadonlyMap<string, string>,
  signal?: AbortSignal,
): Promise<GroupedLayout> {
  if (!layoutOffThread(nodes.length, links.length)) {
    try {
      return Promise.resolve(layoutGrouped(kind, nodes, links, groupOf));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
  const id = nextId++;
  return new Promise<GroupedLayout>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    signal?.addEventListener('abort', () => pending.delete(id), { once: true });
    // Plain objects only: the boxes may carry extra fields a caller spread in.
    const request: LayoutRequest = {
      id,
      kind,
      nodes: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
      links: links.map((l) => ({ from: l.from, to: l.to })),
      groups: [...groupOf.entries()],
    };
    getWorker().postMessage(request);
  });
}
