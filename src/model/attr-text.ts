import type { AttrValue } from './types';

/** An attribute value as text: strings as they are, other primitives by String, arrays and maps as JSON. */
export function attrValueText(v: AttrValue): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
