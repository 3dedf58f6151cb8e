/**
 * OTLP AnyValue / KeyValue → model attributes. Nested arrays and kvlists come from the
 * wire, so their depth is bounded (MAX_DEPTH) instead of trusting the input.
 */
import { arr, isRecord, pick, str } from '../../lib/json';
import type { Attribute, AttrType, AttrValue } from '../../model/types';
import { intern, stringAttr } from '../adapter-common';

const MAX_DEPTH = 16;
const TOO_DEEP = '[nested too deep]';

/** int64 as a number when exact, else the decimal string (beyond ±2^53). */
function intValue(v: unknown): number | string | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

function typedValue(v: unknown, depth: number): { value: AttrValue; type?: AttrType } {
  if (!isRecord(v)) return { value: null };
  const s = pick(v, 'stringValue', 'string_value');
  if (typeof s === 'string') return { value: s };
  const b = pick(v, 'boolValue', 'bool_value');
  if (typeof b === 'boolean') return { value: b, type: 'bool' };
  const i = intValue(pick(v, 'intValue', 'int_value'));
  if (i !== undefined) return { value: i, type: 'int' };
  const d = pick(v, 'doubleValue', 'double_value');
  if (typeof d === 'number') return { value: d, type: 'double' };
  if (typeof d === 'string') return { value: d, type: 'double' }; // proto3 "NaN", "Infinity"
  const bytes = pick(v, 'bytesValue', 'bytes_value');
  if (typeof bytes === 'string') return { value: bytes, type: 'bytes' };
  const a = pick(v, 'arrayValue', 'array_value');
  if (isRecord(a)) {
    if (depth >= MAX_DEPTH) return { value: TOO_DEEP, type: 'array' };
    return { value: arr(a.values).map((x) => typedValue(x, depth + 1).value), type: 'array' };
  }
  const kv = pick(v, 'kvlistValue', 'kvlist_value');
  if (isRecord(kv)) {
    if (depth >= MAX_DEPTH) return { value: TOO_DEEP, type: 'map' };
    const entries: [string, AttrValue][] = [];
    for (const e of arr(kv.values)) {
      if (!isRecord(e)) continue;
      const key = str(e.key);
      if (key !== undefined) entries.push([key, typedValue(e.value, depth + 1).value]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays plain data.
    return { value: Object.fromEntries(entries), type: 'map' };
  }
  return { value: null };
}

export function otlpAttribute(key: string, value: unknown): Attribute {
  const t = typedValue(value, 0);
  if (t.type === undefined && typeof t.value === 'string') return stringAttr(key, t.value);
  return t.type === undefined
    ? { key: intern(key), value: t.value }
    : { key: intern(key), value: t.value, type: t.type };
}

/** KeyValue list → attributes; entries without a string key are skipped. */
export function otlpAttributes(list: unknown): Attribute[] {
  const out: Attribute[] = [];
  for (const kv of arr(list)) {
    if (!isRecord(kv)) continue;
    const key = str(kv.key);
    if (key !== undefined) out.push(otlpAttribute(key, kv.value));
  }
  return out;
}

/** The string value of `key` in a KeyValue list, without converting the rest. */
export function findStringAttr(list: unknown, key: string): string | undefined {
  for (const kv of arr(list)) {
    if (isRecord(kv) && kv.key === key) {
      const v: unknown = kv.value;
      return isRecord(v) ? str(pick(v, 'stringValue', 'string_value')) : undefined;
    }
  }
  return undefined;
}
