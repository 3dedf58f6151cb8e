/**
 * The built-in demo source: demo traces are generated (in the parse worker) from their id,
 * so a demo permalink reopens the same trace anywhere, with no backend and no stored data.
 */
import { demoCatalog, demoFromTraceId, demoTraceId } from '../demo/catalog';

export interface DemoSource {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly spanCountHint: number;
  readonly traceId: string;
}

export function demoSources(): DemoSource[] {
  return demoCatalog.map((d) => ({ ...d, traceId: demoTraceId(d.id) }));
}

export interface DemoRequest {
  readonly id: string;
  readonly title: string;
  readonly seed: number;
  readonly spans?: number | undefined;
}

export function findDemoByTraceId(traceId: string): DemoRequest | undefined {
  const found = demoFromTraceId(traceId);
  if (!found) return undefined;
  const entry = demoCatalog.find((d) => d.id === found.id);
  const title = entry?.title ?? found.id;
  return { id: found.id, title, seed: found.options.seed, spans: found.options.spans };
}
