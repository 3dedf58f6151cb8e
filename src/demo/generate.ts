/**
 * The built-in demo traces. Each is generated on request, deterministically from a seed,
 * as an OTLP/JSON document so it goes through the same adapter as a dropped file.
 *
 * Trace ids are derived from (demo, seed, span count) and can be decoded back
 * (`demoFromTraceId`), so a permalink `/trace/<id>?source=demo` regenerates the same trace.
 * Layout of the 32 hex digits: demo-name hash · seed · span count · check word.
 */
import { buildBig } from './big';
import { buildCheckout } from './checkout';
import { buildHotrod } from './hotrod';
import { OtlpTraceBuilder } from './otlp-builder';
import type { OtlpDocument } from './otlp-wire';
import { Rng, hashString, hex8, mix32 } from './prng';

export interface DemoInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly spanCountHint: number;
}

export interface DemoOptions {
  /** span count, for the big demos */
  readonly spans?: number;
  readonly seed?: number;
  /** the trace ends one second before this instant; fixed by default so output is reproducible */
  readonly nowUnixMs?: number;
}

export const DEFAULT_DEMO_SEED = 42;
/** 2026-01-15T09:30:00Z: the default "now", so a demo is byte-identical across runs */
export const DEFAULT_DEMO_NOW_UNIX_MS = Date.UTC(2026, 0, 15, 9, 30, 0);
export const MAX_DEMO_SPANS = 2_000_000;

type Builder = (b: OtlpTraceBuilder, rng: Rng, spans: number) => void;

interface DemoEntry extends DemoInfo {
  readonly build: Builder;
  readonly scalable: boolean;
}

const ENTRIES: readonly DemoEntry[] = [
  {
    id: 'hotrod',
    title: 'HotROD dispatch',
    description:
      'A ride-sharing dispatch across 6 services: a 300 ms MySQL query, Redis lookups with timeouts and retries, and route calls through a pool of 3 workers (the staircase).',
    spanCountHint: 39,
    build: (b, rng) => buildHotrod(b, rng),
    scalable: false,
  },
  {
    id: 'checkout',
    title: 'Checkout with a declined card',
    description:
      'An online-shop checkout: a retried inventory call, a declined payment, and a Kafka hop to email and shipping that outlives the request.',
    spanCountHint: 29,
    build: (b, rng) => buildCheckout(b, rng),
    scalable: false,
  },
  {
    id: 'big-1k',
    title: 'Export job, 1,000 spans',
    description: 'A batch export fanning out over 30 services.',
    spanCountHint: 1_000,
    build: buildBig,
    scalable: true,
  },
  {
    id: 'big-10k',
    title: 'Export job, 10,000 spans',
    description: 'A batch export over 30 services with fan-outs and a recursion chain hundreds of spans deep.',
    spanCountHint: 10_000,
    build: buildBig,
    scalable: true,
  },
  {
    id: 'big',
    title: 'Export job, 100,000 spans',
    description: 'A very large trace for testing scale: 30 services, wide fan-outs, deep chains, errors and logs.',
    spanCountHint: 100_000,
    build: buildBig,
    scalable: true,
  },
];

export const demoCatalog: Array<{ id: string; title: string; description: string; spanCountHint: number }> =
  ENTRIES.map(({ id, title, description, spanCountHint }) => ({ id, title, description, spanCountHint }));

export class UnknownDemoError extends Error {
  override readonly name = 'UnknownDemoError';
  constructor(readonly demoId: string) {
    super(`Unknown demo trace "${demoId}" (known: ${ENTRIES.map((e) => e.id).join(', ')})`);
  }
}

function entryOf(id: string): DemoEntry {
  const entry = ENTRIES.find((e) => e.id === id);
  if (entry === undefined) throw new UnknownDemoError(id);
  return entry;
}

function resolve(id: string, options: DemoOptions): { entry: DemoEntry; seed: number; spans: number } {
  const entry = entryOf(id);
  const seed = (options.seed ?? DEFAULT_DEMO_SEED) >>> 0;
  const spans = entry.scalable
    ? Math.min(MAX_DEMO_SPANS, Math.max(1, Math.floor(options.spans ?? entry.spanCountHint)))
    : 0; // fixed-shape demos ignore the span count
  return { entry, seed, spans };
}

const checkWord = (nameHash: number, seed: number, spans: number): number =>
  mix32((nameHash ^ mix32(seed ^ mix32(spans ^ 0x5bd1e995))) >>> 0);

/** The trace id a demo gets: stable for the same demo, seed and span count. */
export function demoTraceId(id: string, options: DemoOptions = {}): string {
  const { entry, seed, spans } = resolve(id, options);
  const h = hashString(entry.id);
  return hex8(h) + hex8(seed) + hex8(spans) + hex8(checkWord(h, seed, spans));
}

/** Decode a demo trace id back to what generates it, or undefined when it is not one of ours. */
export function demoFromTraceId(
  traceId: string,
): { id: string; options: { seed: number; spans?: number } } | undefined {
  if (!/^[0-9a-f]{32}$/.test(traceId)) return undefined;
  const h = parseInt(traceId.slice(0, 8), 16);
  const seed = parseInt(traceId.slice(8, 16), 16);
  const spans = parseInt(traceId.slice(16, 24), 16);
  const check = parseInt(traceId.slice(24, 32), 16);
  const entry = ENTRIES.find((e) => hashString(e.id) === h);
  if (entry === undefined || checkWord(h, seed, spans) !== check) return undefined;
  if (!entry.scalable) return spans === 0 ? { id: entry.id, options: { seed } } : undefined;
  return spans >= 1 && spans <= MAX_DEMO_SPANS ? { id: entry.id, options: { seed, spans } } : undefined;
}

/** Generate a demo trace as an OTLP/JSON document. Throws UnknownDemoError for an unknown id. */
export function generateDemo(id: string, options: DemoOptions = {}): OtlpDocument {
  const { entry, seed, spans } = resolve(id, options);
  const traceId = demoTraceId(id, options);
  const nameHash = hashString(entry.id);
  const rng = new Rng(mix32((seed ^ nameHash) >>> 0));
  const builder = new OtlpTraceBuilder(traceId, mix32((nameHash + seed) >>> 0));
  entry.build(builder, rng, spans);
  return builder.build(options.nowUnixMs ?? DEFAULT_DEMO_NOW_UNIX_MS);
}

/** The same document as JSON text, as a file on disk would hold it. */
export function generateDemoText(id: string, options: DemoOptions = {}): string {
  return JSON.stringify(generateDemo(id, options));
}
