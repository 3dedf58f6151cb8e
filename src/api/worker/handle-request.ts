/**
 * What the trace worker does for one request, as plain functions so they are testable
 * without a Worker: load (fetch, read a file's text, or generate a demo), parse with the
 * adapter of the known format, pack; then analyse every trace. Progress is reported
 * through `report` before each slow phase; failures become WireErrors.
 */
import {
  parseKnownFormat,
  parseTraceDocuments,
  parseTraceJson,
  parseTraceText,
  TraceFormatError,
  type ParsedTraces,
} from '../parse-trace-file';
import { JsonStreamError } from '../../lib/json-stream';
import { JsonTextParser } from '../../lib/json-text';
import { analyzeTrace } from '../../model/analyze';
import type { TraceAnalysis } from '../../model/analysis-types';
import type { Trace } from '../../model/types';
import { fetchNegotiated, fetchStreamed, isFatalSourceError, SourceError, type TextSink } from '../http';
import { TEMPO_PROTOBUF_ACCEPT, tempoProtoBody } from '../tempo/proto-body';
import { DEMO_SEARCH_CORPUS, searchDemoTraces } from '../search/demo-search';
import { packTrace } from './pack-trace';
import { transferables } from './packed-trace';
import type { FetchAttempt, Outgoing, ParsePhase, WorkerRequest } from './protocol';
import { toWireError } from './wire-error';

type LoadRequest = Exclude<WorkerRequest, { kind: 'cancel' }>;

/** The 'done' (or 'failed') message, plus the parsed traces the analysis step needs. */
export type Loaded = Outgoing & { readonly traces: readonly Trace[] };

/** Tries each URL in turn with its own format; the first trace found wins. */
async function fetchTrace(
  attempts: readonly FetchAttempt[],
  sourceName: string,
  sourceId: string | undefined,
  traceId: string,
  signal: AbortSignal,
  report: (phase: ParsePhase) => void,
): Promise<{ parsed: ParsedTraces; bytesAtEpochMs: number; url: string }> {
  let lastError: unknown = new SourceError('not-found', `${sourceName} has no trace ${traceId}.`, 404);
  for (const { url, format, protobuf } of attempts) {
    try {
      report('asking');
      // Parsed whole when it fits in a string (fastest), else while it arrives (json-text.ts).
      const parser = new JsonTextParser();
      const notJson = (err: unknown) =>
        err instanceof JsonStreamError
          ? new SourceError(
              'bad-response',
              `${sourceName} answered ${url.split('?')[0] ?? url} with something that is not JSON (${err.message}).`,
            )
          : err;
      let reported = false;
      const onText: TextSink = (text) => {
        if (!reported) report('parsing JSON');
        reported = true;
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
      const bytesAtEpochMs = performance.timeOrigin + performance.now();
      let json: unknown;
      try {
        json = proto?.decoded() ?? parser.end();
      } catch (err) {
        throw notJson(err);
      }
      report('building the model');
      const parsed = parseKnownFormat(format, json);
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
 * A file read with File.stream() in the worker; a big one is parsed while it is read, never as
 * one string: a 1M-span Jaeger file (~0.9 GB) is longer than the longest string V8 can hold.
 */
export async function parseFileStream(
  file: Blob,
  report: (phase: ParsePhase) => void,
  signal: AbortSignal,
): Promise<ParsedTraces> {
  report('reading');
  const parser = new JsonTextParser();
  const decoder = new TextDecoder();
  const reader = file.stream().getReader();
  let first = true;
  try {
    for (;;) {
      if (signal.aborted) throw new SourceError('cancelled', 'Cancelled.');
      const { done, value } = await reader.read();
      if (done) break;
      let text = decoder.decode(value, { stream: true });
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark
      first = false;
      parser.feed(text);
    }
    parser.feed(decoder.decode());
    if (parser.isEmpty) throw new TraceFormatError('the file is empty');
    const docs = parser.end();
    report('building the model');
    return parseTraceDocuments(parser.documents > 1 ? (docs as unknown[]) : [docs]);
  } catch (err) {
    if (err instanceof JsonStreamError) throw new TraceFormatError(`not JSON: ${err.message}`);
    throw err;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
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
  report: (phase: ParsePhase) => void,
  signal: AbortSignal,
): Promise<Loaded> {
  try {
    let parsed: ParsedTraces;
    let bytesAtEpochMs: number | undefined;
    let fetchedUrl: string | undefined;
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
      case 'file':
        parsed = await parseFileStream(req.file, report, signal);
        break;
      case 'fetch':
        ({
          parsed,
          bytesAtEpochMs,
          url: fetchedUrl,
        } = await fetchTrace(req.attempts, req.sourceName, req.sourceId, req.traceId, signal, report));
        break;
    }
    const { format, traces } = parsed;
    const packed = traces.map(packTrace);
    const analysisFollows = req.analyze && traces.length > 0;
    return {
      message: { id: req.id, type: 'done', format, traces: packed, analysisFollows, bytesAtEpochMs, fetchedUrl },
      transfer: packed.flatMap(transferables),
      traces,
    };
  } catch (err) {
    return { message: { id: req.id, type: 'failed', error: toWireError(err) }, transfer: [], traces: [] };
  }
}

/** The analyses of every trace (sent after 'done'); one that fails leaves that trace to be analysed on the page. */
export function handleAnalysis(id: number, traces: readonly Trace[]): Outgoing {
  const analyses: (TraceAnalysis | undefined)[] = [];
  const transfer: ArrayBuffer[] = [];
  let message: string | undefined;
  for (const trace of traces) {
    try {
      const a = analyzeTrace(trace);
      analyses.push(a);
      analysisBuffers(a, transfer);
    } catch (err) {
      analyses.push(undefined);
      message = err instanceof Error ? err.message : String(err);
    }
  }
  return { message: { id, type: 'analysis', analyses, message }, transfer };
}

/** The analysis' typed arrays move to the page instead of being copied (the worker drops them). */
function analysisBuffers(a: TraceAnalysis, out: ArrayBuffer[]): void {
  const { tree } = a;
  for (const v of [
    tree.parent,
    tree.childStart,
    tree.childIndex,
    tree.depth,
    tree.preorder,
    a.selfTimeUs,
    a.criticalUs,
  ]) {
    if (v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  }
}
