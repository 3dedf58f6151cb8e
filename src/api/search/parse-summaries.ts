/**
 * A search response holding whole traces (Jaeger v3/v1, Zipkin) → summaries. Runs in the
 * search worker: parsing 1,000 traces takes hundreds of ms, and only the small summaries
 * cross back to the page. An empty answer in any of those shapes is "no results".
 */
import { isRecord, rec } from '../../lib/json';
import { parseTraceJson } from '../parse-trace-file';
import { summarizeTrace } from './summarize';
import type { TraceSummary } from './types';

export function isEmptySearchAnswer(json: unknown): boolean {
  if (Array.isArray(json)) return json.length === 0; // Zipkin []
  if (!isRecord(json)) return false;
  if (Array.isArray(json.data)) return json.data.length === 0; // Jaeger v1 {"data":[]}
  if ('result' in json) {
    const spans = rec(json.result)?.resourceSpans;
    return !Array.isArray(spans) || spans.length === 0; // Jaeger v3 {"result":{}}
  }
  return false;
}

export function summariesFromTraceText(text: string): TraceSummary[] {
  const json: unknown = JSON.parse(text);
  if (isEmptySearchAnswer(json)) return [];
  return parseTraceJson(json).traces.map(summarizeTrace);
}
