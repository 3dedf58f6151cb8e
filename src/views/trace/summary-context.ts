/**
 * The trace's analysis summary (bottlenecks, service graph, verdict), which arrives after the
 * rows are drawn. It reaches the few parts that show it through context, so its arrival
 * re-renders those parts, not the whole trace view.
 */
import { createContext, useContext } from 'react';
import type { AnalysisSummary } from '../../model/analysis-types';

export const SummaryContext = createContext<AnalysisSummary | undefined>(undefined);

/** Undefined while the worker is still working it out. */
export const useSummary = (): AnalysisSummary | undefined => useContext(SummaryContext);
