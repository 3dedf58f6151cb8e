/**
 * How each find term looks at a span (find.ts evaluates the plans on Span objects,
 * find-packed.ts on an unpacked trace's columns). Plain words and /regex/ test texts: the
 * operation, service, span id, and every attribute key and value (span, then resource);
 * `key op value` on an attribute tests attributes one at a time; the rest read a span's own
 * fields. Only the first FIND_SCAN_CHARS characters of a name or value are searched:
 * lower-casing a 300 MB value on every keystroke would stall the page (and what is drawn is
 * clipped anyway).
 */
import { attrValueText } from '../../model/attr-text';
import type { Attribute, AttrValue, Span } from '../../model/types';
import type { FindAtom, FindValue } from './find-expr';

export const FIND_SCAN_CHARS = 100_000;

/** The searchable start of a text. */
const clipped = (text: string): string => (text.length > FIND_SCAN_CHARS ? text.slice(0, FIND_SCAN_CHARS) : text);
/** The searchable, lower-cased start of a text. */
const scanned = (text: string): string => clipped(text).toLowerCase();

/** A text test; `lower` says the text is lower-case already (span ids). */
export type TextTest = (text: string, lower: boolean) => boolean;

export type TermPlan =
  /** Matches when any of the span's texts passes. */
  | { readonly kind: 'texts'; readonly test: TextTest }
  /** Matches when some span or resource attribute passes, or (negated, for `!=`) when none does. */
  | { readonly kind: 'attributes'; readonly test: (a: Attribute) => boolean; readonly negated: boolean }
  /** Reads only the span's own fields. */
  | { readonly kind: 'fields'; readonly test: (s: Span) => boolean };

export const attributeTextMatches = (a: Attribute, test: TextTest): boolean =>
  test(a.key, false) || test(attrValueText(a.value), false);

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

/** `key op value` on an attribute; `!=` means "no attribute equals": a span without the key matches it. */
function attributePlan(atom: FindAtom & { kind: 'compare' }): TermPlan {
  const key = atom.key.toLowerCase();
  const negated = atom.op === '!=';
  const test = negated ? { ...atom, op: '=' as const } : atom;
  return {
    kind: 'attributes',
    test: (a) => a.key.toLowerCase() === key && compare(test, attrValueText(a.value), numeric(a.value)),
    negated,
  };
}

function fieldTest(atom: FindAtom & { kind: 'compare' }): ((s: Span) => boolean) | undefined {
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
      return undefined;
  }
}

export function planOf(atom: FindAtom): TermPlan {
  switch (atom.kind) {
    case 'text':
      return { kind: 'texts', test: (text, lower) => (lower ? text : scanned(text)).includes(atom.lower) };
    case 'regex': {
      const { re } = atom;
      return { kind: 'texts', test: (text) => re.test(clipped(text)) };
    }
    case 'error':
      return { kind: 'fields', test: (s) => s.status.code === 'error' };
    case 'compare': {
      const test = fieldTest(atom);
      return test === undefined ? attributePlan(atom) : { kind: 'fields', test };
    }
  }
}
