/**
 * What the trace worker does for one request, as plain functions so they are testable
 * without a Worker: load (fetch, read a file's text, or generate a demo), parse with the
 * adapter of the known format, pack; then analyse every trace. Progress is reported
 * through `report` before each slow phase; failures become WireErrors.
 */
import { parseKnownFormat, parseTraceJson, parseTraceText, type ParsedTraces } from '../parse-trace-file';
import { JsonStreamError } from '../../lib/json-stream';
import { analyzeCore, summarizeAnalysis } from '../../model/analyze';
import type { SpanKeys } from '../../model/tree';
import { packCore, packSummary } from './pack-analysis';
import type { Trace } from '../../model/types';
import { fetchNegotiated, fetchStreamed, isFatalSourceError, SourceError, type TextSink } from '../http';
import { TEMPO_PROTOBUF_ACCEPT, tempoProtoBody } from '../tempo/proto-body';
import { DEMO_SEARCH_CORPUS, searchDemoTraces } from '../search/demo-search';
import { FastOrGeneral, fastReaderFor } from './fast-readers';
import { amountReporter, parseFileStream } from './read-file';
import { StreamPacking } from './pack-trace';
import { transferables, type PackedTrace } from './packed-trace';
import { readHeadPart } from './split-file';
import type { FetchAttempt, Outgoing, ProgressListener, WorkerRequest } from './protocol';
import { toWireError } from './wire-error';
import { dropPackedDetail } from './drop-detail';

type LoadRequest = Exclude<WorkerRequest, { kind: 'cancel' } | { kind: 'file-tail' }>;

/** The 'done' (or 'failed') message, plus the parsed traces the analysis step needs. */
export type Loaded = Outgoing & {
  readonly traces: readonly Trace[];
  /** Per trace, its span ids as the packer's string indices (kept: the packed arrays are transferred). */
  readonly keys?: readonly SpanKeys[];
};

/** Tries each URL in turn with its own format; the first trace found wins. */
async function fetchTrace(
  attempts: readonly FetchAttempt[],
  sourceName: string,
  sourceId: string | undefined,
  traceId: string,
  signal: AbortSignal,
  report: ProgressListener,
  packing: StreamPacking,
): Promise<{ parsed: ParsedTraces; bytesAtEpochMs: number; url: string }> {
  let lastError: unknown = new SourceError('not-found', `${sourceName} has no trace ${traceId}.`, 404);
  for (const { url, format, protobuf } of attempts) {
    try {
      report('asking');
      // Jaeger, OTLP and Zipkin JSON are read while they arrive (fast-readers.ts); other answers
      // are parsed whole when they fit in a string (fastest), else while they arrive (json-text.ts).
      packing.reset();
      const parser = new FastOrGeneral(fastReaderFor(format, packing));
      const notJson = (err: unknown) =>
        err instanceof JsonStreamError
          ? new SourceError(
              'bad-response',
              `${sourceName} answered ${url.split('?')[0] ?? url} with something that is not JSON (${err.message}).`,
            )
          : err;
      const progress = amountReporter(report, 'parsing JSON');
      const onText: TextSink = (text, bytes) => {
        progress(bytes, parser.spans);
        try {
          parser.feed(text);
        } catch (err) {
          throw notJson(err);
        }
      };
      // Asked for protobuf where the source speaks it (Tempo): the answer's Content-Type decides.
      const proto =
        protobuf === undefined
          ? undefined
          : tempoProtoBody(protobuf, sourceName, url, () => report('decoding protobuf'));
      if (proto === undefined) await fetchStreamed(url, { signal, sourceName, sourceId }, onText);
      else
        await fetchNegotiated(
          url,
          { signal, sourceName, sourceId, accept: TEMPO_PROTOBUF_ACCEPT },
          (type) => proto.choose(type) ?? { text: onText },
        );
      const bytesAtEpochMs = lastByteAt(url);
      const read = (json: unknown) => parseKnownFormat(format, json);
      const decoded = proto?.decoded();
      report('building the model');
      const parsed = decoded !== undefined && decoded !== null ? read(decoded) : parser.end(read, notJson);
      // A search-shaped answer may hold other traces: keep the one asked for first.
      const wanted = parsed.traces.find((t) => t.traceId === traceId);
      const traces = wanted ? [wanted] : parsed.traces.slice(0, 1);
      return { parsed: { format: parsed.format, traces }, bytesAtEpochMs, url };
    } catch (err) {
      if (isFatalSourceError(err)) throw err;
      lastError = err;
    }
  }
  throw lastError;
}

/**
 * When the last byte of `url`'s answer arrived, in ms since the epoch: the network's time
 * (resource timing), not when this thread got to read it, which is later while it is busy
 * converting the chunks before.
 */
function lastByteAt(url: string): number {
  let entries: PerformanceEntryList = [];
  try {
    entries = performance.getEntriesByName(new URL(url, globalThis.location.href).href);
  } catch {
    // no resource timing here (Node tests): now is as close as it gets
  }
  const last = entries[entries.length - 1];
  const end = last !== undefined && 'responseEnd' in last ? Number(last.responseEnd) : 0;
  return performance.timeOrigin + (end > 0 ? end : performance.now());
}

/** The demo generator, loaded when a demo is first asked for: backend traces never need it. */
const demoGenerator = () => import('../../demo/generate');

let demoTraces: Trace[] | undefined;
/** The demo source's searchable traces, generated once per worker. */
async function demoCorpusTraces(): Promise<Trace[]> {
  if (demoTraces) return demoTraces;
  const { generateDemo } = await demoGenerator();
  const out: Trace[] = [];
  for (const { demoId, seeds } of DEMO_SEARCH_CORPUS)
    for (const seed of seeds) for (const t of parseTraceJson(generateDemo(demoId, { seed })).traces) out.push(t);
  return (demoTraces = out);
}

export async function handleLoadRequest(
  req: LoadRequest,
  report: ProgressListener,
  signal: AbortSignal,
): Promise<Loaded> {
  // Spans read while the text arrives are packed for the page as they come.
  const packing = new StreamPacking();
  try {
    let parsed: ParsedTraces;
    let bytesAtEpochMs: number | undefined;
    let fetchedUrl: string | undefined;
    /** Packed already (a file read by two workers). */
    let prepacked: PackedTrace | undefined;
    switch (req.kind) {
      case 'demo-search':
        report('generating');
        return {
          message: { id: req.id, type: 'demo-corpus', corpus: searchDemoTraces(await demoCorpusTraces(), req.request) },
          transfer: [],
          traces: [],
        };
      case 'demo': {
        report('generating');
        const { generateDemo } = await demoGenerator();
        const doc = generateDemo(
          req.demoId,
          req.spans === undefined ? { seed: req.seed } : { seed: req.seed, spans: req.spans },
        );
        // The document goes straight to the adapter: its JSON text (60 MB at 100k spans) would
        // only be parsed back: JSON.stringify + JSON.parse cost ~1.4 s of the worker's time in Chromium.
        report('building the model');
        parsed = parseTraceJson(doc);
        break;
      }
      case 'text':
        report('parsing JSON');
        parsed = parseTraceText(req.text);
        break;
      case 'file': {
        const split =
          req.split === undefined
            ? undefined
            : await readHeadPart(req.file, req.split.end, req.split.port, report, signal);
        if (split === undefined) parsed = await parseFileStream(req.file, report, signal, packing);
        else {
          parsed = { format: 'jaeger-v1', traces: [split.trace] };
          prepacked = split.packed;
        }
        break;
      }
      case 'fetch':
        ({
          parsed,
          bytesAtEpochMs,
          url: fetchedUrl,
        } = await fetchTrace(req.attempts, req.sourceName, req.sourceId, req.traceId, signal, report, packing));
        break;
    }
    const { format, traces } = parsed;
    const packed = prepacked === undefined ? traces.map((t) => packing.pack(t)) : [prepacked];
    const analysisFollows = req.analyze && traces.length > 0;
    if (analysisFollows && prepacked === undefined) for (const t of traces) dropPackedDetail(t);
    return {
      message: { id: req.id, type: 'done', format, traces: packed, analysisFollows, bytesAtEpochMs, fetchedUrl },
      transfer: packed.flatMap(transferables),
      traces,
      keys: analysisFollows ? packed.map((p) => ({ id: p.spanId.slice(), parent: p.parentSpanId.slice() })) : undefined,
    };
  } catch (err) {
    return { message: { id: req.id, type: 'failed', error: toWireError(err) }, transfer: [], traces: [] };
  }
}

/**
 * The analysis messages of a load, in order: the core of every trace (what rows need), then
 * their summaries. A generator, so the worker posts the core before it works out the summary.
 */
export function* analysisMessages(
  id: number,
  traces: readonly Trace[],
  keys?: readonly SpanKeys[],
): Generator<Outgoing> {
  let message: string | undefined;
  const fail = (err: unknown) => {
    message = err instanceof Error ? err.message : String(err);
    return undefined;
  };
  const cores = traces.map((trace, i) => {
    try {
      return analyzeCore(trace, keys?.[i]);
    } catch (err) {
      return fail(err);
    }
  });
  const coreTransfer: ArrayBuffer[] = [];
  // Copies move to the page: the summary below still reads the worker's arrays.
  const packedCores = cores.map((core) => (core ? packCore(core, coreTransfer, true) : undefined));
  yield { message: { id, type: 'core', cores: packedCores }, transfer: coreTransfer };
  const transfer: ArrayBuffer[] = [];
  const analyses = traces.map((trace, i) => {
    const core = cores[i];
    if (!core) return undefined;
    try {
      return packSummary(summarizeAnalysis(trace, core), transfer);
    } catch (err) {
      return fail(err);
    }
  });
  yield { message: { id, type: 'analysis', analyses, message }, transfer };
}
