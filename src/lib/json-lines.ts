/**
 * A pretty-printed view of a JSON text without building the pretty text: one pass over the
 * characters records where each display line starts and ends in the original text and how
 * deep it is indented. A line breaks after `{`, `[` and `,`, and before `}` and `]`; empty
 * `{}` and `[]` stay on their line. Strings are skipped whole (escapes included), so braces
 * inside values do not count. The index costs 12 bytes a line, and the text is not copied:
 * a 60 MB minified trace is shown as it came, line by line, without a second 60 MB string.
 * The input is assumed to be JSON (it parsed already); other text is indexed best-effort.
 */
import {
  BACKSLASH,
  CLOSE_BRACE as CLOSE_OBJ,
  CLOSE_BRACKET as CLOSE_ARR,
  COMMA,
  OPEN_BRACE as OPEN_OBJ,
  OPEN_BRACKET as OPEN_ARR,
  QUOTE,
} from './json-chars';

export interface JsonLines {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly depth: Int32Array;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export function jsonLines(text: string): JsonLines {
  let cap = 1024;
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let depthOf = new Int32Array(cap);
  let count = 0;
  let depth = 0;
  let lineStart = -1;
  let lineDepth = 0;
  const endLine = (e: number) => {
    if (count === cap) {
      cap *= 2;
      const grow = (a: Int32Array) => {
        const b = new Int32Array(cap);
        b.set(a);
        return b;
      };
      start = grow(start);
      end = grow(end);
      depthOf = grow(depthOf);
    }
    start[count] = lineStart;
    end[count] = e;
    depthOf[count] = lineDepth;
    count++;
    lineStart = -1;
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    if (lineStart < 0) {
      lineStart = i;
      lineDepth = depth;
    }
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        c = text.charCodeAt(i);
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) break;
      }
    } else if (c === OPEN_OBJ || c === OPEN_ARR) {
      let j = i + 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const close = c === OPEN_OBJ ? CLOSE_OBJ : CLOSE_ARR;
      if (j < n && text.charCodeAt(j) === close) {
        i = j; // "{}" / "[]" stays on its line
        continue;
      }
      depth++;
      endLine(i + 1);
    } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
      if (lineStart < i) endLine(i);
      depth = Math.max(0, depth - 1);
      lineStart = i;
      lineDepth = depth;
    } else if (c === COMMA) {
      endLine(i + 1);
    }
  }
  if (lineStart >= 0) endLine(n);
  return { count, start: start.subarray(0, count), end: end.subarray(0, count), depth: depthOf.subarray(0, count) };
}

/** Display line k: the original characters, trailing spaces trimmed (indentation is the caller's). */
export function jsonLineText(
  text: string,
  lines: JsonLines,
  k: number,
  maxChars: number,
): { text: string; more: number } {
  const s = lines.start[k] ?? 0;
  const e = lines.end[k] ?? 0;
  if (e - s > maxChars) return { text: text.slice(s, s + maxChars), more: e - s - maxChars };
  return { text: text.slice(s, e).trimEnd(), more: 0 };
}
