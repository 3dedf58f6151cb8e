/**
 * Trace and span id normalisation. Every id in the model is lower-case hex, left-padded:
 * 32 chars for a trace id, 16 for a span id. Wire ids come as hex of any case, possibly
 * with leading zeros stripped (Tempo search, 64-bit Jaeger ids), or as base64 (Tempo's
 * trace-by-id, protobuf JSON). Hex vs base64 is decided by length and alphabet only:
 * a 32-char hex string is also valid base64, so "does it decode" must never decide.
 */
import type { SpanId, TraceId } from './types';

const HEX = /^[0-9a-fA-F]+$/;
const B64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const ALL_ZERO = /^0+$/;
/** Already canonical (full-length lower hex): the common case, kept as the same string. */
const CANONICAL_SPAN = /^[0-9a-f]{16}$/;
const CANONICAL_TRACE = /^[0-9a-f]{32}$/;

function asTraceId(hex32: string): TraceId {
  return hex32 as TraceId; // the branding constructor: callers pass validated lower hex
}

function asSpanId(hex16: string): SpanId {
  return hex16 as SpanId; // the branding constructor: callers pass validated lower hex
}

/** Base64 (std or URL alphabet, padded or not) → lower hex, or undefined if malformed. */
function base64ToHex(s: string): string | undefined {
  const body = s.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  let hex = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    let v: number;
    if (c >= 65 && c <= 90) v = c - 65;
    else if (c >= 97 && c <= 122) v = c - 71;
    else if (c >= 48 && c <= 57) v = c + 4;
    else if (c === 43 || c === 45)
      v = 62; // '+' or '-'
    else if (c === 47 || c === 95)
      v = 63; // '/' or '_'
    else return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += ((acc >> bits) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return hex;
}

/** True when the wire string must be read as base64 rather than hex (WIRE-FORMATS §0). */
function looksBase64(s: string, maxHex: number): boolean {
  if (s.endsWith('=')) return true;
  if (/[+/_-]/.test(s)) return true;
  // Only other letters outside a-f make a pure-alphanumeric string base64.
  return !HEX.test(s) || s.length > maxHex;
}

function normalize(raw: string, hexLen: 16 | 32): string | undefined {
  if (raw.length === 0) return undefined;
  // Fast path for 100k-span traces: no case folding or padding to do, so no new strings.
  if (raw.length === hexLen && (hexLen === 16 ? CANONICAL_SPAN : CANONICAL_TRACE).test(raw))
    return ALL_ZERO.test(raw) ? undefined : raw;
  let hex: string | undefined;
  if (!looksBase64(raw, hexLen)) {
    hex = raw.toLowerCase();
  } else {
    if (!B64.test(raw)) return undefined;
    hex = base64ToHex(raw);
    // Base64 ids are whole ids: 16 bytes (trace) or 8 bytes (64-bit trace id, span id).
    if (hex === undefined || (hex.length !== hexLen && hex.length !== 16)) return undefined;
  }
  if (ALL_ZERO.test(hex)) return undefined; // all-zero ids are invalid in OTel and Jaeger
  return hex.padStart(hexLen, '0');
}

/** Any wire trace id → 32 lower-case hex chars, or undefined when invalid or all zero. */
export function normalizeTraceId(raw: string): TraceId | undefined {
  const hex = normalize(raw, 32);
  return hex === undefined ? undefined : asTraceId(hex);
}

/** Any wire span id → 16 lower-case hex chars; longer than 64 bits is invalid. */
export function normalizeSpanId(raw: string): SpanId | undefined {
  const hex = normalize(raw, 16);
  return hex === undefined ? undefined : asSpanId(hex);
}

/** `traceparent` header value: version-traceid-spanid-flags. */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/i;

/**
 * What a person pastes into a "trace id" box: 16–32 hex chars, base64, or a whole
 * `traceparent` header (optionally with its `traceparent:` name), with surrounding
 * whitespace or quotes. Returns undefined for anything else, including bare short hex
 * (fewer than 16 chars is far more likely a typo than a real id).
 */
export function parseTraceIdInput(text: string): TraceId | undefined {
  let s = text.trim().replace(/^traceparent\s*[:=]\s*/i, '');
  s = s.replace(/^["'`]+|["'`]+$/g, '').trim();
  const tp = TRACEPARENT.exec(s);
  if (tp !== null) return tp[1] === undefined ? undefined : normalizeTraceId(tp[1]);
  if (HEX.test(s)) return s.length >= 16 && s.length <= 32 ? normalizeTraceId(s) : undefined;
  // Base64 of 16 bytes (24 chars padded, 22 unpadded) or 8 bytes (12 / 11).
  const bare = s.replace(/=+$/, '');
  if (bare.length !== 22 && bare.length !== 11) return undefined;
  return normalizeTraceId(s);
}

/**
 * A nanosecond timestamp from the wire (decimal string, number or bigint) → bigint.
 * Values above 2^53 must arrive as strings to be exact; numbers are accepted as sent.
 */
export function nanosToBigInt(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string') {
    return /^\s*-?\d+\s*$/.test(v) ? BigInt(v.trim()) : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.round(v));
  return undefined;
}
