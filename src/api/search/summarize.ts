/**
 * Every backend's search answer → TraceSummary[]. Full traces (Jaeger v3/v1, Zipkin) are
 * summarized from the model; Tempo search results and Jaeger trace-summaries map directly.
 */
import { arr, isRecord, num, numOrDecimal, rec, str } from '../../lib/json';
import { nanosToBigInt, normalizeTraceId } from '../../model/ids';
import type { Trace } from '../../model/types';
import type { ServiceCount, SortKey, TraceSummary } from './types';

/** The main root is the root with the earliest start (ties: the longest); DESIGN.md. */
export function summarizeTrace(trace: Trace): TraceSummary {
  const ids = new Set<string>();
  for (const s of trace.spans) ids.add(s.spanId);
  let root: Trace['spans'][number] | undefined;
  const byService = new Map<string, { spanCount: number; errorCount: number }>();
  let errorCount = 0;
  for (const s of trace.spans) {
    const isError = s.status.code === 'error';
    if (isError) errorCount++;
    const c = byService.get(s.service) ?? { spanCount: 0, errorCount: 0 };
    c.spanCount++;
    if (isError) c.errorCount++;
    byService.set(s.service, c);
    const isRoot = s.parentSpanId === undefined || !ids.has(s.parentSpanId);
    if (isRoot && (!root || s.startUs < root.startUs || (s.startUs === root.startUs && s.durationUs > root.durationUs)))
      root = s;
  }
  return {
    traceId: trace.traceId,
    rootService: root?.service ?? '',
    rootName: root?.name ?? '',
    startUnixUs: trace.startUnixUs,
    durationUs: trace.durationUs,
    spanCount: trace.spans.length,
    errorCount,
    services: sortServices([...byService].map(([name, c]) => ({ name, ...c }))),
  };
}

const sortServices = (list: ServiceCount[]) =>
  list.sort((a, b) => b.spanCount - a.spanCount || a.name.localeCompare(b.name));

const NO_ROOT = '<root span not yet received>';

/** Tempo `/api/search` → summaries (hex ids with leading zeros stripped; ns strings; durationMs absent when 0). */
export function tempoSearchToSummaries(json: unknown): TraceSummary[] {
  const out: TraceSummary[] = [];
  for (const raw of arr(rec(json)?.traces)) {
    const t = rec(raw);
    const traceId = normalizeTraceId(str(t?.traceID) ?? '');
    const startNs = nanosToBigInt(t?.startTimeUnixNano);
    if (!t || !traceId || startNs === undefined) continue;
    const stats = rec(t.serviceStats);
    const services: ServiceCount[] = [];
    let spanCount: number | undefined;
    let errorCount: number | undefined;
    if (stats) {
      spanCount = 0;
      errorCount = 0;
      for (const [name, v] of Object.entries(stats)) {
        const s = rec(v);
        const c = { name, spanCount: num(s?.spanCount) ?? 0, errorCount: num(s?.errorCount) ?? 0 };
        spanCount += c.spanCount;
        errorCount += c.errorCount;
        services.push(c);
      }
    }
    const rootService = str(t.rootServiceName) ?? '';
    out.push({
      traceId,
      rootService: rootService === NO_ROOT ? '' : rootService,
      rootName: str(t.rootTraceName) ?? '',
      startUnixUs: Number(startNs / 1000n),
      durationUs: (numOrDecimal(t.durationMs) ?? 0) * 1000,
      spanCount,
      errorCount,
      services: sortServices(services),
    });
  }
  return out;
}

/** Jaeger `/api/v3/trace-summaries` (v2.19+) → summaries. Undefined when the body is not that shape. */
export function jaegerSummariesToSummaries(json: unknown): TraceSummary[] | undefined {
  if (!isRecord(json) || !('summaries' in json)) return undefined;
  const out: TraceSummary[] = [];
  for (const raw of arr(json.summaries)) {
    const t = rec(raw);
    const traceId = normalizeTraceId(str(t?.traceId) ?? '');
    const startNs = nanosToBigInt(t?.minStartTimeUnixNano);
    const endNs = nanosToBigInt(t?.maxEndTimeUnixNano);
    if (!t || !traceId || startNs === undefined) continue;
    const services = arr(t.services).flatMap((v): ServiceCount[] => {
      const s = rec(v);
      const name = str(s?.name);
      return s && name !== undefined
        ? [{ name, spanCount: numOrDecimal(s.spanCount) ?? 0, errorCount: numOrDecimal(s.errorSpanCount) ?? 0 }]
        : [];
    });
    out.push({
      traceId,
      rootService: str(t.rootServiceName) ?? '',
      rootName: str(t.rootOperationName) ?? '',
      startUnixUs: Number(startNs / 1000n),
      durationUs: endNs === undefined ? 0 : Number((endNs - startNs) / 1000n),
      spanCount: numOrDecimal(t.spanCount),
      errorCount: numOrDecimal(t.errorSpanCount) ?? 0,
      services: sortServices(services),
    });
  }
  return out;
}

/** Sorted copy: most recent, longest, most spans, most errors; ties by recency, then id, so the order is stable. */
export function sortSummaries(list: readonly TraceSummary[], key: SortKey): TraceSummary[] {
  const metric = (s: TraceSummary): number => {
    switch (key) {
      case 'recent':
        return s.startUnixUs;
      case 'longest':
        return s.durationUs;
      case 'spans':
        return s.spanCount ?? -1;
      case 'errors':
        return s.errorCount ?? -1;
    }
  };
  return [...list].sort(
    (a, b) =>
      metric(b) - metric(a) ||
      b.startUnixUs - a.startUnixUs ||
      (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0),
  );
}
