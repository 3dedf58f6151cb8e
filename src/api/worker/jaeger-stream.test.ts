import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jaegerV1ToTraces } from '../jaeger/to-model';
import { JaegerStreamReader, NotFastJaeger } from './jaeger-stream';

const FIXTURES = resolve(import.meta.dirname, '../../../../shared/fixtures/jaeger-v1');

/** The text fed in pieces of `size` chars; the traces, or the reason the reader gave up. */
function stream(text: string, size: number): ReturnType<JaegerStreamReader['end']> | NotFastJaeger {
  const reader = new JaegerStreamReader();
  try {
    for (let i = 0; i < text.length; i += size) reader.feed(text.slice(i, i + size));
    return reader.end();
  } catch (err) {
    if (err instanceof NotFastJaeger) return err;
    throw err;
  }
}

/** A Jaeger answer of the usual shape, with what real traces carry: escapes, unicode, logs, links, errors. */
function answer(spaced = false): string {
  const doc = {
    data: [
      {
        traceID: '00000000000000aa00000000000000bb',
        spans: [
          {
            traceID: '00000000000000aa00000000000000bb',
            spanID: '00000000000000c1',
            flags: 1,
            operationName: 'GET /q?x="1"\\n — ünïcödé 🚀',
            references: [],
            startTime: 1_700_000_000_000_100,
            duration: 900,
            tags: [
              { key: 'span.kind', type: 'string', value: 'server' },
              { key: 'http.status_code', type: 'int64', value: 500 },
              { key: 'error', type: 'bool', value: true },
              { key: 'otel.scope.name', type: 'string', value: 'lib' },
              { key: 'big', type: 'int64', value: '9007199254740993' },
              { key: 'ratio', type: 'float64', value: 0.25 },
              { key: 'blob', type: 'binary', value: 'AAEC' },
              { key: 'odd', value: { nested: [1, 'two', null] } },
              { key: 'sql', type: 'string', value: 'select "a\\"b" from t where c = \'\\\\\'' },
              { key: '__proto__', type: 'string', value: 'x' },
              { nokey: true },
            ],
            logs: [
              {
                timestamp: 1_700_000_000_000_500,
                fields: [
                  { key: 'event', type: 'string', value: 'retry' },
                  { key: 'attempt', type: 'int64', value: 2 },
                ],
              },
            ],
            processID: 'p1',
            warnings: ['clock adjusted'],
          },
          {
            traceID: '00000000000000aa00000000000000bb',
            spanID: '00000000000000c2',
            operationName: 'child',
            references: [
              { refType: 'FOLLOWS_FROM', traceID: '00000000000000aa00000000000000bb', spanID: '00000000000000c1' },
              { refType: 'CHILD_OF', traceID: '00000000000000ff00000000000000ff', spanID: '00000000000000d1' },
            ],
            startTime: 1_700_000_000_000_000,
            duration: 50,
            tags: [
              { key: 'span.kind', type: 'string', value: 'server' },
              { key: 'http.status_code', type: 'int64', value: 500 },
              { key: 'otel.status_code', type: 'string', value: 'OK' },
            ],
            logs: null,
            processID: 'p2',
            warnings: null,
          },
          {
            traceID: '00000000000000aa00000000000000bb',
            spanID: '00000000000000c3',
            operationName: 'no tags',
            startTime: '1700000000000200',
            duration: -3,
            processID: 'p1',
          },
        ],
        processes: {
          p1: { serviceName: 'frontend', tags: [{ key: 'host', type: 'string', value: 'a' }] },
          p2: { serviceName: '', tags: null },
        },
        warnings: ['partial trace'],
      },
    ],
    total: 0,
    limit: 0,
    offset: 0,
    errors: [{ code: 500, msg: 'one storage shard timed out' }],
  };
  return spaced ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
}

describe('JaegerStreamReader', () => {
  it('gives what jaegerV1ToTraces gives, whatever the chunk size', () => {
    for (const spaced of [false, true]) {
      const text = answer(spaced);
      const expected = jaegerV1ToTraces(JSON.parse(text));
      for (const size of [1, 2, 3, 7, 64, 1000, text.length]) {
        const got = stream(text, size);
        expect(got, `chunks of ${size}`).not.toBeInstanceOf(NotFastJaeger);
        expect(got).toEqual(expected);
      }
    }
  });

  it('reads the real Jaeger answers in the fixtures like the adapter, or leaves them to it', () => {
    let read = 0;
    for (const name of readdirSync(FIXTURES)) {
      const text = readFileSync(resolve(FIXTURES, name), 'utf8');
      const got = stream(text, 4096);
      if (got instanceof NotFastJaeger) continue;
      read++;
      expect(got, name).toEqual(jaegerV1ToTraces(JSON.parse(text)));
    }
    expect(read).toBeGreaterThanOrEqual(5);
  });

  it('gives up, for the general reader, on shapes it does not take on', () => {
    const cases: [string, string][] = [
      ['bare trace then data', JSON.stringify({ ...JSON.parse(answer()).data[0], data: [] })],
      ['not JSON', answer().replace('"spanID"', '"spanID" "x"')],
      ['cut short', answer().slice(0, -10)],
      ['two documents', `${answer()}\n${answer()}`],
      ['embedded process', answer().replace('"processID":"p2"', '"process":{"serviceName":"x"}')],
      ['missing process', answer().replace('"processID":"p2"', '"processID":"p9"')],
      ['no startTime', answer().replace('"startTime":"1700000000000200",', '')],
      ['other format key', answer().replace('"total":0', '"resourceSpans":[]')],
      [
        'two traces',
        (() => {
          const doc = JSON.parse(answer()) as { data: { traceID: string }[] };
          const other = { ...doc.data[0], traceID: '00000000000000aa00000000000000cc' };
          return JSON.stringify({ ...doc, data: [doc.data[0], other] });
        })(),
      ],
      ['empty data', '{"data":[],"errors":[{"code":404,"msg":"trace not found"}]}'],
      ['bad span id', answer().replace('00000000000000c3', 'zz')],
    ];
    for (const [what, text] of cases) expect(stream(text, 100), what).toBeInstanceOf(NotFastJaeger);
  });
});
