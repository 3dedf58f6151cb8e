/**
 * Seeded, reproducible randomness for the demo generator (never Math.random): the same
 * seed gives the same traces, ids and timings on every machine.
 */

/** murmur3's 32-bit finalizer: a bijection on uint32, so distinct inputs give distinct outputs. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string, for deriving per-demo seeds from names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** mulberry32: small, fast, good enough for synthetic data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** uniform uint32 */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** float in [min, max) */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick: empty list');
    return item;
  }

  /** Roughly normal (sum of three uniforms), clamped to at least `min`: service latencies. */
  normal(mean: number, spread: number, min = 0): number {
    const z = (this.next() + this.next() + this.next() - 1.5) * 2; // ≈ N(0, 1) within ±3
    return Math.max(min, mean + z * spread);
  }

  /** 64 random bits as 16 lower-case hex chars, never all zeros. */
  hex64(): string {
    const hi = this.u32();
    const lo = this.u32();
    return hex8(hi) + hex8(hi === 0 && lo === 0 ? 1 : lo);
  }
}
