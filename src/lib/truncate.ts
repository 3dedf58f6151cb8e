/**
 * Long values on screen. A trace may carry a 5 MB span name or a 300 MB attribute value:
 * drawn whole, one DOM text node (or a `title`, an aria-label, a canvas label) stalls or
 * crashes the tab. Everything drawn goes through these, so at most a bounded number of
 * characters reaches the DOM; the full value stays in the model for copying.
 */
import { formatCount } from './format';

/** Names in rows, tooltips, headers, graph labels and lists. */
export const LABEL_CHARS = 300;
/** A value in the span detail before "show more". */
export const DETAIL_CHARS = 4_000;
/** Each "show more" adds at most this many characters. */
export const EXPAND_STEP_CHARS = 50_000;

/** Where to cut at or before `max` without splitting a UTF-16 surrogate pair. */
function cutAt(text: string, max: number): number {
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

export interface Clipped {
  /** The first characters of the text (the whole text when it fits). */
  readonly shown: string;
  /** How many characters were left out (0 when none). */
  readonly hiddenChars: number;
}

export function clipText(text: string, max: number): Clipped {
  if (text.length <= max) return { shown: text, hiddenChars: 0 };
  const cut = cutAt(text, Math.max(1, max));
  return { shown: text.slice(0, cut), hiddenChars: text.length - cut };
}

/** "… (1,234,567 more characters)" */
export function moreCharacters(hidden: number): string {
  return `… (${formatCount(hidden)} more character${hidden === 1 ? '' : 's'})`;
}

/** A name for a label: the whole name, or its start and "… (N more characters)". */
export function clipLabel(text: string, max: number = LABEL_CHARS): string {
  const c = clipText(text, max);
  return c.hiddenChars === 0 ? c.shown : `${c.shown}${moreCharacters(c.hiddenChars)}`;
}

/** The next length to show after "show more": one bounded step, never past the text. */
export function expandedLength(current: number, total: number): number {
  return Math.min(total, current + EXPAND_STEP_CHARS);
}
