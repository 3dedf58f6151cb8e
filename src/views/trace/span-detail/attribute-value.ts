/**
 * Attribute values as display text, and whether a value may become a link: only a whole
 * http(s) URL does (never javascript:, data: or relative URLs). Values are always rendered
 * as React text, never as HTML.
 */
import { attrValueText } from '../../../model/attr-text';
import type { AttrValue } from '../../../model/types';

/** An attribute value as display text (model/attr-text.ts). */
export const attrText = attrValueText;

export function httpUrl(v: AttrValue): string | undefined {
  if (typeof v !== 'string' || !/^https?:\/\/\S+$/i.test(v)) return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined; // looks like a URL but does not parse: show it as text
  }
}
