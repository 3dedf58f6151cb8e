/**
 * A big trace's string table crosses to the page in several messages: the page reads each
 * message in one task, and the ~2M distinct strings of a 1M-span trace (span ids, request
 * ids…) took ~0.9 s to read in one. The worker sends 'strings' messages ahead of 'done'
 * (whose traces then carry an empty table) and the page puts the table back together.
 */
import type { PackedTrace } from './packed-trace';
import type { Outgoing, WorkerResponse } from './protocol';

/** Strings per message: a few tens of ms to read on the page. */
export const STRINGS_PER_MESSAGE = 100_000;

/** `done` as the messages to post: the big tables' strings first, then `done` without them. */
export function splitStrings(done: Outgoing, per = STRINGS_PER_MESSAGE): Outgoing[] {
  const m = done.message;
  if (m.type !== 'done' || m.traces.every((t) => t.strings.length <= per)) return [done];
  const out: Outgoing[] = [];
  const traces = m.traces.map((t, trace): PackedTrace => {
    if (t.strings.length <= per) return t;
    for (let from = 0; from < t.strings.length; from += per)
      out.push({
        message: { id: m.id, type: 'strings', trace, strings: t.strings.slice(from, from + per) },
        transfer: [],
      });
    return { ...t, strings: [] };
  });
  out.push({ message: { ...m, traces }, transfer: done.transfer });
  return out;
}

/** Collects 'strings' messages of one request and puts them back into its 'done'. */
export class StringTables {
  private readonly parts: string[][][] = [];

  add(message: Extract<WorkerResponse, { type: 'strings' }>): void {
    (this.parts[message.trace] ??= []).push(message.strings);
  }

  restore(done: Extract<WorkerResponse, { type: 'done' }>): Extract<WorkerResponse, { type: 'done' }> {
    if (this.parts.length === 0) return done;
    const traces = done.traces.map((t, i): PackedTrace => {
      const parts = this.parts[i];
      if (parts === undefined) return t;
      const strings: string[] = [];
      for (const part of parts) for (const s of part) strings.push(s);
      return { ...t, strings };
    });
    this.parts.length = 0;
    return { ...done, traces };
  }
}
