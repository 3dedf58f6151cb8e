/** Packs a Trace into the columnar PackedTrace (packed-trace.ts) in the worker. */
import type { Attribute, Span, Trace } from '../../model/types';
import { Column, f64, i32, PackTables, u32, u8 } from './pack-tables';
import { KINDS, REF_TYPES, STATUSES, type PackedTrace } from './packed-trace';

function indexOf<T>(table: readonly T[], v: T, what: string): number {
  const i = table.indexOf(v);
  if (i < 0) throw new Error(`packTrace: unknown ${what} ${JSON.stringify(v)}`);
  return i;
}

/** The whole trace at once. */
export function packTrace(trace: Trace): PackedTrace {
  const packer = tracePacker();
  for (const sp of trace.spans) packer.add(sp);
  return packer.finish(trace) ?? fail('packTrace: the spans changed while they were packed');
}

function fail(message: string): never {
  throw new Error(message);
}

/** Packs spans as they are added (while a trace arrives), and the trace once it is complete. */
export interface TracePacker {
  add(span: Span): void;
  /**
   * The packed trace, whose spans must be the ones added, in order (undefined when they are
   * not). Start times, event times, services and resources are read here, from the finished
   * spans: streamed adapters set them only once the whole trace is in.
   */
  finish(trace: Trace): PackedTrace | undefined;
}

export function tracePacker(): TracePacker {
  const t = new PackTables();
  const s = (v: string): number => t.s(v);
  const optS = (v: string | undefined): number => t.optS(v);
  const traceIdIndex = t.sameAsLast();
  const serviceIndex = t.sameAsLast();
  const nameIndex = t.sameAsLast();
  const writeList = (list: readonly Attribute[], to: Column<Uint32Array>): void => t.writeList(list, to);
  const attrList = u32();
  const eventAttrList = u32();
  const linkAttrList = u32();
  const resourceAttrList = u32();

  const resourceStart = u32();
  const scopeIndex = new Map<NonNullable<Span['scope']>, number>();
  const scopeName = i32();
  const scopeVersion = i32();

  const added: Span[] = [];
  const spanId = i32();
  const parentSpanId = i32();
  const spanTraceId = i32();
  const name = i32();
  const flags = u8();
  const spanDurationUs = f64();
  const statusMessage = i32();
  const scope = i32();
  const attrStart = u32();
  const eventStart = u32();
  const linkStart = u32();
  const warningStart = u32();
  for (const start of [attrStart, eventStart, linkStart, warningStart]) start.push(0);
  const warningList = i32();
  const eventName = i32();
  const eventAttrStart = u32();
  eventAttrStart.push(0);
  const linkTraceId = i32();
  const linkSpanId = i32();
  const linkRefType = u8();
  const linkAttrStart = u32();
  linkAttrStart.push(0);

  const add = (sp: Span): void => {
    added.push(sp);
    spanId.push(s(sp.spanId));
    parentSpanId.push(optS(sp.parentSpanId));
    spanTraceId.push(traceIdIndex(sp.traceId));
    name.push(nameIndex(sp.name));
    flags.push(
      indexOf(KINDS, sp.kind, 'span kind') |
        (indexOf(STATUSES, sp.status.code, 'status code') << 3) |
        (indexOf(REF_TYPES, sp.refType, 'refType') << 5),
    );
    spanDurationUs.push(sp.durationUs);
    statusMessage.push(optS(sp.status.message));

    const sc = sp.scope;
    let c = -1;
    if (sc !== undefined) {
      c = scopeIndex.get(sc) ?? -1;
      if (c < 0) {
        c = scopeName.length;
        scopeName.push(s(sc.name));
        scopeVersion.push(optS(sc.version));
        scopeIndex.set(sc, c);
      }
    }
    scope.push(c);

    writeList(sp.attributes, attrList);
    attrStart.push(attrList.length);
    for (const e of sp.events) {
      eventName.push(s(e.name));
      writeList(e.attributes, eventAttrList);
      eventAttrStart.push(eventAttrList.length);
    }
    eventStart.push(eventName.length);
    for (const l of sp.links) {
      linkTraceId.push(s(l.traceId));
      linkSpanId.push(s(l.spanId));
      linkRefType.push(l.refType === undefined ? 0 : indexOf(REF_TYPES, l.refType, 'link refType') + 1);
      writeList(l.attributes, linkAttrList);
      linkAttrStart.push(linkAttrList.length);
    }
    linkStart.push(linkSpanId.length);
    for (const w of sp.warnings) warningList.push(s(w));
    warningStart.push(warningList.length);
  };

  let finished = false;
  const finish = (trace: Trace): PackedTrace | undefined => {
    if (finished) throw new Error('tracePacker: finish() called twice');
    const n = trace.spans.length;
    if (n !== added.length) return undefined;
    const service = new Int32Array(n);
    const resource = new Int32Array(n);
    const spanStartUs = new Float64Array(n);
    const eventTimeUs = new Float64Array(eventName.length);
    // resource lists are written once each, in first-use order
    const resources: (readonly Attribute[])[] = [];
    const resourceIndex = new Map<readonly Attribute[], number>();
    let e = 0;
    for (let i = 0; i < n; i++) {
      const sp = trace.spans[i];
      if (sp === undefined || sp !== added[i]) return undefined;
      service[i] = serviceIndex(sp.service);
      spanStartUs[i] = sp.startUs;
      let r = resourceIndex.get(sp.resource);
      if (r === undefined) {
        r = resources.length;
        resources.push(sp.resource);
        resourceIndex.set(sp.resource, r);
      }
      resource[i] = r;
      for (const ev of sp.events) eventTimeUs[e++] = ev.timeUs;
    }
    if (e !== eventTimeUs.length) return undefined;
    finished = true;
    resourceStart.push(0);
    for (const list of resources) {
      writeList(list, resourceAttrList);
      resourceStart.push(resourceAttrList.length);
    }

    return {
      strings: t.strings,
      traceId: s(trace.traceId),
      startUnixUs: trace.startUnixUs,
      durationUs: trace.durationUs,
      format: trace.format,
      warnings: Int32Array.from(trace.warnings, s),
      spanId: spanId.done(),
      parentSpanId: parentSpanId.done(),
      spanTraceId: spanTraceId.done(),
      name: name.done(),
      service,
      flags: flags.done(),
      spanStartUs,
      spanDurationUs: spanDurationUs.done(),
      statusMessage: statusMessage.done(),
      resource,
      scope: scope.done(),
      attrStart: attrStart.done(),
      eventStart: eventStart.done(),
      linkStart: linkStart.done(),
      warningStart: warningStart.done(),
      warningList: warningList.done(),
      attrList: attrList.done(),
      resourceStart: resourceStart.done(),
      resourceAttrList: resourceAttrList.done(),
      scopeName: scopeName.done(),
      scopeVersion: scopeVersion.done(),
      eventTimeUs,
      eventName: eventName.done(),
      eventAttrStart: eventAttrStart.done(),
      eventAttrList: eventAttrList.done(),
      linkTraceId: linkTraceId.done(),
      linkSpanId: linkSpanId.done(),
      linkRefType: linkRefType.done(),
      linkAttrStart: linkAttrStart.done(),
      linkAttrList: linkAttrList.done(),
      attrKey: t.attrKey.done(),
      attrType: t.attrType.done(),
      attrKind: t.attrKind.done(),
      attrValue: t.attrValue.done(),
      cellKind: t.cellKind.done(),
      cellKey: t.cellKey.done(),
      cellValue: t.cellValue.done(),
    };
  };
  return { add, finish };
}

/** Packers for the traces of one load, fed span by span (onSpan) while its text arrives. */
export class StreamPacking {
  private readonly packers = new Map<string, TracePacker>();

  readonly onSpan = (span: Span): void => {
    let p = this.packers.get(span.traceId);
    if (p === undefined) this.packers.set(span.traceId, (p = tracePacker()));
    p.add(span);
  };

  /** Forgets what was packed: the text is read again another way. */
  reset(): void {
    this.packers.clear();
  }

  /** The trace packed from what was fed, or packed now when that was not exactly its spans. */
  pack(trace: Trace): PackedTrace {
    const packer = this.packers.get(trace.traceId);
    this.packers.delete(trace.traceId);
    return packer?.finish(trace) ?? packTrace(trace);
  }
}
