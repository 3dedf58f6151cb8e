/**
 * The find box's language: a query is terms separated by spaces, and a span matches when it
 * matches every term. A term is
 *   - a word or a "quoted phrase": a case-insensitive substring of the operation, service,
 *     span id, or an attribute key or value (what find always did, and Jaeger's `uiFind`);
 *   - `error`: the span's status is error (write `"error"` to look for the text);
 *   - `/regex/` (optionally `/regex/i`): a regular expression tested against the same texts;
 *   - `key op value` with op one of = != > >= < <=: `service`, `name` (or `operation`),
 *     `kind`, `status`, `id` and `duration` are the span's own fields, any other key an
 *     attribute (span first, then resource). `=`/`!=` compare text without case (or numbers
 *     as numbers), and take a /regex/ or a "quoted value"; the others compare numbers,
 *     `duration` takes a duration (50ms, 1.5s; a bare number is milliseconds).
 *   - any term prefixed with `-` is negated (`-service=redis`).
 * Parsing is separate from matching (find.ts) so the table and other views can reuse both.
 */
import { parseDurationUs } from '../../api/search/duration';

export type CompareOp = '=' | '!=' | '>' | '>=' | '<' | '<=';
export type SpanField = 'service' | 'name' | 'kind' | 'status' | 'id' | 'duration';

export type FindValue =
  | { readonly kind: 'text'; readonly text: string; readonly lower: string; readonly num: number | undefined }
  | { readonly kind: 'regex'; readonly re: RegExp };

export type FindAtom =
  | { readonly kind: 'text'; readonly lower: string }
  | { readonly kind: 'regex'; readonly re: RegExp }
  | { readonly kind: 'error' }
  | {
      readonly kind: 'compare';
      readonly field: SpanField | undefined;
      readonly key: string;
      readonly op: CompareOp;
      readonly value: FindValue;
    };

export interface FindTerm {
  readonly negate: boolean;
  readonly atom: FindAtom;
}

export type FindParse =
  { readonly ok: true; readonly terms: readonly FindTerm[] } | { readonly ok: false; readonly error: string };

const FIELDS: Readonly<Record<string, SpanField>> = {
  service: 'service',
  'service.name': 'service',
  name: 'name',
  operation: 'name',
  'span.name': 'name',
  kind: 'kind',
  'span.kind': 'kind',
  status: 'status',
  id: 'id',
  'span.id': 'id',
  spanid: 'id',
  duration: 'duration',
};

// An attribute key: letters, digits and the punctuation keys use ("http.status_code", "k8s.pod.name").
const KEY_RE = /^[A-Za-z_@][\w.:@/-]*$/;
const OP_RE = /^(!=|>=|<=|=|>|<)/;
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

class FindSyntaxError extends Error {}

/** Reads a "quoted" text starting at `at` (the opening quote); returns it and the index after it. */
function readQuoted(q: string, at: number): [string, number] {
  let out = '';
  for (let i = at + 1; i < q.length; i++) {
    const c = q[i];
    if (c === '\\' && i + 1 < q.length) out += q[++i];
    else if (c === '"') return [out, i + 1];
    else out += c;
  }
  throw new FindSyntaxError(`the quote opened at character ${at + 1} is not closed`);
}

/** The end of the run of non-space characters starting at `at`. */
function wordEnd(q: string, at: number): number {
  let i = at;
  while (i < q.length && !/\s/.test(q[i] ?? '')) i++;
  return i;
}

/** `/body/flags` when `word` is one (a word merely starting with "/", like "/route", is not). */
function asRegex(word: string, at: number): RegExp | undefined {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(word);
  if (!m || m[1] === undefined) return undefined;
  const flags = m[2] ?? '';
  if (!/^[imsu]*$/.test(flags))
    throw new FindSyntaxError(`"${word}" at character ${at + 1}: unknown regex flags "${flags}" (use i, m, s or u)`);
  try {
    return new RegExp(m[1], flags);
  } catch (err) {
    throw new FindSyntaxError(
      `"${word}" at character ${at + 1} is not a valid regex (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

function numberOf(text: string): number | undefined {
  const t = text.trim();
  return NUMBER_RE.test(t) ? Number(t) : undefined;
}

function compareTerm(key: string, op: CompareOp, raw: string, quoted: boolean, at: number): FindAtom {
  const field = FIELDS[key.toLowerCase()];
  const where = `"${key}${op}${quoted ? `"${raw}"` : raw}" at character ${at + 1}`;
  if (raw === '' && !quoted) throw new FindSyntaxError(`${where}: a value is missing after ${op}`);
  const re = quoted ? undefined : asRegex(raw, at);
  const ordered = op !== '=' && op !== '!=';
  if (re) {
    if (ordered) throw new FindSyntaxError(`${where}: a regex can only be used with = or !=`);
    return { kind: 'compare', field, key, op, value: { kind: 'regex', re } };
  }
  let num = numberOf(raw);
  if (field === 'duration') {
    const d = parseDurationUs(raw);
    if (!d.ok || d.us === undefined)
      throw new FindSyntaxError(`${where}: "${raw}" is not a duration (write e.g. 50ms, 1.5s)`);
    num = d.us;
  } else if (ordered) {
    if (field !== undefined) throw new FindSyntaxError(`${where}: ${key} can only be compared with = or !=`);
    if (num === undefined) throw new FindSyntaxError(`${where}: ${op} needs a number, not "${raw}"`);
  }
  return { kind: 'compare', field, key, op, value: { kind: 'text', text: raw, lower: raw.toLowerCase(), num } };
}

function parseTerms(q: string): FindTerm[] {
  const terms: FindTerm[] = [];
  let i = 0;
  while (i < q.length) {
    if (/\s/.test(q[i] ?? '')) {
      i++;
      continue;
    }
    const start = i;
    let negate = false;
    if (q[i] === '-' && i + 1 < q.length && !/\s/.test(q[i + 1] ?? '')) {
      negate = true;
      i++;
    }
    if (q[i] === '"') {
      const [text, next] = readQuoted(q, i);
      i = next;
      if (text !== '') terms.push({ negate, atom: { kind: 'text', lower: text.toLowerCase() } });
      continue;
    }
    // key op value, where the value may be quoted (and hold spaces).
    const keyMatch = /^[^\s=<>!"]+/.exec(q.slice(i, wordEnd(q, i)));
    const key = keyMatch?.[0] ?? '';
    const op = OP_RE.exec(q.slice(i + key.length))?.[1] as CompareOp | undefined;
    if (op !== undefined && KEY_RE.test(key)) {
      const valueAt = i + key.length + op.length;
      if (q[valueAt] === '"') {
        const [text, next] = readQuoted(q, valueAt);
        terms.push({ negate, atom: compareTerm(key, op, text, true, start) });
        i = next;
      } else {
        const end = wordEnd(q, valueAt);
        terms.push({ negate, atom: compareTerm(key, op, q.slice(valueAt, end), false, start) });
        i = end;
      }
      continue;
    }
    const end = wordEnd(q, i);
    const word = q.slice(i, end);
    i = end;
    const re = asRegex(word, start);
    if (re) terms.push({ negate, atom: { kind: 'regex', re } });
    else if (word.toLowerCase() === 'error') terms.push({ negate, atom: { kind: 'error' } });
    else terms.push({ negate, atom: { kind: 'text', lower: word.toLowerCase() } });
  }
  return terms;
}

/** Parses a find query; an empty one has no terms. A query that does not parse says why. */
export function parseFind(query: string): FindParse {
  try {
    return { ok: true, terms: parseTerms(query) };
  } catch (err) {
    if (err instanceof FindSyntaxError) return { ok: false, error: err.message };
    throw err;
  }
}
