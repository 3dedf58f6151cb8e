/**
 * A readable text form of a trace and its analysis, for snapshot tests and debugging:
 * a header, then one line per span in waterfall order (tree pre-order, indented by depth):
 *
 *   frontend GET /checkout   +0 µs  120 ms  server        ★
 *     cart GetCart           +3 µs   12 ms  client  ERROR ★
 *
 * then the source's trace warnings and the analysis's own warnings (orphans, skew…). ★ marks spans that own
 * critical-path time. Times are relative to the trace start.
 */
import { formatDuration } from '../lib/format';
import type { TraceAnalysis } from './analysis-types';
import type { Span, Trace } from './types';

function label(span: Span, depth: number): string {
  return `${'  '.repeat(depth)}${span.service} ${span.name}`;
}

function flags(span: Span, critical: boolean): string {
  const parts: string[] = [];
  if (span.status.code === 'error')
    parts.push(span.status.message === undefined ? 'ERROR' : `ERROR(${span.status.message})`);
  if (critical) parts.push('★');
  if (span.warnings.length > 0) parts.push(`⚠ ${span.warnings.join('; ')}`);
  return parts.join(' ');
}

export function dumpTrace(trace: Trace, analysis: TraceAnalysis): string {
  const { tree, criticalUs } = analysis;
  const services = new Set(trace.spans.map((s) => s.service));
  const out: string[] = [
    `trace ${trace.traceId} (${trace.format}): ${trace.spans.length} spans, ${services.size} services, ${formatDuration(trace.durationUs)}, start ${trace.startUnixUs} µs`,
  ];
  const rows: { label: string; start: string; duration: string; kind: string; flags: string }[] = [];
  for (const i of tree.preorder) {
    const span = trace.spans[i];
    if (span === undefined) continue;
    rows.push({
      label: label(span, tree.depth[i] ?? 0),
      start: `+${formatDuration(span.startUs)}`,
      duration: formatDuration(span.durationUs),
      kind: span.kind,
      flags: flags(span, (criticalUs[i] ?? 0) > 0),
    });
  }
  const w = { label: 0, start: 0, duration: 0, kind: 0 };
  for (const r of rows) {
    w.label = Math.max(w.label, r.label.length);
    w.start = Math.max(w.start, r.start.length);
    w.duration = Math.max(w.duration, r.duration.length);
    w.kind = Math.max(w.kind, r.kind.length);
  }
  for (const r of rows) {
    const line = `${r.label.padEnd(w.label)}  ${r.start.padStart(w.start)}  ${r.duration.padStart(w.duration)}  ${r.kind.padEnd(w.kind)}  ${r.flags}`;
    out.push(line.trimEnd());
  }
  for (const warning of trace.warnings) out.push(`trace warning: ${warning}`);
  // Source warnings are already shown above (trace) and on their span lines.
  for (const warning of analysis.warnings)
    if (warning.kind !== 'source') out.push(`analysis warning (${warning.kind}): ${warning.message}`);
  return `${out.join('\n')}\n`;
}
