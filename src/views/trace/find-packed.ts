/**
 * find over an unpacked trace's columns (api/worker/unpack-trace.ts): the same answers as
 * find.ts's span-by-span scan, but each distinct operation, service and attribute row is
 * tested once per term, and no span's attribute list is decoded. At 1M spans the span-by-span
 * scan was a 0.5-0.7 s main-thread task.
 */
import type { PackedColumns } from '../../api/worker/unpack-trace';
import type { Trace } from '../../model/types';
import type { FindTerm } from './find-expr';
import { attributeTextMatches, planOf, type TermPlan } from './find-plan';

const UNKNOWN = 0;
const NO = 1;
const YES = 2;

/** `answer(k)` for index k, computed once: a cache of 0 (unknown), 1 (no), 2 (yes). */
function memo(size: number, answer: (k: number) => boolean): (k: number) => boolean {
  const cache = new Uint8Array(size);
  return (k) => {
    const known = cache[k];
    if (known !== undefined && known !== UNKNOWN) return known === YES;
    const hit = answer(k);
    cache[k] = hit ? YES : NO;
    return hit;
  };
}

/** Whether each span matches one plan (before any negation), as a 0/1 mask. */
function planMask(trace: Trace, columns: PackedColumns, plan: TermPlan): Uint8Array {
  const { p, resources } = columns;
  const n = trace.spans.length;
  const out = new Uint8Array(n);
  if (plan.kind === 'fields') {
    for (let i = 0; i < n; i++) {
      const s = trace.spans[i];
      if (s !== undefined && plan.test(s)) out[i] = 1;
    }
    return out;
  }
  const rowCount = p.attrKey.length;
  let row: (r: number) => boolean;
  let resource: (k: number) => boolean;
  let own: (i: number) => boolean;
  if (plan.kind === 'texts') {
    const { test } = plan;
    const text = memo(p.strings.length, (k) => test(p.strings[k] ?? '', false));
    row = memo(rowCount, (r) => attributeTextMatches(columns.attribute(r), test));
    resource = memo(resources.length, (k) => (resources[k] ?? []).some((a) => attributeTextMatches(a, test)));
    own = (i) => text(p.name[i] ?? 0) || text(p.service[i] ?? 0) || test(trace.spans[i]?.spanId ?? '', true);
  } else {
    const { test } = plan;
    row = memo(rowCount, (r) => test(columns.attribute(r)));
    resource = memo(resources.length, (k) => (resources[k] ?? []).some(test));
    own = () => false;
  }
  for (let i = 0; i < n; i++) {
    let hit = own(i);
    for (let j = p.attrStart[i] ?? 0, end = p.attrStart[i + 1] ?? 0; !hit && j < end; j++)
      hit = row(p.attrList[j] ?? 0);
    if (!hit) hit = resource(p.resource[i] ?? 0);
    if (plan.kind === 'attributes' && plan.negated) hit = !hit;
    if (hit) out[i] = 1;
  }
  return out;
}

/** A mask of the spans (1 = match) that match every term. */
export function matchPacked(trace: Trace, columns: PackedColumns, terms: readonly FindTerm[]): Uint8Array {
  const mask = new Uint8Array(trace.spans.length).fill(1);
  for (const { negate, atom } of terms) {
    const hits = planMask(trace, columns, planOf(atom));
    for (let i = 0; i < mask.length; i++) if (mask[i] === 1 && (hits[i] === 1) === negate) mask[i] = 0;
  }
  return mask;
}
