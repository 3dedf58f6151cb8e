/**
 * Link patterns (config.json `linkPatterns`): templates that turn a span's attributes, its
 * resource attributes or the trace itself into links to logs, metrics or dashboards.
 *
 *   { "type": "span", "key": "k8s.pod.name", "text": "Pod logs",
 *     "url": "https://logs.example/?pod=#{k8s.pod.name}&from=#{trace.startTime}" }
 *
 * `type` "span" or "resource" puts the link beside the attribute `key` (span or resource
 * attribute) in the span detail; "trace" puts it in the trace header. `#{name}` is replaced
 * by a value, URL-encoded in `url` (plain in `text`): trace.id, trace.startTime and
 * trace.endTime (ms since the epoch), span.id, span.name, span.service, span.startTime,
 * span.endTime, or any attribute of the span (then of its resource). A trace link reads the
 * attributes of the trace's main root span. A link with a name that has no value is not shown,
 * and only http(s) links are ever produced. A pattern that is not valid is skipped with a
 * problem saying why; the others still work.
 */
import { isRecord } from '../lib/json';
import type { AttrValue, Span, Trace } from './types';

export type LinkPatternType = 'span' | 'resource' | 'trace';
export interface LinkPattern {
  readonly type: LinkPatternType;
  /** The attribute the link sits beside ("" for trace links). */
  readonly key: string;
  readonly url: string;
  readonly text: string;
}
export interface LinkPatterns {
  readonly patterns: readonly LinkPattern[];
  /** Why patterns were skipped, one sentence each. */
  readonly problems: readonly string[];
}
export interface ResolvedLink {
  readonly url: string;
  readonly text: string;
}

export const NO_LINK_PATTERNS: LinkPatterns = { patterns: [], problems: [] };
const TYPES: readonly LinkPatternType[] = ['span', 'resource', 'trace'];
const MAX_PATTERNS = 100;
const MAX_URL_CHARS = 4_000;
const MAX_TEXT_CHARS = 200;
const PLACEHOLDER = /#\{([^{}]*)\}/g;

/** Why a template is not usable, or undefined. */
function templateProblem(template: string): string | undefined {
  const stripped = template.replace(PLACEHOLDER, (_, name: string) => (name.trim() === '' ? '\u0000' : ''));
  if (stripped.includes('\u0000')) return 'has an empty #{}';
  if (stripped.includes('#{')) return 'has a #{ that is not closed';
  return undefined;
}

function patternProblem(raw: unknown): string | LinkPattern {
  if (!isRecord(raw)) return 'is not an object';
  const type = TYPES.find((t) => t === raw.type);
  if (!type) return `has type ${JSON.stringify(raw.type ?? null)}; expected one of ${TYPES.join(', ')}`;
  const key = typeof raw.key === 'string' ? raw.key.trim() : '';
  if (type !== 'trace' && key === '') return `needs a "key" (the ${type} attribute it sits beside)`;
  const { url, text } = raw;
  if (typeof url !== 'string' || url === '') return 'needs a "url"';
  if (url.length > MAX_URL_CHARS) return `has a url longer than ${MAX_URL_CHARS} characters`;
  // The scheme is literal text: a value substituted into it could otherwise choose javascript:.
  if (!/^https?:\/\/[^#/?\s]/i.test(url)) return 'has a url that does not start with http:// or https:// and a host';
  const urlProblem = templateProblem(url);
  if (urlProblem) return `has a url that ${urlProblem}`;
  if (text !== undefined && (typeof text !== 'string' || text.length > MAX_TEXT_CHARS))
    return `has a "text" that is not text of at most ${MAX_TEXT_CHARS} characters`;
  const label = typeof text === 'string' && text.trim() !== '' ? text.trim() : type === 'trace' ? 'Trace link' : 'Link';
  const textProblem = templateProblem(label);
  if (textProblem) return `has a text that ${textProblem}`;
  return { type, key: type === 'trace' ? '' : key, url, text: label };
}

/** config.json's `linkPatterns` (absent: none) → the usable patterns and why the others were skipped. */
export function parseLinkPatterns(raw: unknown): LinkPatterns {
  if (raw === undefined || raw === null) return NO_LINK_PATTERNS;
  if (!Array.isArray(raw))
    return { patterns: [], problems: ['linkPatterns is not a list, so no link patterns are used.'] };
  const patterns: LinkPattern[] = [];
  const problems: string[] = [];
  raw.slice(0, MAX_PATTERNS).forEach((item: unknown, i) => {
    const got = patternProblem(item);
    if (typeof got !== 'string') {
      patterns.push(got);
      return;
    }
    const name = isRecord(item) && typeof item.text === 'string' ? ` ("${item.text.slice(0, 60)}")` : '';
    problems.push(`linkPatterns[${i}]${name} is skipped: it ${got}.`);
  });
  if (raw.length > MAX_PATTERNS) problems.push(`Only the first ${MAX_PATTERNS} link patterns are used.`);
  return { patterns, problems };
}

function valueText(v: AttrValue): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The value a placeholder names for this trace and span, or undefined. */
function placeholderValue(name: string, trace: Trace, span: Span | undefined): string | undefined {
  const ms = (us: number) => String(Math.floor(us / 1000));
  switch (name) {
    case 'trace.id':
    case 'traceId':
      return trace.traceId;
    case 'trace.startTime':
      return ms(trace.startUnixUs);
    case 'trace.endTime':
      return String(Math.ceil((trace.startUnixUs + trace.durationUs) / 1000));
  }
  if (!span) return undefined;
  switch (name) {
    case 'span.id':
    case 'spanId':
      return span.spanId;
    case 'span.name':
      return span.name;
    case 'span.service':
      return span.service;
    case 'span.startTime':
      return ms(trace.startUnixUs + span.startUs);
    case 'span.endTime':
      return String(Math.ceil((trace.startUnixUs + span.startUs + span.durationUs) / 1000));
  }
  const attr = span.attributes.find((a) => a.key === name) ?? span.resource.find((a) => a.key === name);
  if (name === 'service.name' && !attr) return span.service;
  const text = attr ? valueText(attr.value) : '';
  return text === '' ? undefined : text;
}

/** Fills a template; undefined when a name has no value. */
function fill(template: string, value: (name: string) => string | undefined, encode: boolean): string | undefined {
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_, raw: string) => {
    const v = value(raw.trim());
    if (v === undefined) {
      missing = true;
      return '';
    }
    return encode ? encodeURIComponent(v) : v;
  });
  return missing ? undefined : out;
}

function resolve(pattern: LinkPattern, trace: Trace, span: Span | undefined): ResolvedLink | undefined {
  const value = (name: string) => placeholderValue(name, trace, span);
  const url = fill(pattern.url, value, true);
  const text = fill(pattern.text, value, false);
  if (url === undefined || text === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return { url: parsed.href, text: text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}…` : text };
  } catch {
    return undefined; // a value made the text something that is not a URL: no link
  }
}

/** Links to show beside attribute `key` of a span (`type` "span") or of its resource. */
export function attributeLinks(
  patterns: readonly LinkPattern[],
  trace: Trace,
  spanIndex: number,
  type: 'span' | 'resource',
  key: string,
): ResolvedLink[] {
  const span = trace.spans[spanIndex];
  const out: ResolvedLink[] = [];
  for (const p of patterns) {
    if (p.type !== type || p.key !== key) continue;
    const link = resolve(p, trace, span);
    if (link) out.push(link);
  }
  return out;
}

/** Whether any pattern of this type sits beside some attribute (the detail then looks them up). */
export const hasAttributePatterns = (patterns: readonly LinkPattern[], type: 'span' | 'resource'): boolean =>
  patterns.some((p) => p.type === type);

/** The trace header's links; names other than trace.* read the main root span. */
export function traceLinks(patterns: readonly LinkPattern[], trace: Trace, mainRoot: number): ResolvedLink[] {
  const out: ResolvedLink[] = [];
  for (const p of patterns) {
    if (p.type !== 'trace') continue;
    const link = resolve(p, trace, trace.spans[mainRoot]);
    if (link) out.push(link);
  }
  return out;
}
