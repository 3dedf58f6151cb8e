/**
 * In-trace find: which spans match a find query (its language is in find-expr.ts, what each
 * term looks at in find-plan.ts). A trace unpacked from the worker is scanned over its
 * columns (find-packed.ts), so a 1M-span find tests each distinct text once and decodes no
 * span's attribute list; any other trace span by span, here. Resource attribute lists are
 * shared between spans, so each is checked once per term.
 */
import { packedColumnsOf } from '../../api/worker/unpack-trace';
import type { Attribute, Span, Trace } from '../../model/types';
import { parseFind, type FindTerm } from './find-expr';
import { matchPacked } from './find-packed';
import { attributeTextMatches, planOf, type TermPlan } from './find-plan';

export { FIND_SCAN_CHARS } from './find-plan';

/** A predicate for one term, over Span objects. */
function spanTest(plan: TermPlan): (s: Span) => boolean {
  switch (plan.kind) {
    case 'texts': {
      const { test } = plan;
      const resourceHits = new Map<readonly Attribute[], boolean>();
      return (s) => {
        if (test(s.name, false) || test(s.service, false) || test(s.spanId, true)) return true;
        if (s.attributes.some((a) => attributeTextMatches(a, test))) return true;
        let hit = resourceHits.get(s.resource);
        if (hit === undefined) {
          hit = s.resource.some((a) => attributeTextMatches(a, test));
          resourceHits.set(s.resource, hit);
        }
        return hit;
      };
    }
    case 'attributes': {
      const { test, negated } = plan;
      return (s) => (s.attributes.some(test) || s.resource.some(test)) !== negated;
    }
    case 'fields':
      return plan.test;
  }
}

/** A mask of the spans (1 = match) that match every term. */
export function matchTerms(trace: Trace, terms: readonly FindTerm[]): Uint8Array {
  const columns = packedColumnsOf(trace);
  if (columns !== undefined) return matchPacked(trace, columns, terms);
  const tests = terms.map(({ negate, atom }) => {
    const test = spanTest(planOf(atom));
    return negate ? (s: Span) => !test(s) : test;
  });
  const mask = new Uint8Array(trace.spans.length);
  trace.spans.forEach((s, i) => {
    if (tests.every((t) => t(s))) mask[i] = 1;
  });
  return mask;
}

/** A mask of matching spans (1 = match), or undefined when the query is empty or does not parse. */
export function findMatches(trace: Trace, query: string): Uint8Array | undefined {
  const parsed = parseFind(query);
  if (!parsed.ok || parsed.terms.length === 0) return undefined;
  return matchTerms(trace, parsed.terms);
}

/** Matching spans in row (pre-)order, for "n of m" and next/previous. */
export function matchesInOrder(preorder: Int32Array, mask: Uint8Array): Int32Array {
  let count = 0;
  for (let p = 0; p < preorder.length; p++) if (mask[preorder[p] ?? 0] === 1) count++;
  const out = new Int32Array(count);
  let k = 0;
  for (let p = 0; p < preorder.length; p++) {
    const i = preorder[p] ?? 0;
    if (mask[i] === 1) out[k++] = i;
  }
  return out;
}

/** The next (or previous) match after the current span in row order, wrapping around. */
export function stepMatch(
  ordered: Int32Array,
  rowOf: (span: number) => number,
  current: number,
  dir: 1 | -1,
): number | undefined {
  if (ordered.length === 0) return undefined;
  const at = ordered.indexOf(current);
  if (at >= 0) return ordered[(at + dir + ordered.length) % ordered.length];
  const cur = current >= 0 ? rowOf(current) : -1;
  if (dir === 1) {
    for (const m of ordered) if (rowOf(m) > cur) return m;
    return ordered[0];
  }
  for (let k = ordered.length - 1; k >= 0; k--) {
    const m = ordered[k] ?? 0;
    if (rowOf(m) < cur) return m;
  }
  return ordered[ordered.length - 1];
}
