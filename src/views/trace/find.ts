/**
 * In-trace find: a span matches when the query (case-insensitive, trimmed) occurs in its
 * operation, service, span id, or an attribute key or value (span or resource attributes).
 * Several words separated by spaces must all match (Jaeger's uiFind may hold several).
 * Resource attribute lists are shared between spans, so each is checked once.
 * Only the first FIND_SCAN_CHARS characters of a name or value are searched: lower-casing a
 * 300 MB value on every keystroke would stall the page (and what is drawn is clipped anyway).
 */
import type { Attribute, AttrValue, Trace } from '../../model/types';

export const FIND_SCAN_CHARS = 100_000;

/** The searchable, lower-cased start of a text. */
const scanned = (text: string): string =>
  (text.length > FIND_SCAN_CHARS ? text.slice(0, FIND_SCAN_CHARS) : text).toLowerCase();

function valueText(v: AttrValue): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function attrsMatch(attrs: readonly Attribute[], term: string): boolean {
  for (const a of attrs) {
    if (scanned(a.key).includes(term)) return true;
    if (scanned(valueText(a.value)).includes(term)) return true;
  }
  return false;
}

export function findTerms(query: string): string[] {
  return query
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/** A mask of matching spans (1 = match), or undefined when the query is empty. */
export function findMatches(trace: Trace, query: string): Uint8Array | undefined {
  const terms = findTerms(query);
  if (terms.length === 0) return undefined;
  const mask = new Uint8Array(trace.spans.length);
  const resourceHits = terms.map(() => new Map<readonly Attribute[], boolean>());
  trace.spans.forEach((s, i) => {
    const all = terms.every((term, t) => {
      if (scanned(s.name).includes(term) || scanned(s.service).includes(term) || s.spanId.includes(term)) return true;
      if (attrsMatch(s.attributes, term)) return true;
      const cache = resourceHits[t];
      let hit = cache?.get(s.resource);
      if (hit === undefined) {
        hit = attrsMatch(s.resource, term);
        cache?.set(s.resource, hit);
      }
      return hit;
    });
    if (all) mask[i] = 1;
  });
  return mask;
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
