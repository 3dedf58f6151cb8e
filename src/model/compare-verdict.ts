/**
 * The compare page's one-line verdict, for the engineer who was paged:
 *   "B is 480 ms slower (760 ms → 1.2 s): +310 ms in `SQL SELECT` in mysql on the critical
 *    path; `GetDriver` in redis-manual ran 13× instead of 10× (+60 ms)"
 * Built from critical-path deltas per (service, operation), summed over every place the
 * operation appears. Operations are 'op' parts so the page can set them as code.
 */
import { formatDuration } from '../lib/format';
import type { Alignment, OperationDelta } from './compare';
import { operationDeltas } from './compare';

export type CompareVerdictPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'op'; readonly service: string; readonly operation: string };

/** A difference below this share of A's duration (or 1 µs) reads as "as long as". */
const SAME_SHARE = 0.01;
/** A second cause is named when it holds at least this share of the whole change. */
const FOLLOWER_SHARE = 0.2;

const text = (t: string): CompareVerdictPart => ({ kind: 'text', text: t });
const op = (o: OperationDelta): CompareVerdictPart[] => [
  { kind: 'op', service: o.service, operation: o.operation },
  text(` in ${o.service}`),
];
/** "+310 ms", "−42 ms" (a real minus sign). */
export const signedDuration = (us: number): string => `${us < 0 ? '\u2212' : '+'}${formatDuration(Math.abs(us))}`;
const crit = (o: OperationDelta) => o.b.criticalUs - o.a.criticalUs;

export interface VerdictInput {
  readonly durationUsA: number;
  readonly durationUsB: number;
  readonly alignment: Alignment;
  /** Both sides are the same trace from the same source. */
  readonly sameTrace: boolean;
}

export function isIdentical(alignment: Alignment): boolean {
  return alignment.nodes.every(
    (n) =>
      n.a.count === n.b.count &&
      n.a.totalUs === n.b.totalUs &&
      n.a.selfUs === n.b.selfUs &&
      n.a.criticalUs === n.b.criticalUs,
  );
}

export function compareVerdict({ durationUsA, durationUsB, alignment, sameTrace }: VerdictInput): CompareVerdictPart[] {
  const a = formatDuration(durationUsA);
  const b = formatDuration(durationUsB);
  if (alignment.nodes.length === 0) return [text('Neither trace has spans to compare.')];
  if (durationUsA === durationUsB && isIdentical(alignment))
    return [
      text(
        sameTrace
          ? `This compares a trace with itself: every delta is zero (${a}).`
          : `A and B match span for span: same operations, same timings, every delta is zero (${a}).`,
      ),
    ];

  const d = durationUsB - durationUsA;
  const same = Math.abs(d) < Math.max(1, durationUsA * SAME_SHARE);
  const parts: CompareVerdictPart[] = [
    text(
      same
        ? `B took as long as A (${a} → ${b})`
        : `B is ${formatDuration(Math.abs(d))} ${d > 0 ? 'slower' : 'faster'} (${a} → ${b})`,
    ),
  ];

  const ops = operationDeltas(alignment);
  // Causes: operations whose critical time moved the way the trace did (either way when it did not).
  const sign = same ? 0 : Math.sign(d);
  const causes = ops
    .filter((o) => crit(o) !== 0 && (sign === 0 || Math.sign(crit(o)) === sign))
    .sort((x, y) => Math.abs(crit(y)) - Math.abs(crit(x)) || x.operation.localeCompare(y.operation));
  const put = (items: readonly CompareVerdictPart[]) => {
    for (const item of items) parts.push(item);
  };
  const cause = (o: OperationDelta, lead: string) => {
    const where = o.a.count === 0 ? ', new in B,' : o.b.count === 0 ? ', gone in B,' : '';
    put([text(`${lead}${signedDuration(crit(o))} in `), ...op(o), text(`${where} on the critical path`)]);
  };
  const first = causes[0];
  if (first !== undefined) {
    cause(first, ': ');
    const second = causes[1];
    const whole = same ? Math.abs(crit(first)) : Math.abs(d);
    if (second !== undefined && Math.abs(crit(second)) >= whole * FOLLOWER_SHARE) cause(second, ', ');
  } else if (!same) {
    parts.push(text(': the critical path took the same time in every operation'));
  }

  // The biggest change in how often an operation ran (the N+1 pattern).
  const counted = ops
    .filter((o) => o.a.count > 0 && o.b.count > 0 && o.a.count !== o.b.count)
    .sort(
      (x, y) =>
        Math.abs(y.b.count - y.a.count) - Math.abs(x.b.count - x.a.count) ||
        Math.abs(crit(y)) - Math.abs(crit(x)) ||
        x.operation.localeCompare(y.operation),
    )[0];
  if (counted !== undefined) {
    const effect = crit(counted) !== 0 ? crit(counted) : counted.b.totalUs - counted.a.totalUs;
    put([
      text('; '),
      ...op(counted),
      text(` ran ${counted.b.count}× instead of ${counted.a.count}× (${signedDuration(effect)})`),
    ]);
  }
  return parts;
}

/** Plain text of a compare verdict; operations in backticks. */
export function compareVerdictText(parts: readonly CompareVerdictPart[]): string {
  return parts.map((p) => (p.kind === 'op' ? `\`${p.operation}\`` : p.text)).join('');
}
