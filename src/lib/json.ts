/**
 * Small narrowing guards for untrusted JSON (`unknown` in, typed value or undefined out).
 * Adapters validate wire data with these instead of casting.
 */

export type JsonRecord = { readonly [key: string]: unknown };

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isArray(v: unknown): v is readonly unknown[] {
  return Array.isArray(v);
}

/** The value when it is a string, else undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The value when it is a finite number, else undefined. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** The value when it is an array, else an empty array (for optional list fields). */
export function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : EMPTY_UNKNOWN;
}

/** The value when it is a plain object, else undefined. */
export function rec(v: unknown): JsonRecord | undefined {
  return isRecord(v) ? v : undefined;
}

/** First of several alternative keys (camelCase / snake_case spellings) that is present. */
export function pick(o: JsonRecord, a: string, b: string, c?: string, d?: string): unknown {
  const va = o[a];
  if (va !== undefined) return va;
  const vb = o[b];
  if (vb !== undefined || c === undefined) return vb;
  const vc = o[c];
  if (vc !== undefined || d === undefined) return vc;
  return o[d];
}

/** A number given as a JSON number or a decimal string (proto3 JSON sends 64-bit ints as strings). */
export function numOrDecimal(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}

const EMPTY_UNKNOWN: readonly unknown[] = Object.freeze([]);

/** Short human description of a JSON value's type, for error messages. */
export function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}
