/**
 * The one-line verdict for someone who was just paged: where the trace's time went.
 *   "42% of 760 ms is `SQL SELECT` in mysql; then `GetDriver` in redis-manual (27%) and
 *    `/route` in route (26%); 3 spans failed, first `charge` in payment"
 * Built from critical-path time per operation. Operation names are 'span' parts pointing at
 * that operation's biggest critical span, services are 'service' parts, so the UI can link
 * them; verdictText renders operations in backticks.
 */
import { formatDuration, formatPercent } from '../lib/format';
import type { Bottlenecks, OperationShare, VerdictPart } from './analysis-types';
import type { Trace } from './types';

/** Operations after the first are mentioned only when they hold at least this share. */
const MENTION_SHARE = 0.05;
/** At most this many operations after the first. */
const MAX_FOLLOWERS = 2;

const text = (t: string): VerdictPart => ({ kind: 'text', text: t });

export function verdict(trace: Trace, b: Bottlenecks, selfTimeUs?: Float64Array): VerdictPart[] {
  const spans = trace.spans;
  if (spans.length === 0) return [text('This trace has no spans.')];

  const where = (span: number): VerdictPart[] => {
    const s = spans[span];
    if (s === undefined) return [];
    return [
      { kind: 'span', text: s.name, span },
      text(' in '),
      { kind: 'service', text: s.service, service: s.service },
    ];
  };
  // The operation's biggest critical span: bySpan is ordered largest first.
  const spanOf = (op: OperationShare): number =>
    b.bySpan.find((x) => spans[x.span]?.service === op.service && spans[x.span]?.name === op.name)?.span ?? -1;
  const total = formatDuration(trace.durationUs);

  const parts: VerdictPart[] = [];
  const put = (items: readonly VerdictPart[]) => {
    for (const item of items) parts.push(item);
  };
  const top = b.byOperation[0];
  if (top === undefined) {
    // No critical path: a zero-length trace, or a zero-length first root.
    const first = earliest(trace, () => true);
    const busiest = selfTimeUs === undefined || trace.durationUs <= 0 ? -1 : argMax(selfTimeUs);
    if (busiest >= 0 && (selfTimeUs?.[busiest] ?? 0) > 0) {
      parts.push(text(`No critical path from the first span; of ${total}, the most self time is in `));
      put(where(busiest));
      parts.push(text(` (${formatDuration(selfTimeUs?.[busiest] ?? 0)})`));
    } else {
      put([text(`This trace took ${total} (`), ...where(first), text(')')]);
    }
  } else {
    const lead = top.share >= 0.995 ? `All ${total} is ` : `${formatPercent(top.share)} of ${total} is `;
    put([text(lead), ...where(spanOf(top))]);
    const followers = b.byOperation.slice(1, 1 + MAX_FOLLOWERS).filter((op) => op.share >= MENTION_SHARE);
    followers.forEach((op, k) => {
      put([text(k === 0 ? '; then ' : ' and '), ...where(spanOf(op)), text(` (${formatPercent(op.share)})`)]);
    });
  }

  let failed = 0;
  for (const s of spans) if (s.status.code === 'error') failed++;
  if (failed > 0) {
    const firstFailed = earliest(trace, (i) => spans[i]?.status.code === 'error');
    put([text(failed === 1 ? '; 1 span failed: ' : `; ${failed} spans failed, first `), ...where(firstFailed)]);
  }
  return parts;
}

/** The earliest-starting span (ties: lowest index) among those passing `keep`; -1 if none. */
function earliest(trace: Trace, keep: (i: number) => boolean): number {
  let best = -1;
  trace.spans.forEach((s, i) => {
    if (!keep(i)) return;
    const bs = trace.spans[best];
    if (bs === undefined || s.startUs < bs.startUs) best = i;
  });
  return best;
}

function argMax(values: Float64Array): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || (values[i] ?? 0) > (values[best] ?? 0)) best = i;
  return best;
}

/** Plain text of a verdict; operation (span) names in backticks. */
export function verdictText(parts: readonly VerdictPart[]): string {
  return parts.map((p) => (p.kind === 'span' ? `\`${p.text}\`` : p.text)).join('');
}
