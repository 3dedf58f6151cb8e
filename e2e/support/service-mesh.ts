/**
 * A synthetic 300-service mesh for the service map's e2e: services in tiers (each calls five
 * services of the next tiers) and 12 namespaces (`k8s.namespace.name`, neighbours share one),
 * and `traces` traces that walk it from a front service, two calls per span, as one merged
 * OTLP answer the way Jaeger's v3 search gives it. Deterministic (its own random source).
 */
import { OtlpTraceBuilder, str, type SpanRef } from '../../src/demo/otlp-builder';

export const MESH_SERVICES = 300;
const TIERS = 8;
const NAMESPACES = 12;

const name = (i: number) => `svc-${String(i).padStart(3, '0')}`;
const tierOf = (i: number) => Math.floor((i * TIERS) / MESH_SERVICES);
export const meshNamespace = (i: number) =>
  `team-${String(Math.floor((i * NAMESPACES) / MESH_SERVICES)).padStart(2, '0')}`;

export function meshSearchAnswer(traces: number, nowUnixMs: number): string {
  let seed = 99;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const callees: number[][] = [];
  for (let i = 0; i < MESH_SERVICES; i++) {
    const t = tierOf(i);
    const list: number[] = [];
    if (t < TIERS - 1)
      while (list.length < 5) {
        const tb = Math.min(TIERS - 1, t + 1 + (rnd() < 0.25 ? 1 : 0));
        const lo = Math.floor((tb * MESH_SERVICES) / TIERS);
        const hi = Math.floor(((tb + 1) * MESH_SERVICES) / TIERS);
        const b = lo + Math.floor(rnd() * (hi - lo));
        if (!list.includes(b)) list.push(b);
      }
    callees.push(list);
  }
  const resourceSpans: unknown[] = [];
  const front = Math.floor(MESH_SERVICES / TIERS);
  for (let k = 0; k < traces; k++) {
    const traceId = `f${(k + 1).toString(16).padStart(31, '0')}`;
    const b = new OtlpTraceBuilder(traceId, k + 1);
    for (let i = 0; i < MESH_SERVICES; i++)
      b.service({ name: name(i), attributes: [str('k8s.namespace.name', meshNamespace(i))], scope: 'mesh' });
    const root = Math.floor(rnd() * front);
    const rootRef = b.add({
      service: name(root),
      name: 'GET /front',
      kind: 2,
      startNs: 0,
      durationNs: (50 + rnd() * 450) * 1e6,
      attributes: [],
    });
    const stack: { svc: number; ref: SpanRef }[] = [{ svc: root, ref: rootRef }];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      const options = callees[top.svc] ?? [];
      if (options.length === 0) continue;
      const span = top.ref.endNs - top.ref.startNs;
      let at = top.ref.startNs + span * 0.05;
      for (let c = 0; c < 2; c++) {
        const callee = options[Math.floor(rnd() * options.length)] ?? 0;
        const dur = span * (0.2 + rnd() * 0.25);
        const ref = b.add({
          service: name(callee),
          name: `rpc ${name(callee)}`,
          kind: 2,
          parent: top.ref,
          startNs: at,
          durationNs: dur,
          attributes: [],
        });
        stack.push({ svc: callee, ref });
        at += dur + span * 0.02;
      }
    }
    for (const rs of b.build(nowUnixMs - k * 1000).resourceSpans) resourceSpans.push(rs);
  }
  return JSON.stringify({ result: { resourceSpans } });
}
