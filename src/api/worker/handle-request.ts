/**
 * What the parse worker does for one request, as a plain function so it is testable
 * without a Worker. Progress is reported through `report` before each slow phase.
 */
import { parseTraceJson, parseTraceText, type ParsedTraces } from '../parse-trace-file';
import { generateDemo } from '../../demo/generate';
import { analyzeTrace } from '../../model/analyze';
import type { TraceAnalysis } from '../../model/analysis-types';
import type { Trace } from '../../model/types';
import { packTrace } from './pack-trace';
import { transferables } from './packed-trace';
import type { Outgoing, ParsePhase, ParseRequest } from './protocol';

/** The 'done' (or 'failed') message, plus the parsed traces the analysis step needs. */
export function handleParseRequest(req: ParseRequest, report: (phase: ParsePhase) => void): Outgoing & { readonly traces: readonly Trace[] } {
  try {
    let parsed: ParsedTraces;
    if (req.kind === 'demo') {
      report('generating');
      const doc = generateDemo(req.demoId, req.spans === undefined ? { seed: req.seed } : { seed: req.seed, spans: req.spans });
      // The document goes straight to the adapter: its JSON text (60 MB at 100k spans) would
      // only be parsed back: JSON.stringify + JSON.parse cost ~1.4 s of the worker's time in Chromium.
      report('building the model');
      parsed = parseTraceJson(doc);
    } else {
      report('parsing JSON');
      parsed = parseTraceText(req.text);
    }
    const { format, traces } = parsed;
    const packed = traces.map(packTrace);
    const analysisFollows = req.analyze === true && traces.length === 1;
    return { message: { id: req.id, type: 'done', format, traces: packed, analysisFollows }, transfer: packed.flatMap(transferables), traces };
  } catch (err) {
    const name = err instanceof Error ? err.name : 'Error';
    const message = err instanceof Error ? err.message : String(err);
    return { message: { id: req.id, type: 'failed', errorName: name, message }, transfer: [], traces: [] };
  }
}

/** The analysis the page asked for (sent after 'done'); a failure leaves the page to analyse. */
export function handleAnalysis(id: number, traces: readonly Trace[]): Outgoing {
  const trace = traces[0];
  try {
    const analysis = trace ? analyzeTrace(trace) : undefined;
    return { message: { id, type: 'analysis', analysis }, transfer: analysis ? analysisBuffers(analysis) : [] };
  } catch (err) {
    return { message: { id, type: 'analysis', analysis: undefined, message: err instanceof Error ? err.message : String(err) }, transfer: [] };
  }
}

/** The analysis' typed arrays move to the page instead of being copied (the worker drops them). */
function analysisBuffers(a: TraceAnalysis): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const { tree } = a;
  for (const v of [tree.parent, tree.childStart, tree.childIndex, tree.depth, tree.preorder, a.selfTimeUs, a.criticalUs]) {
    if (v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
  }
  return out;
}
