/**
 * What to say when a search matched nothing: the filters in effect, each with how to
 * loosen it, most restrictive first.
 */
import { LOOKBACK_LABEL } from '../../api/lookback';
import type { SearchState } from '../../api/search/types';

export function loosenHints(s: SearchState): string[] {
  if (s.mode === 'traceql') return ['simplify the TraceQL query (drop a condition)', widenRange(s)];
  const hints: string[] = [];
  if (s.tags.trim()) hints.push(`remove or change the attributes (${s.tags.trim()})`);
  if (s.minDuration.trim()) hints.push(`lower the min duration (${s.minDuration.trim()})`);
  if (s.maxDuration.trim()) hints.push(`raise the max duration (${s.maxDuration.trim()})`);
  if (s.operation) hints.push(`search all operations instead of ${s.operation}`);
  hints.push(widenRange(s));
  if (s.service) hints.push(`pick another service than ${s.service}`);
  return hints;
}

function widenRange(s: SearchState): string {
  return s.range.kind === 'custom'
    ? 'widen the custom time range'
    : `widen the time range (now: ${LOOKBACK_LABEL[s.range.lookback].toLowerCase()})`;
}
