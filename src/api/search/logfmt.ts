/**
 * Attributes in the search form are logfmt: `key=value` pairs separated by spaces, values in
 * double quotes when they hold spaces, `=` or quotes (with \" and \\ escapes inside).
 * A quoted value is always a string; a bare true/false or number keeps that type, so the
 * TraceQL compiler can write `span.http.status_code=500` but `span.code="500"`.
 */
import type { AttrLiteral } from './types';

export type LogfmtParse =
  | { readonly ok: true; readonly pairs: readonly (readonly [string, AttrLiteral])[] }
  | { readonly ok: false; readonly error: string };

const NUMBER = /^-?\d+(\.\d+)?$/;

export function parseLogfmt(text: string): LogfmtParse {
  const pairs: (readonly [string, AttrLiteral])[] = [];
  let i = 0;
  const n = text.length;
  const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  while (i < n) {
    while (i < n && isSpace(text[i])) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && text[i] !== '=' && !isSpace(text[i])) i++;
    const key = text.slice(keyStart, i);
    if (text[i] !== '=') return { ok: false, error: `"${key}" has no value: write ${key}=value` };
    if (key === '') return { ok: false, error: `a value at position ${keyStart + 1} has no key` };
    i++; // '='
    if (text[i] === '"') {
      i++;
      let value = '';
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '\\' && i + 1 < n) {
          value += text[i + 1];
          i += 2;
        } else if (c === '"') {
          closed = true;
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      if (!closed) return { ok: false, error: `the value of ${key} has no closing quote` };
      if (i < n && !isSpace(text[i])) return { ok: false, error: `put a space after the quoted value of ${key}` };
      pairs.push([key, { kind: 'string', value }]);
    } else {
      const valueStart = i;
      while (i < n && !isSpace(text[i])) i++;
      const raw = text.slice(valueStart, i);
      if (raw.includes('"'))
        return { ok: false, error: `the value of ${key} has a stray quote: quote the whole value ("…")` };
      pairs.push([key, literal(raw)]);
    }
  }
  return { ok: true, pairs };
}

function literal(raw: string): AttrLiteral {
  if (raw === 'true' || raw === 'false') return { kind: 'bool', value: raw === 'true' };
  if (NUMBER.test(raw)) return { kind: 'number', value: raw };
  return { kind: 'string', value: raw };
}

/** The literal as plain text (what Jaeger and Zipkin compare against). */
export const literalText = (v: AttrLiteral): string => (v.kind === 'bool' ? String(v.value) : v.value);

/**
 * One pair back to logfmt, quoting when needed (for the "add attribute" helper). With
 * `asString`, a value that would read as a number or boolean is quoted to stay a string.
 */
export function formatPair(key: string, value: string, asString = false): string {
  const ambiguous = asString && (value === 'true' || value === 'false' || NUMBER.test(value));
  const needsQuotes = value === '' || ambiguous || /[\s="\\]/.test(value);
  return `${key}=${needsQuotes ? `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : value}`;
}
