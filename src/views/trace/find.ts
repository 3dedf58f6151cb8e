/**
 * In-trace find: which spans match a find query (its language is in find-expr.ts). Plain words
 * are case-insensitive substrings of a span's operation, service, span id, or an attribute key
 * or value (span or resource attributes). Resource attribute lists are shared between spans,
 * so each is checked once per term. Only the first FIND_SCAN_CHARS characters of a name or
 * value are searched: lower-casing a 300 MB value on every keystroke would stall the page
 * (and what is drawn is clipped anyway).
 */
import type { Attribute, AttrValue, Span, Trace } from '../../model/types';
import { parseFind, type FindAtom, type FindTerm, type FindValue } from './find-expr';

export const FIND_SCAN_CHARS = 100_000;

/** The searchable start of a text. */
const clipped = (text: string): string => (text.length > FIND_SCAN_CHARS ? text.slice(0, FIND_SCAN_CHARS) : text);
/** The searchable, lower-cased start of a text. */
const scanned = (text: string): string => clipped(text).toLowerCase();

function valueText(v: AttrValue): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function attrsMatch(attrs: readonly Attribute[], test: (text: string, lower: boolean) => boolean): boolean {
  for (const a of attrs) {
    if (test(a.key, false) || test(valueText(a.value), false)) return true;
  }
  return false;
}

/** A text test over a span's own texts and its attributes; the resource's answer is cached. */
function textTest(test: (text: string, lower: boolean) => boolean) {
  const resourceHits = new Map<readonly Attribute[], boolean>();
  return (s: Span): boolean => {
    if (test(s.name, false) || test(s.service, false) || test(s.spanId, true)) return true;
    if (attrsMatch(s.attributes, test)) return true;
    let hit = resourceHits.get(s.resource);
    if (hit === undefined) {
      hit = attrsMatch(s.resource, test);
      resourceHits.set(s.resource, hit);
    }
    return hit;
  };
}

function equals(value: FindValue, text: string, num: number | undefined): boolean {
  if (value.kind === 'regex') return value.re.test(clipped(text));
  if (value.num !== undefined && num !== undefined) return value.num === num;
  return text.toLowerCase() === value.lower;
}

function compare(op: FindAtom & { kind: 'compare' }, text: string, num: number | undefined): boolean {
  const { value } = op;
  switch (op.op) {
    case '=':
      return equals(value, text, num);
    case '!=':
      return !equals(value, text, num);
    default: {
      const want = value.kind === 'text' ? value.num : undefined;
      if (want === undefined || num === undefined) return false;
      if (op.op === '>') return num > want;
      if (op.op === '>=') return num >= want;
      if (op.op === '<') return num < want;
      return num <= want;
    }
  }
}

const numeric = (v: AttrValue): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(v.trim())) return Number(v);
  return undefined;
};

/** Whether any attribute called `key` (span attributes, then resource) satisfies the comparison. */
function attributeCompare(atom: FindAtom & { kind: 'compare' }): (s: Span) => boolean {
  const key = atom.key.toLowerCase();
  // `!=` means "no attribute equals": a span without the key matches it.
  const negated = atom.op === '!=';
  const test = negated ? { ...atom, op: '=' as const } : atom;
  const any = (list: readonly Attribute[]) =>
    list.some((a) => a.key.toLowerCase() === key && compare(test, valueText(a.value), numeric(a.value)));
  return (s) => (any(s.attributes) || any(s.resource)) !== negated;
}

function spanCompare(atom: FindAtom & { kind: 'compare' }): (s: Span) => boolean {
  switch (atom.field) {
    case 'service':
      return (s) => compare(atom, s.service, undefined);
    case 'name':
      return (s) => compare(atom, s.name, undefined);
    case 'kind':
      return (s) => compare(atom, s.kind, undefined);
    case 'status':
      return (s) => compare(atom, s.status.code, undefined);
    case 'id':
      return (s) => compare(atom, s.spanId, undefined);
    case 'duration':
      return (s) => compare(atom, String(s.durationUs), s.durationUs);
    case undefined:
      return attributeCompare(atom);
  }
}

/** A predicate for one term. */
function termTest({ negate, atom }: FindTerm): (s: Span) => boolean {
  let test: (s: Span) => boolean;
  switch (atom.kind) {
    case 'text':
      test = textTest((text, lower) => (lower ? text : scanned(text)).includes(atom.lower));
      break;
    case 'regex': {
      const { re } = atom;
      test = textTest((text) => {
        return re.test(clipped(text));
      });
      break;
    }
    case 'error':
      test = (s) => s.status.code === 'error';
      break;
    case 'compare':
      test = spanCompare(atom);
      break;
  }
  return negate ? (s) => !test(s) : test;
}

/** A mask of the spans (1 = match) that match every term. */
export function matchTerms(trace: Trace, terms: readonly FindTerm[]): Uint8Array {
  const tests = terms.map(termTest);
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
