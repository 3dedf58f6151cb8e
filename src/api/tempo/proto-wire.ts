/**
 * The wire-level reads proto-decode.ts builds on: tags, strings (with a cache of short ASCII
 * strings), ids as lower hex, fixed64 nanoseconds, int64 values, and the checks that a field
 * ends inside its message. `str` and `hexId` read the body given to `beginBody` in place.
 */
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';

export class ProtoDecodeError extends Error {
  override readonly name = 'ProtoDecodeError';
}

export const LEN = WireType.LengthDelimited;
export const VARINT = WireType.Varint;
export const I64 = WireType.Bit64;
/** Char codes of '0'…'9', 'a'…'f'. */
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * A field's tag (field number << 3 | wire type), read without the array BinaryReader.tag()
 * allocates per field. Field number 0 does not exist: the bytes are not protobuf.
 */
export function tag(r: BinaryReader): number {
  const t = r.uint32();
  if (t >>> 3 === 0) throw new ProtoDecodeError(`illegal tag ${t}`);
  return t;
}

/**
 * Recently read short ASCII strings by a hash of their bytes (attribute keys, service and
 * operation names repeat across spans): a hit costs no allocation. Direct-mapped, so it holds at
 * most STRING_CACHE_SIZE strings; it is reset for each body.
 */
const STRING_CACHE_SIZE = 4096;
const MAX_CACHED_LENGTH = 48;
let stringCache: (string | undefined)[] = [];
let bodyBytes: Uint8Array = new Uint8Array(0);
const utf8 = new TextDecoder();

export function str(r: BinaryReader): string {
  const len = r.uint32();
  const start = r.pos;
  const end = start + len;
  if (end > r.len) throw new ProtoDecodeError('the body ends inside a string');
  if (len === 0) return '';
  if (len > MAX_CACHED_LENGTH) {
    r.pos = end;
    return utf8.decode(bodyBytes.subarray(start, end));
  }
  const buf = bodyBytes;
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] ?? 0), 0x01000193);
  const slot = (h >>> 0) % STRING_CACHE_SIZE;
  const cached = stringCache[slot];
  r.pos = end;
  if (cached !== undefined && cached.length === len) {
    let same = true;
    for (let i = 0; i < len && same; i++) same = cached.charCodeAt(i) === buf[start + i];
    if (same) return cached;
  }
  let ascii = true;
  for (let i = start; i < end && ascii; i++) ascii = (buf[i] ?? 0) < 0x80;
  if (!ascii) return utf8.decode(buf.subarray(start, end));
  // apply takes any array-like: the bytes go in without a copy (typed as number[] for TypeScript).
  const s = String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  stringCache[slot] = s;
  return s;
}

/** The end of the length-delimited field starting at the reader's position, checked against its message's end. */
export function fieldEnd(r: BinaryReader, outer: number): number {
  const len = r.uint32();
  const end = r.pos + len;
  if (end > outer) throw new ProtoDecodeError(`a field of ${len} bytes runs past the end of its message`);
  return end;
}

/** A fixed-width field must also end inside its message. */
export function fits(r: BinaryReader, bytes: number, end: number): void {
  if (r.pos + bytes > end) throw new ProtoDecodeError('the body ends inside a field');
}

export function atEnd(r: BinaryReader, end: number): void {
  if (r.pos !== end) throw new ProtoDecodeError('a field runs past the end of its message');
}

/**
 * An id field (bytes) → lower hex, read in place (no subarray per id). The trace id repeats in
 * every span: the same bytes as the previous id give the previous string.
 */
let lastIdStart = -1;
let lastIdLength = 0;
let lastId = '';
const hexCodes: number[] = [];

export function hexId(r: BinaryReader, outer: number): string {
  const end = fieldEnd(r, outer);
  const start = r.pos;
  const len = end - start;
  r.pos = end;
  const buf = bodyBytes;
  if (len === lastIdLength && lastIdStart >= 0) {
    let same = true;
    for (let i = 0; i < len && same; i++) same = buf[start + i] === buf[lastIdStart + i];
    if (same) return lastId;
  }
  hexCodes.length = len * 2;
  for (let i = 0; i < len; i++) {
    const b = buf[start + i] ?? 0;
    hexCodes[2 * i] = HEX_CODES[b >> 4] ?? 0;
    hexCodes[2 * i + 1] = HEX_CODES[b & 15] ?? 0;
  }
  lastIdStart = start;
  lastIdLength = len;
  lastId = String.fromCharCode.apply(null, hexCodes);
  return lastId;
}

export function nanos(r: BinaryReader, end: number): bigint {
  fits(r, 8, end);
  const v = r.fixed64();
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** int64 → a number when exact, else its decimal string (as the JSON path gives it). */
export function int64(r: BinaryReader): number | string {
  const v = r.int64();
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : String(v);
}

/** Makes `body` the bytes `str` and `hexId` read, with an empty string cache. */
export function beginBody(body: Uint8Array): void {
  bodyBytes = body;
  stringCache = new Array<string | undefined>(STRING_CACHE_SIZE);
}

/** Lets go of the body and the caches. */
export function endBody(): void {
  bodyBytes = new Uint8Array(0);
  stringCache = [];
  lastIdStart = -1;
  lastIdLength = 0;
  lastId = '';
}
