/**
 * The in-page half of the compare benchmark (bench/compare.mjs): two big demo traces with
 * different seeds, parsed and analysed once (not timed: that is the loader's work, measured
 * by the model section). run() times alignment alone, then the compare page's own view
 * (alignment, verdict, diff rows, React commit) up to the first painted frame.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { parseTraceText } from '../src/api/parse-trace-file';
import type { OpenTrace } from '../src/api/trace-loader';
import { generateDemoText } from '../src/demo/generate';
import { analyzeTrace } from '../src/model/analyze';
import { alignTraces } from '../src/model/compare';
import { CompareView } from '../src/views/compare/CompareView';

export interface CompareBench {
  prepare(spans: number): number;
  run(): Promise<{ alignMs: number; totalMs: number; nodes: number; rows: number }>;
}

declare global {
  interface Window {
    pathlightCompareBench?: CompareBench;
  }
}

const status = document.getElementById('status');
const say = (s: string) => {
  if (status) status.textContent = s;
};
let sides: [OpenTrace, OpenTrace] | undefined;
let root: Root | undefined;
const frame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));

function load(seed: number, spans: number): OpenTrace {
  const trace = parseTraceText(generateDemoText('big', { seed, spans })).traces[0];
  if (trace === undefined) throw new Error('the demo generator gave no trace');
  return { trace, analysis: analyzeTrace(trace), origin: { kind: 'demo', title: `big, seed ${seed}` } };
}

window.pathlightCompareBench = {
  prepare(spans) {
    sides = [load(1, spans), load(2, spans)];
    say(`prepared two traces of ${spans} spans`);
    return sides[0].trace.spans.length + sides[1].trace.spans.length;
  },
  async run() {
    if (!sides) throw new Error('prepare() first');
    const [a, b] = sides;
    const t0 = performance.now();
    const alignment = alignTraces({ trace: a.trace, ...a.analysis }, { trace: b.trace, ...b.analysis });
    const alignMs = performance.now() - t0;

    const el = document.getElementById('compare');
    if (!el) throw new Error('no #compare');
    root?.unmount();
    root = createRoot(el);
    const t1 = performance.now();
    flushSync(() => root?.render(createElement(CompareView, { a, b, sameTrace: false })));
    const painted = await frame();
    const rows = document.querySelectorAll('[data-testid="compare-row"]').length;
    if (document.querySelector('[data-testid="compare-verdict"]') === null) throw new Error('no verdict drawn');
    say(`aligned in ${alignMs.toFixed(0)} ms, shown in ${(painted - t1).toFixed(0)} ms`);
    return { alignMs, totalMs: painted - t1, nodes: alignment.nodes.length, rows };
  },
};
say('ready');
