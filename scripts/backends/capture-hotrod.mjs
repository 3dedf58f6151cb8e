#!/usr/bin/env node
// Fire one HotROD dispatch and save the Jaeger v1 JSON (`GET /api/traces/<id>`) of its trace.
// Needs `scripts/backends.sh start jaeger hotrod`. Captured data is for local development:
// do not commit it.
//
//   node scripts/backends/capture-hotrod.mjs <out.json> [--customer 123] [--format v1|v3|tempo]
//        [--jaeger http://127.0.0.1:16686] [--hotrod http://127.0.0.1:8080] [--tempo http://127.0.0.1:3200]
//
// --customer: 123, 392, 731 or 567 are valid; any other integer gives an error trace.
// --format v3 saves `/api/v3/traces/<id>`, tempo saves the Tempo test server's `/api/traces/<id>`.
import { writeFile } from 'node:fs/promises';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const [, v] = args.splice(i, 2);
  return v;
};
const customer = opt('--customer', '123');
const format = opt('--format', 'v1');
const jaeger = opt('--jaeger', 'http://127.0.0.1:16686');
const hotrod = opt('--hotrod', 'http://127.0.0.1:8080');
const tempo = opt('--tempo', 'http://127.0.0.1:3200');
const out = args[0];
if (!out || args.length !== 1 || !['v1', 'v3', 'tempo'].includes(format)) {
  console.error(
    'usage: capture-hotrod.mjs <out.json> [--customer 123] [--format v1|v3|tempo] [--jaeger URL] [--hotrod URL] [--tempo URL]',
  );
  process.exit(2);
}

const res = await fetch(`${hotrod}/dispatch?customer=${encodeURIComponent(customer)}&nonse=${Math.random()}`);
const header = res.headers.get('traceresponse');
await res.text();
const traceId = header?.split('-')[1];
if (!traceId) {
  console.error(`no traceresponse header from ${hotrod}/dispatch (HTTP ${res.status}); is HotROD running?`);
  process.exit(1);
}
console.error(`dispatch: HTTP ${res.status}, trace ${traceId}`);

const url = {
  v1: `${jaeger}/api/traces/${traceId}`,
  v3: `${jaeger}/api/v3/traces/${traceId}`,
  tempo: `${tempo}/api/traces/${traceId}`,
}[format];
const countSpans = (body) => {
  if (format === 'v1') return body.data?.[0]?.spans?.length ?? 0;
  const rs = format === 'v3' ? body.result?.resourceSpans : body.batches;
  return (rs ?? []).reduce((n, r) => n + r.scopeSpans.reduce((m, s) => m + s.spans.length, 0), 0);
};

// Spans arrive in export batches (HotROD flushes every 1 s): wait until the span count
// has stayed the same for three polls in a row (1.5 s).
let last = -1;
let same = 0;
let body;
for (let attempt = 0; attempt < 60; attempt++) {
  await new Promise((r) => setTimeout(r, 500));
  const r = await fetch(url);
  if (!r.ok) continue;
  body = await r.json();
  const n = countSpans(body);
  same = n === last ? same + 1 : 0;
  last = n;
  if (n > 0 && same >= 2) break;
}
if (!body || last <= 0) {
  console.error(`trace ${traceId} did not appear at ${url}`);
  process.exit(1);
}
await writeFile(out, JSON.stringify(body, null, 2) + '\n');
console.error(`saved ${last} spans to ${out}`);
console.log(traceId);
