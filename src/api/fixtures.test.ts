/**
 * Every real fixture in ../shared/fixtures goes through the file entry point: trace files
 * give the expected format, span counts and services plus a readable dump snapshot;
 * the non-trace responses give a TraceFormatError that says what they are.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTrace } from '../model/analyze';
import { dumpTrace } from '../model/dump';
import type { TraceFormat } from '../model/types';
import { parseTraceText, TraceFormatError } from './parse-trace-file';

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures');

interface Expected {
  readonly format: TraceFormat;
  readonly traces: number;
  readonly spans: number;
  readonly services: readonly string[];
}

const TRACES: Readonly<Record<string, Expected>> = {
  'jaeger-v1/jaeger-api-transform-response.json': {
    format: 'jaeger-v1',
    traces: 1,
    spans: 2,
    services: ['telemetrygen'],
  },
  'jaeger-v1/jaeger-ui-31char-traceid-grouped.json': {
    format: 'jaeger-v1',
    traces: 1,
    spans: 17,
    services: ['api-gateway', 'customers-service'],
  },
  'jaeger-v1/jaeger-ui-children-longer-than-parent.json': {
    format: 'jaeger-v1',
    traces: 1,
    spans: 4,
    services: ['service-one', 'service-two'],
  },
  'jaeger-v1/jaeger-ui-genai-trace.json': {
    format: 'jaeger-v1',
    traces: 1,
    spans: 57,
    services: [
      'api-edge',
      'auth-service',
      'coding-agent',
      'graphql-gateway',
      'k8s-api',
      'mcp-gateway',
      'metrics-backend',
      'summarizer-agent',
      'trace-store',
      'vector-store',
    ],
  },
  'jaeger-v1/jaeger-ui-multi-service-response.json': {
    format: 'jaeger-v1',
    traces: 1,
    spans: 4,
    services: ['example-trace'],
  },
  'jaeger-v1/jaeger-uimodel-ui_01.json': {
    format: 'jaeger-v1',
    traces: 1,
    spans: 5,
    services: ['service-x', 'service-y'],
  },
  'jaeger-v3/GetTrace.json': { format: 'jaeger-v3', traces: 1, spans: 1, services: ['unknown service'] },
  'otlp-json/jaeger-integration-example-trace.json': {
    format: 'otlp',
    traces: 1,
    spans: 5,
    services: ['example-service-1', 'example-service-2', 'example-service-3'],
  },
  'otlp-json/jaeger-transform-request.json': { format: 'otlp', traces: 1, spans: 2, services: ['telemetrygen'] },
  'otlp-json/jaeger-ui-multi-resource.json': { format: 'otlp', traces: 1, spans: 4, services: ['example-trace'] },
  'otlp-json/otel-proto-example-trace.json': { format: 'otlp', traces: 1, spans: 1, services: ['my.service'] },
  'tempo/tempo-v1-batches-shape.json': { format: 'tempo-v1', traces: 1, spans: 1, services: ['my.service'] },
  'zipkin/zipkin-lens-messaging-kafka.json': {
    format: 'zipkin',
    traces: 1,
    spans: 28,
    services: ['servicea', 'serviceb'],
  },
  'zipkin/zipkin-lens-skew.json': { format: 'zipkin', traces: 1, spans: 4, services: ['servicea', 'serviceb'] },
  // 1041 wire spans, of which 84 are timestamp-less late fragments merged into their span.
  'zipkin/zipkin-lens-smartthings-mobile-web-install.json': {
    format: 'zipkin',
    traces: 1,
    spans: 957,
    services: [
      'account',
      'alice',
      'auth',
      'bookie',
      'bouncer',
      'coreSrv',
      'dove',
      'execution',
      'gizmo',
      'guardian',
      'oreck',
      'paperboy',
      'platformapi',
      'pusher',
      'stLogin',
      'strongman',
    ],
  },
  'zipkin/zipkin-lens-smartthings-oauth-authorization.json': {
    format: 'zipkin',
    traces: 1,
    spans: 175,
    services: ['account', 'auth', 'bouncer', 'datamgmt', 'dove', 'paperboy', 'pusher', 'stlogin'],
  },
  'zipkin/zipkin-lens-yelp.json': {
    format: 'zipkin',
    traces: 1,
    spans: 16,
    services: ['mobile_api', 'routing', 'spectre', 'unknown', 'yelp-main', 'yelp_main/api_proxy'],
  },
};

const NOT_TRACES: Readonly<Record<string, RegExp>> = {
  'jaeger-v3/GetServices.json': /top-level keys services — this looks like a Jaeger services list, not a trace/,
  'jaeger-v3/GetOperations.json': /top-level keys operations — this looks like a Jaeger operations list, not a trace/,
  'jaeger-v3/FindTraceSummaries.json': /top-level keys summaries — this looks like Jaeger API v3 trace summaries/,
};

const files = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(join(FIXTURES, d.name))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${d.name}/${f}`),
  )
  .sort();

describe('real fixtures through parseTraceText', () => {
  it('covers every fixture file', () => {
    expect(files).toHaveLength(20);
    expect(files.filter((f) => TRACES[f] === undefined && NOT_TRACES[f] === undefined)).toEqual([]);
  });

  for (const file of files) {
    const expected = TRACES[file];
    const notTrace = NOT_TRACES[file];
    const text = () => readFileSync(join(FIXTURES, file), 'utf8');
    if (expected !== undefined) {
      it(`${file}: ${expected.format}, ${expected.spans} spans`, async () => {
        const parsed = parseTraceText(text());
        expect(parsed.format).toBe(expected.format);
        expect(parsed.traces).toHaveLength(expected.traces);
        const trace = parsed.traces[0];
        if (trace === undefined) throw new Error('no trace');
        expect(trace.spans).toHaveLength(expected.spans);
        expect([...new Set(trace.spans.map((s) => s.service))].sort()).toEqual([...expected.services].sort());
        const name = file.replace('/', '__').replace(/\.json$/, '');
        await expect(dumpTrace(trace, analyzeTrace(trace))).toMatchFileSnapshot(`./__snapshots__/${name}.txt`);
      });
    } else if (notTrace !== undefined) {
      it(`${file}: explained as not a trace`, () => {
        let caught: unknown;
        try {
          parseTraceText(text());
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(TraceFormatError);
        expect(caught instanceof Error ? caught.message : '').toMatch(notTrace);
        expect(caught instanceof Error ? caught.message : '').toContain(
          'Jaeger JSON, Jaeger API v3, OTLP/JSON, Tempo, Zipkin v2',
        );
      });
    }
  }
});
