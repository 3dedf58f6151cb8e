/**
 * The in-page half of the model benchmark. Node (bench/model.mjs) drives it step by step
 * so it can force garbage collection and read the heap over CDP between steps:
 * prepare(n) makes the big demo trace as JSON text (not timed), run() times
 * text → parseTraceText → analyzeTrace, hold()/release() keep one result alive for the
 * retained-heap measurement.
 */
import { generateDemoText } from '../src/demo/generate';
import { parseTraceText } from '../src/api/parse-trace-file';
import { analyzeTrace } from '../src/model/analyze';
import type { TraceAnalysis } from '../src/model/analysis-types';
import type { Trace } from '../src/model/types';

export interface RunTiming {
  readonly parseMs: number;
  readonly analyzeMs: number;
  readonly spans: number;
  readonly format: string;
}

export interface ModelBench {
  prepare(spans: number): { readonly chars: number; readonly bytes: number };
  run(): RunTiming;
  hold(): number;
  release(): void;
  dropText(): void;
}

declare global {
  interface Window {
    pathlightBench?: ModelBench;
  }
}

let text = '';
let held: { trace: Trace; analysis: TraceAnalysis } | undefined;
const status = document.getElementById('status');
const say = (s: string) => {
  if (status) status.textContent = s;
};

function parseAndAnalyze(): {
  trace: Trace;
  analysis: TraceAnalysis;
  parseMs: number;
  analyzeMs: number;
  format: string;
} {
  const t0 = performance.now();
  const { format, traces } = parseTraceText(text);
  const t1 = performance.now();
  const trace = traces[0];
  if (trace === undefined) throw new Error('parseTraceText returned no trace');
  const analysis = analyzeTrace(trace);
  const t2 = performance.now();
  return { trace, analysis, parseMs: t1 - t0, analyzeMs: t2 - t1, format };
}

window.pathlightBench = {
  prepare(spans) {
    held = undefined;
    text = generateDemoText('big', { spans });
    say(`prepared ${spans} spans (${(text.length / 1e6).toFixed(1)} MB)`);
    return { chars: text.length, bytes: new TextEncoder().encode(text).byteLength };
  },
  run() {
    const r = parseAndAnalyze();
    say(`ran: parse ${r.parseMs.toFixed(1)} ms, analyses ${r.analyzeMs.toFixed(1)} ms`);
    return { parseMs: r.parseMs, analyzeMs: r.analyzeMs, spans: r.trace.spans.length, format: r.format };
  },
  hold() {
    const { trace, analysis } = parseAndAnalyze();
    held = { trace, analysis };
    return held.trace.spans.length;
  },
  release() {
    held = undefined;
  },
  dropText() {
    text = '';
  },
};
say('ready');
