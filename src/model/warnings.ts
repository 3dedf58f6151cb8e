/**
 * Readable warning messages for problems found while building the span tree. Messages name
 * spans the way a person sees them in the waterfall ("GET /x in frontend") and carry
 * amounts formatted for reading, so they can be shown as-is in an alert.
 */
import { formatDuration } from '../lib/format';
import { clipLabel } from '../lib/truncate';
import type { TraceWarning } from './analysis-types';
import type { Span, Trace } from './types';

/** "GET /x in frontend" — how a span is named in messages. */
export function spanLabel(span: Span): string {
  // Clipped: a message naming a 5 MB span name would carry all of it into every alert.
  return `${clipLabel(span.name, 200) || '(unnamed)'} in ${clipLabel(span.service, 100) || '(unknown service)'}`;
}

export function duplicateIdWarning(trace: Trace, index: number, firstIndex: number): TraceWarning {
  const span = trace.spans[index];
  const first = trace.spans[firstIndex];
  if (span === undefined || first === undefined) throw new RangeError(`span ${index} not in trace`);
  return {
    kind: 'duplicate-id',
    spanIndex: index,
    message:
      `${spanLabel(span)} has the same span id ${span.spanId} as ${spanLabel(first)}; ` +
      `it is kept as a separate span and children naming that id attach to the first one.`,
  };
}

export function orphanWarning(span: Span, index: number): TraceWarning {
  return {
    kind: 'orphan',
    spanIndex: index,
    message:
      `${spanLabel(span)} names parent ${span.parentSpanId ?? '(none)'}, which is not in this trace; ` +
      `it is shown as a root.`,
  };
}

/** `members` are the cycle's span indices; `broken` is the one made a root. */
export function cycleWarning(trace: Trace, members: readonly number[], broken: number): TraceWarning {
  const brokenSpan = trace.spans[broken];
  if (brokenSpan === undefined) throw new RangeError(`span ${broken} not in trace`);
  if (members.length === 1) {
    return {
      kind: 'cycle',
      spanIndex: broken,
      message: `${spanLabel(brokenSpan)} names itself as its parent; it is shown as a root.`,
    };
  }
  // Long cycles: name the first few so the message stays one readable line.
  const shown = members.slice(0, 4).map((m) => {
    const s = trace.spans[m];
    return s === undefined ? `#${m}` : spanLabel(s);
  });
  const more = members.length > 4 ? ` and ${members.length - 4} more` : '';
  return {
    kind: 'cycle',
    spanIndex: broken,
    message:
      `${members.length} spans name each other as parents in a loop (${shown.join(', ')}${more}); ` +
      `the loop is broken at ${spanLabel(brokenSpan)}, which is shown as a root.`,
  };
}

/** `beforeUs` > 0: child starts that long before its parent; `afterUs` > 0: ends that long after it. */
export function skewWarning(child: Span, index: number, parent: Span, beforeUs: number, afterUs: number): TraceWarning {
  const parts: string[] = [];
  if (beforeUs > 0) parts.push(`starts ${formatDuration(beforeUs)} before its parent ${spanLabel(parent)}`);
  if (afterUs > 0) {
    parts.push(
      beforeUs > 0
        ? `ends ${formatDuration(afterUs)} after it`
        : `ends ${formatDuration(afterUs)} after its parent ${spanLabel(parent)}`,
    );
  }
  return {
    kind: 'clock-skew',
    spanIndex: index,
    message: `${spanLabel(child)} ${parts.join(' and ')}; the clocks of the hosts may disagree.`,
  };
}

export function sourceWarnings(trace: Trace): TraceWarning[] {
  const out: TraceWarning[] = trace.warnings.map((message) => ({ kind: 'source', message }));
  const spans = trace.spans;
  for (let spanIndex = 0; spanIndex < spans.length; spanIndex++) {
    const span = spans[spanIndex];
    if (span === undefined || span.warnings.length === 0) continue; // most spans: nothing to do
    for (const w of span.warnings) out.push({ kind: 'source', spanIndex, message: `${spanLabel(span)}: ${w}` });
  }
  return out;
}
