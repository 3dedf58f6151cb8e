/**
 * What the baseline comparison lends to other parts of the trace page without threading
 * props through them: the spans above their baseline p95 (a badge on their waterfall row)
 * and the verdict's extra sentence. Undefined while there is no baseline.
 */
import { createContext } from 'react';
import type { VerdictPart } from '../../model/analysis-types';
import type { SpanOutlier } from '../../model/baseline';

export interface BaselineMarks {
  /** By span index. */
  readonly outliers: ReadonlyMap<number, SpanOutlier>;
  readonly verdict: readonly VerdictPart[];
}

export const BaselineContext = createContext<BaselineMarks | undefined>(undefined);
