/**
 * Tempo trace by id, protobuf vs JSON, on the 100k-span demo trace written as Tempo writes it
 * (v2 TraceByIDResponse; JSON with base64 ids and enum names). Not a test: run with
 * `npx vitest bench --run src/api/tempo/proto-decode.bench.ts`. It prints the body sizes (plain
 * and gzip), then times each path as the worker runs it: bytes → object (UTF-8 decode + the
 * JSON parser the worker uses, or the protobuf decoder), and bytes → Trace model.
 */
import { gzipSync } from 'node:zlib';
import { base64Encode } from '@bufbuild/protobuf/wire';
import { bench, describe } from 'vitest';
import { JsonTextParser } from '../../lib/json-text';
import { generateDemo } from '../../demo/generate';
import { encodeTraceByIdResponse } from './__fixtures__/encode-tempo-proto';
import { decodeTempoProto } from './proto-decode';
import { tempoToTraces } from './to-model';

const SPANS = Number(process.env.BENCH_SPANS ?? 100_000);
const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const CODES = ['UNSET', 'OK', 'ERROR'];
const b64 = (hex: string) => base64Encode(Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)));

/** The demo's OTLP/JSON (hex ids, enum numbers) as Tempo's jsonpb writes it. */
function asTempoJson(doc: ReturnType<typeof generateDemo>) {
  return {
    trace: {
      resourceSpans: doc.resourceSpans.map((rs) => ({
        ...rs,
        scopeSpans: rs.scopeSpans.map((ss) => ({
          ...ss,
          spans: ss.spans.map((s) => ({
            ...s,
            traceId: b64(s.traceId),
            spanId: b64(s.spanId),
            ...(s.parentSpanId ? { parentSpanId: b64(s.parentSpanId) } : {}),
            kind: `SPAN_KIND_${KINDS[s.kind] ?? 'UNSPECIFIED'}`,
            links: s.links?.map((l) => ({ ...l, traceId: b64(l.traceId), spanId: b64(l.spanId) })),
            status: s.status.code === 0 ? {} : { ...s.status, code: `STATUS_CODE_${CODES[s.status.code] ?? 'UNSET'}` },
          })),
        })),
      })),
    },
    metrics: { inspectedBytes: '1210' },
  };
}

const tempoJson = asTempoJson(generateDemo('big', { seed: 7, spans: SPANS }));
const jsonBytes = new TextEncoder().encode(JSON.stringify(tempoJson));
const protoBytes = encodeTraceByIdResponse(tempoJson);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `${SPANS} spans: JSON ${kb(jsonBytes.length)} (gzip ${kb(gzipSync(jsonBytes).length)}), ` +
    `protobuf ${kb(protoBytes.length)} (gzip ${kb(gzipSync(protoBytes).length)})`,
);

function parseJson(bytes: Uint8Array): unknown {
  const parser = new JsonTextParser();
  parser.feed(new TextDecoder().decode(bytes));
  return parser.end();
}

const options = { iterations: 6, warmupIterations: 2, time: 0 };

describe(`Tempo trace by id, ${SPANS} spans: bytes → object`, () => {
  bench('JSON (TextDecoder + JsonTextParser)', () => void parseJson(jsonBytes), options);
  bench('protobuf (decodeTempoProto)', () => void decodeTempoProto(protoBytes, 'trace-by-id-response'), options);
});

describe(`Tempo trace by id, ${SPANS} spans: bytes → Trace model`, () => {
  bench('JSON', () => void tempoToTraces(parseJson(jsonBytes)), options);
  bench('protobuf', () => void tempoToTraces(decodeTempoProto(protoBytes, 'trace-by-id-response')), options);
});
