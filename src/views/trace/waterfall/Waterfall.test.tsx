// @vitest-environment jsdom
/**
 * The waterfall while it scrolls: the tooltip hides, and the mouse moves the browser reports as
 * rows slide under a still pointer do not bring it back (each one re-rendered the tooltip for
 * another span, every frame); a real move after the scroll settles does.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTrace } from '../../../model/__fixtures__/make-trace';
import type { TraceAnalysis } from '../../../model/analysis-types';
import { analyzeTrace } from '../../../model/analyze';
import type { Trace } from '../../../model/types';
import { useTraceViewStore } from '../../../state/trace-view-store';
import { decodeTraceUrl } from '../url-state';
import { useWaterfallModel } from '../use-waterfall-model';
import { Waterfall } from './Waterfall';

const trace = makeTrace([
  { id: '1', service: 'web', name: 'GET /', start: 0, duration: 100 },
  { id: 'a', parent: '1', service: 'db', name: 'SELECT', start: 5, duration: 20 },
  { id: 'b', parent: '1', service: 'api', name: 'slow call', start: 30, duration: 65 },
]);
const analysis = analyzeTrace(trace);

/** The waterfall of a trace at the default URL state, with no-op handlers. */
function WaterfallHarness(props: { trace: Trace; analysis: TraceAnalysis }) {
  const model = useWaterfallModel(props.trace, props.analysis, decodeTraceUrl(new URLSearchParams('')));
  const noop = () => undefined;
  return (
    <Waterfall
      trace={props.trace}
      analysis={props.analysis}
      model={model}
      onSelect={noop}
      onToggle={noop}
      onZoom={noop}
      onResetZoom={noop}
    />
  );
}

describe('Waterfall scrolling', () => {
  beforeEach(() => {
    // jsdom has no ResizeObserver (the axis measures its width with one)
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    // …nor layout: give the scroll body a size, so the virtualizer renders rows
    vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
    vi.useFakeTimers();
    useTraceViewStore.setState({ hover: undefined });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('hides the tooltip while scrolling and ignores mouse moves until the scroll settles', () => {
    render(<WaterfallHarness trace={trace} analysis={analysis} />);
    const rows = screen.getAllByTestId('span-row');
    expect(rows.length).toBe(3);
    const [first, second] = rows;
    if (!first || !second) throw new Error('rows missing');

    fireEvent.mouseMove(first, { clientX: 10, clientY: 10 });
    expect(screen.getByRole('tooltip').textContent).toContain('GET /');

    fireEvent.scroll(screen.getByTestId('waterfall'));
    expect(screen.queryByRole('tooltip')).toBeNull();
    fireEvent.mouseMove(second, { clientX: 10, clientY: 10 }); // the row slid under the pointer
    expect(screen.queryByRole('tooltip')).toBeNull();

    act(() => void vi.advanceTimersByTime(200));
    fireEvent.mouseMove(second, { clientX: 12, clientY: 40 });
    expect(screen.getByRole('tooltip').textContent).toContain('SELECT');
  });

  it('renders the rows in view in blocks, and the ones further down once scrolled there', () => {
    const many = makeTrace([
      { id: 'r', service: 'web', name: 'root', start: 0, duration: 1000 },
      ...Array.from({ length: 600 }, (_, k) => ({
        id: `c${k}`,
        parent: 'r',
        service: 'db',
        name: `query ${k}`,
        start: k,
        duration: 1,
      })),
    ]);
    const manyAnalysis = analyzeTrace(many);
    render(<WaterfallHarness trace={many} analysis={manyAnalysis} />);
    const names = () => screen.getAllByTestId('span-row').map((r) => Number(r.getAttribute('aria-rowindex')));
    const first = names();
    expect(first).toContain(1);
    expect(first.length).toBeLessThan(200); // not all 601
    expect(Math.max(...first)).toBeGreaterThanOrEqual(600 / 26); // at least a screenful (600 px)

    const body = screen.getByTestId('waterfall');
    act(() => {
      body.scrollTop = 400 * 26; // row 400 at the top
      fireEvent.scroll(body);
    });
    const later = names();
    expect(later).toContain(401);
    expect(later).toContain(401 + Math.floor(600 / 26));
    expect(later).not.toContain(1);
  });
});
