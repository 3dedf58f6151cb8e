/**
 * Searching Grafana Tempo as it really behaves (WIRE-FORMATS §3), and saying so next to the
 * results:
 * - a request may span at most 168 h (`max_duration`), else 400: longer ranges are cut to
 *   their last 7 days, with a notice; "last 7 days" is exactly 604,800 s, not 604,801;
 * - Tempo 3 clamps `end` to now − 30 s (`query_end_cutoff`): a search that ends near now
 *   says that the last half minute is left out;
 * - `limit` keeps the first traces Tempo finds, not the newest: from Tempo 2.8 the TraceQL hint
 *   `with (most_recent=true)` asks for the newest. The version comes from
 *   /api/status/buildinfo; when it is unknown the hint is tried and dropped on a 400. Without
 *   the hint, a full page of results says it may not be the newest.
 */
import { fetchText, isFatalSourceError, SourceError } from '../http';
import { proxyBase, type BackendSource } from '../sources';
import type { SearchRequest } from '../search/types';

/** Tempo's default query_frontend.search.max_duration. */
export const TEMPO_MAX_RANGE_S = 168 * 3600;
/** Tempo 3's default query_end_cutoff. */
export const TEMPO_END_CUTOFF_S = 30;

export interface TempoWindow {
  readonly start: number;
  readonly end: number;
  /** The requested range was longer than Tempo allows, and was cut to its last 168 h. */
  readonly capped: boolean;
}

/** A range in µs since the epoch → whole unix seconds Tempo accepts (end > start, at most 168 h). */
export function tempoWindow(startUs: number, endUs: number): TempoWindow {
  // Round the end up and keep the length: rounding both ends outwards turned exactly 7 days
  // into 7 days and 1 s, which Tempo refuses.
  const end = Math.ceil(endUs / 1e6);
  const lengthS = Math.ceil((endUs - startUs) / 1e6);
  const capped = lengthS > TEMPO_MAX_RANGE_S;
  return { start: end - Math.min(TEMPO_MAX_RANGE_S, Math.max(1, lengthS)), end, capped };
}

/** [major, minor] from "v3.0.3", "2.9.5", "v3.1.0-rc.0"; undefined for a branch build ("main-abc1234"). */
export function parseTempoVersion(text: unknown): readonly [number, number] | undefined {
  const m = typeof text === 'string' ? /^v?(\d+)\.(\d+)/.exec(text.trim()) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export interface TempoInfo {
  /** As /api/status/buildinfo says it, or undefined when it did not answer. */
  readonly versionText: string | undefined;
  readonly version: readonly [number, number] | undefined;
}

const atLeast = (v: readonly [number, number], major: number, minor: number) =>
  v[0] > major || (v[0] === major && v[1] >= minor);

/** Versions learned per source (once per page load). */
const infos = new Map<string, TempoInfo>();
/** Sources that refused the most_recent hint (an unknown version older than 2.8). */
const noHint = new Set<string>();

export async function tempoInfo(source: BackendSource, signal?: AbortSignal): Promise<TempoInfo> {
  const known = infos.get(source.id);
  if (known) return known;
  let info: TempoInfo = { versionText: undefined, version: undefined };
  try {
    const json: unknown = JSON.parse(
      await fetchText(`${proxyBase(source)}/api/status/buildinfo`, {
        signal,
        sourceName: source.name,
        timeoutMs: 10_000,
      }),
    );
    const versionText =
      typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string'
        ? json.version
        : undefined;
    info = { versionText, version: parseTempoVersion(versionText) };
  } catch (err) {
    if (isFatalSourceError(err)) throw err;
    // No buildinfo (older Tempo, or a proxy that hides it): the version stays unknown.
  }
  infos.set(source.id, info);
  return info;
}

/** Add the most_recent hint unless the query already has hints. */
export function withMostRecent(traceql: string): string {
  return /\bwith\s*\([^()]*\)\s*$/.test(traceql) ? traceql : `${traceql} with (most_recent=true)`;
}

export interface TempoNotice {
  /** Stable id for tests: "range-capped", "end-cutoff", "first-found". */
  readonly id: 'range-capped' | 'end-cutoff' | 'first-found';
  readonly text: string;
}

const utc = (s: number) => `${new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export interface TempoSearchResult {
  readonly json: unknown;
  readonly notices: TempoNotice[];
  /** The hint was sent: Tempo returned the newest matching traces. */
  readonly mostRecent: boolean;
}

export function tempoSearchUrl(base: string, q: string, w: TempoWindow, limit: number): string {
  const p = new URLSearchParams({ q, start: String(w.start), end: String(w.end), limit: String(limit) });
  return `${base}/api/search?${p.toString()}`;
}

export async function tempoSearch(
  source: BackendSource,
  r: SearchRequest,
  traceql: string,
  signal: AbortSignal | undefined,
  nowMs = Date.now(),
): Promise<TempoSearchResult> {
  const info = await tempoInfo(source, signal);
  const w = tempoWindow(r.startUs, r.endUs);
  const base = proxyBase(source);
  const opts = { signal, sourceName: source.name };
  const versionKnown = info.version !== undefined;
  let mostRecent = info.version ? atLeast(info.version, 2, 8) : !noHint.has(source.id);
  let text: string;
  try {
    text = await fetchText(tempoSearchUrl(base, mostRecent ? withMostRecent(traceql) : traceql, w, r.limit), opts);
  } catch (err) {
    // A Tempo of unknown version that does not know the hint answers 400: ask again without it.
    if (!(mostRecent && !versionKnown && err instanceof SourceError && err.status === 400)) throw err;
    noHint.add(source.id);
    mostRecent = false;
    text = await fetchText(tempoSearchUrl(base, traceql, w, r.limit), opts);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SourceError('bad-response', `${source.name} answered the search with something that is not JSON.`);
  }

  const notices: TempoNotice[] = [];
  if (w.capped) {
    notices.push({
      id: 'range-capped',
      text: `Tempo searches at most 7 days at a time (its max_duration, 168 h), so Pathlight searched the last 7 days of this range: ${utc(w.start)} to ${utc(w.end)}. Narrow the range to look further back.`,
    });
  }
  const cutoffApplies = info.version === undefined || atLeast(info.version, 3, 0);
  if (cutoffApplies && w.end * 1000 > nowMs - TEMPO_END_CUTOFF_S * 1000) {
    notices.push({
      id: 'end-cutoff',
      text: `${info.version ? 'Tempo 3' : 'Tempo 3 and later'} leave${info.version ? 's' : ''} out traces of the last 30 seconds (query_end_cutoff): traces that have just ended appear when you search again in a moment.`,
    });
  }
  const traces =
    typeof json === 'object' && json !== null && 'traces' in json && Array.isArray(json.traces)
      ? json.traces.length
      : 0;
  if (!mostRecent && traces >= r.limit) {
    const which = info.versionText
      ? `This Tempo (${info.versionText}) cannot be asked for the newest traces`
      : 'This Tempo did not accept the request for the newest traces (most_recent, Tempo 2.8 and later)';
    notices.push({
      id: 'first-found',
      text: `${which}: it returned the first ${r.limit} matching traces it found, which are not necessarily the ${r.limit} most recent. They are sorted here, but newer matches may be missing: narrow the time range or raise the limit.`,
    });
  }
  return { json, notices, mostRecent };
}
