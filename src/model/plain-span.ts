import type { Span } from './types';

/** A plain-object copy of any Span, keys in the adapters' order; lazy lists are read. */
export function plainSpan(s: Span): Span {
  return {
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    refType: s.refType,
    traceId: s.traceId,
    name: s.name,
    service: s.service,
    kind: s.kind,
    startUs: s.startUs,
    durationUs: s.durationUs,
    status: s.status,
    attributes: s.attributes,
    resource: s.resource,
    scope: s.scope,
    events: s.events,
    links: s.links,
    warnings: s.warnings,
  };
}
