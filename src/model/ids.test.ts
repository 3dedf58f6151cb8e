import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nanosToBigInt, normalizeSpanId, normalizeTraceId, parseTraceIdInput } from './ids';

describe('normalizeTraceId', () => {
  it('lower-cases and left-pads hex', () => {
    expect(normalizeTraceId('5B8EFFF798038103D269B633813FC60C')).toBe('5b8efff798038103d269b633813fc60c');
    expect(normalizeTraceId('0000000000000001')).toBe('00000000000000000000000000000001');
    expect(normalizeTraceId('df84e36b9e2ee3815d07f0867a5be1f')).toBe('0df84e36b9e2ee3815d07f0867a5be1f');
  });

  it('reads base64 by length and padding (Tempo)', () => {
    expect(normalizeTraceId('QpC1h3qZMN55u0KDZTmOzA==')).toBe('4290b5877a9930de79bb428365398ecc');
    // 8-byte trace id in base64 → padded to 32
    expect(normalizeTraceId('AAAAAAAAAAE=')).toBe('00000000000000000000000000000001');
    // URL-safe alphabet, unpadded
    expect(normalizeTraceId('-_-_-_-_-_-_-_-_-_-_-w')).toBe('fbffbffbffbffbffbffbffbffbffbffb');
  });

  it('treats a 32-char hex string as hex although it is also valid base64', () => {
    expect(normalizeTraceId('5b8efff798038103d269b633813fc60c')).toBe('5b8efff798038103d269b633813fc60c');
  });

  it('rejects empty, all-zero, too long and malformed ids', () => {
    expect(normalizeTraceId('')).toBeUndefined();
    expect(normalizeTraceId('00000000000000000000000000000000')).toBeUndefined();
    expect(normalizeTraceId('a'.repeat(33))).toBeUndefined();
    expect(normalizeTraceId('not an id!')).toBeUndefined();
    expect(normalizeTraceId('ZZZZZZZZZZZZZZZZ')).toBeUndefined(); // base64 of 12 bytes
    expect(normalizeTraceId('AAAAAAAAAAAAAAAA')).toBe('0000000000000000aaaaaaaaaaaaaaaa'); // hex wins
  });

  it('round-trips any 16 random bytes given as hex or base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const hex = Buffer.from(bytes).toString('hex');
        fc.pre(!/^0+$/.test(hex));
        expect(normalizeTraceId(hex.toUpperCase())).toBe(hex);
        expect(normalizeTraceId(Buffer.from(bytes).toString('base64'))).toBe(hex);
        expect(normalizeTraceId(Buffer.from(bytes).toString('base64url'))).toBe(hex);
      }),
    );
  });
});

describe('normalizeSpanId', () => {
  it('pads, lower-cases, decodes base64', () => {
    expect(normalizeSpanId('EEE19B7EC3C1B174')).toBe('eee19b7ec3c1b174');
    expect(normalizeSpanId('3')).toBe('0000000000000003');
    expect(normalizeSpanId('1gZXnld4dYc=')).toBe('d606579e57787587');
  });

  it('rejects ids longer than 64 bits', () => {
    expect(normalizeSpanId('5b8efff798038103d269b633813fc60c')).toBeUndefined();
    expect(normalizeSpanId('QpC1h3qZMN55u0KDZTmOzA==')).toBeUndefined();
    expect(normalizeSpanId('0000000000000000')).toBeUndefined();
    expect(normalizeSpanId('')).toBeUndefined();
  });
});

describe('parseTraceIdInput', () => {
  const id = '4bf92f3577b34da6a3ce929d0e0e4736';
  it('accepts pasted hex with whitespace and quotes', () => {
    expect(parseTraceIdInput(`  "${id.toUpperCase()}"\n`)).toBe(id);
    expect(parseTraceIdInput("'a3ce929d0e0e4736'")).toBe('0000000000000000a3ce929d0e0e4736');
    expect(parseTraceIdInput(id.slice(1))).toBe('0' + id.slice(1));
  });

  it('accepts a traceparent header, with or without its name', () => {
    expect(parseTraceIdInput(`00-${id}-00f067aa0ba902b7-01`)).toBe(id);
    expect(parseTraceIdInput(`traceparent: 00-${id}-00f067aa0ba902b7-01`)).toBe(id);
  });

  it('accepts base64', () => {
    expect(parseTraceIdInput(' QpC1h3qZMN55u0KDZTmOzA== ')).toBe('4290b5877a9930de79bb428365398ecc');
  });

  it('rejects junk and short hex', () => {
    expect(parseTraceIdInput('')).toBeUndefined();
    expect(parseTraceIdInput('abc')).toBeUndefined();
    expect(parseTraceIdInput('hello world')).toBeUndefined();
    expect(parseTraceIdInput(`${id}0`)).toBeUndefined();
    expect(parseTraceIdInput('0'.repeat(32))).toBeUndefined();
  });
});

describe('nanosToBigInt', () => {
  it('parses decimal strings exactly beyond 2^53', () => {
    expect(nanosToBigInt('1544712660000000001')).toBe(1544712660000000001n);
  });
  it('accepts numbers and bigint, rejects the rest', () => {
    expect(nanosToBigInt(1000)).toBe(1000n);
    expect(nanosToBigInt(5n)).toBe(5n);
    expect(nanosToBigInt('12.5')).toBeUndefined();
    expect(nanosToBigInt('')).toBeUndefined();
    expect(nanosToBigInt(null)).toBeUndefined();
    expect(nanosToBigInt(Number.NaN)).toBeUndefined();
    expect(nanosToBigInt({})).toBeUndefined();
  });
});
