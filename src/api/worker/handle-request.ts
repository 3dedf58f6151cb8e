/**
 * What the parse worker does for one request, as a plain function so it is testable
 * without a Worker. Progress is reported through `report` before each slow phase.
 */
import { parseTraceText } from '../parse-trace-file';
import { generateDemoText } from '../demo/generate';
import { analyzeTrace } from '../../model/analyze';
import type { Trace } from '../../model/types';
import type { ParsePhase, ParseRequest, ParseResponse } from './protocol';

export function handleParseRequest(req: ParseRequest, report: (phase: ParsePhase) => void): ParseResponse {
  try {
    let text: string;
    if (req.kind === 'demo') {
      report('generating');
      text = generateDemoText(req.demoId, req.spans === undefined ? { seed: req.seed } : { seed: req.seed, spans: req.spans });
    } else {
      text = req.text;
    }
    report('parsing JSON');
    const { format, traces } = parseTraceText(text);
    return { id: req.id, type: 'done', format, traces, analysisFollows: req.analyze === true && traces.length === 1 };
  } catch (err) {
    const name = err instanceof Error ? err.name : 'Error';
    const message = err instanceof Error ? err.message : String(err);
    return { id: req.id, type: 'failed', errorName: name, message };
  }
}

/** The analysis the page asked for (sent after 'done'); a failure leaves the page to analyse. */
export function handleAnalysis(id: number, traces: readonly Trace[]): ParseResponse {
  const trace = traces[0];
  try {
    return { id, type: 'analysis', analysis: trace ? analyzeTrace(trace) : undefined };
  } catch (err) {
    return { id, type: 'analysis', analysis: undefined, message: err instanceof Error ? err.message : String(err) };
  }
}
