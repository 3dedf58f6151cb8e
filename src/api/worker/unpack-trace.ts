/** Rebuilds a Trace from a PackedTrace (packed-trace.ts) on the page; see there for the layout. */
import type { Span, Trace, TraceId } from '../../model/types';
import { toMicros } from '../../model/types';
import { ATTRIBUTE_KEY_LIMIT, attributeKeys } from '../../model/span-stats';
import { EMPTY } from '../adapter-common';
import { PackedDetails, PackedSpan, type PackedColumns } from './packed-span';

export type { PackedColumns };
import { STATUSES, type PackedTrace } from './packed-trace';
import { registerSpanColumns } from '../../model/span-columns';

const ERROR_STATUS = STATUSES.indexOf('error');

/** Work between two chances to stop (the loops below check this mask against their index). */
const STEP_MASK = 4095;

/** The whole Trace at once (tests, small traces). */
export function unpackTrace(p: PackedTrace): Trace {
  const steps = unpackSteps(p);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The Trace built in slices of about `sliceMs`, yielding to the page between them: unpacking
 * 1M spans at once was one 6 s task, during which the page could not even paint its progress.
 */
export async function unpackTraceInSlices(p: PackedTrace, sliceMs = 40): Promise<Trace> {
  const steps = unpackSteps(p);
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTask();
      sliceStart = performance.now();
    }
  }
}

/** A new task (not a microtask), so the page can paint and handle input in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** unpackTrace's work, pausing (yield) every few thousand spans. */
function* unpackSteps(p: PackedTrace): Generator<void, Trace> {
  const details = new PackedDetails(p);
  const n = p.spanId.length;
  const spans: Span[] = [];
  for (let i = 0; i < n; i++) {
    if ((i & STEP_MASK) === 0) yield;
    spans.push(new PackedSpan(details, i));
  }
  const trace: Trace = {
    traceId: details.str(p.traceId) as TraceId, // packed from a TraceId
    startUnixUs: p.startUnixUs,
    durationUs: toMicros(p.durationUs),
    spans,
    warnings: p.warnings.length === 0 ? EMPTY : Array.from(p.warnings, (w) => details.str(w)),
    format: p.format,
  };
  packedDetails.set(trace, details);
  registerSpanColumns(trace, {
    startUs: p.spanStartUs,
    durationUs: p.spanDurationUs,
    service: p.service,
    strings: p.strings,
    isError: (i) => (((p.flags[i] ?? 0) >> 3) & 3) === ERROR_STATUS,
  });
  return trace;
}

/** The packed columns behind each unpacked trace, for questions they answer without decoding. */
const packedDetails = new WeakMap<Trace, PackedDetails>();

/** The packed columns behind a trace unpacked here (same span order), or undefined for any other trace. */
export function packedColumnsOf(trace: Trace): PackedColumns | undefined {
  return packedDetails.get(trace);
}

/**
 * attributeKeys (model/span-stats.ts), the same keys in the same order; for an unpacked trace
 * read from the packed columns, so the statistics view's key picker does not decode every
 * span's attribute list (a 370 ms task at 1M spans).
 */
export function traceAttributeKeys(trace: Trace, limit = ATTRIBUTE_KEY_LIMIT): string[] {
  return packedDetails.get(trace)?.attributeKeys(limit) ?? attributeKeys(trace, limit);
}
