import { describe, expect, it } from 'vitest';
import { ConfigReadError, readFullPublicConfig, readPublicConfig } from './sources';

function readError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigReadError);
    return e instanceof Error ? e.message : '';
  }
  throw new Error('expected a ConfigReadError');
}

describe('readPublicConfig', () => {
  it('reads the sources of a good config', () => {
    const text = JSON.stringify({
      sources: [
        { id: 'jaeger', type: 'jaeger', name: 'Jaeger' },
        { id: 'tempo', type: 'tempo' },
      ],
    });
    expect(readPublicConfig(200, 'application/json', text)).toEqual([
      { kind: 'backend', id: 'jaeger', type: 'jaeger', name: 'Jaeger' },
      { kind: 'backend', id: 'tempo', type: 'tempo', name: 'tempo' },
    ]);
  });

  it('treats 404 and a static host’s HTML page as no config', () => {
    expect(readPublicConfig(404, 'text/plain', 'not found')).toEqual([]);
    expect(readPublicConfig(200, 'text/html; charset=utf-8', '<!doctype html><html></html>')).toEqual([]);
  });

  it.each([
    [
      500,
      'application/json',
      '{"error":{"message":"config at http://10.0.0.5/x is broken"}}',
      'config.json could not be read: the server answered HTTP 500 (config at <URL hidden> is broken).',
    ],
    [200, 'application/json', '{"sources": [', /^config\.json could not be read: it is not valid JSON \(.+\)\.$/],
    [200, 'application/json', '[]', 'config.json could not be read: expected an object {"sources": [...]}.'],
    [
      200,
      'application/json',
      '{"sources": {"id": "x"}}',
      'config.json could not be read: expected an object {"sources": [...]}.',
    ],
    [
      200,
      'application/json',
      '{"sources": [{"type": "jaeger"}]}',
      'config.json could not be read: sources[0] has no id.',
    ],
    [
      200,
      'application/json',
      '{"sources": [{"id": "x", "type": "elastic"}]}',
      'config.json could not be read: sources[0] ("x") has type "elastic"; expected one of jaeger, tempo, zipkin.',
    ],
  ])('names a broken config (HTTP %i, %s, %s)', (status, type, text, message) => {
    const got = readError(() => readPublicConfig(status, type, text));
    if (typeof message === 'string') expect(got).toBe(message);
    else expect(got).toMatch(message);
  });
});

describe('readFullPublicConfig', () => {
  it('reads link patterns beside the sources; a bad pattern is skipped and named, the rest works', () => {
    const text = JSON.stringify({
      sources: [{ id: 'jaeger', type: 'jaeger' }],
      linkPatterns: [
        { type: 'trace', url: 'https://logs.example/?t=#{trace.id}', text: 'Logs' },
        { type: 'trace', url: 'ftp://logs.example/', text: 'Old' },
      ],
    });
    const config = readFullPublicConfig(200, 'application/json', text);
    expect(config.sources.map((s) => s.id)).toEqual(['jaeger']);
    expect(config.linkPatterns.patterns.map((p) => p.text)).toEqual(['Logs']);
    expect(config.linkPatterns.problems).toEqual([
      'linkPatterns[1] ("Old") is skipped: it has a url that does not start with http:// or https:// and a host.',
    ]);
    expect(readFullPublicConfig(404, 'text/plain', '').linkPatterns.patterns).toEqual([]);
  });
});
