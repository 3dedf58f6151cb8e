import { describe, expect, it } from 'vitest';
import { hotrodTrace } from './__fixtures__/hotrod';
import type { Trace } from './types';
import { attributeLinks, parseLinkPatterns, traceLinks } from './link-patterns';

const base = hotrodTrace();
const resource = [{ key: 'k8s.pod.name', value: 'customer-7d9f/a b&c' }];
const trace: Trace = {
  ...base,
  spans: base.spans.map((s, i) =>
    i === 0 || i === 1
      ? {
          ...s,
          attributes: [
            { key: 'http.status_code', value: 200 },
            { key: 'user', value: 'ann?x=1' },
          ],
          resource,
        }
      : s,
  ),
};

describe('parseLinkPatterns', () => {
  it('keeps valid patterns and says why the others are skipped', () => {
    const { patterns, problems } = parseLinkPatterns([
      { type: 'span', key: 'user', url: 'https://logs.example/?u=#{user}', text: 'User logs' },
      { type: 'trace', url: 'http://metrics.example/t/#{trace.id}' },
      { type: 'span', key: 'x', url: 'javascript:alert(1)', text: 'Evil' },
      { type: 'span', key: 'x', url: '#{x}', text: 'Scheme from a value' },
      { type: 'process', key: 'x', url: 'https://a.example/' },
      { type: 'resource', url: 'https://a.example/' },
      { type: 'trace', url: 'https://a.example/#{trace.id' },
      'nope',
    ]);
    expect(patterns).toEqual([
      { type: 'span', key: 'user', url: 'https://logs.example/?u=#{user}', text: 'User logs' },
      { type: 'trace', key: '', url: 'http://metrics.example/t/#{trace.id}', text: 'Trace link' },
    ]);
    expect(problems).toEqual([
      'linkPatterns[2] ("Evil") is skipped: it has a url that does not start with http:// or https:// and a host.',
      'linkPatterns[3] ("Scheme from a value") is skipped: it has a url that does not start with http:// or https:// and a host.',
      'linkPatterns[4] is skipped: it has type "process"; expected one of span, resource, trace.',
      'linkPatterns[5] is skipped: it needs a "key" (the resource attribute it sits beside).',
      'linkPatterns[6] is skipped: it has a url that has a #{ that is not closed.',
      'linkPatterns[7] is skipped: it is not an object.',
    ]);
  });

  it('treats a missing list as none and a wrong shape as a problem', () => {
    expect(parseLinkPatterns(undefined)).toEqual({ patterns: [], problems: [] });
    expect(parseLinkPatterns({}).problems).toEqual(['linkPatterns is not a list, so no link patterns are used.']);
  });
});

describe('links', () => {
  const { patterns } = parseLinkPatterns([
    {
      type: 'resource',
      key: 'k8s.pod.name',
      url: 'https://logs.example/?pod=#{k8s.pod.name}&from=#{trace.startTime}&to=#{trace.endTime}',
      text: 'Pod logs for #{k8s.pod.name}',
    },
    { type: 'span', key: 'user', url: 'https://u.example/#{user}/#{span.id}?svc=#{span.service}', text: 'User' },
    { type: 'span', key: 'user', url: 'https://u.example/#{missing.key}', text: 'Never shown' },
    { type: 'trace', url: 'https://traces.example/#{trace.id}?root=#{span.name}', text: 'Logs for this trace' },
  ]);

  it('fills values URL-encoded in the url and plain in the text', () => {
    expect(attributeLinks(patterns, trace, 1, 'resource', 'k8s.pod.name')).toEqual([
      {
        url: 'https://logs.example/?pod=customer-7d9f%2Fa%20b%26c&from=1700000000000&to=1700000000760',
        text: 'Pod logs for customer-7d9f/a b&c',
      },
    ]);
    expect(attributeLinks(patterns, trace, 1, 'span', 'user')).toEqual([
      { url: `https://u.example/ann%3Fx%3D1/${trace.spans[1]?.spanId ?? ''}?svc=customer`, text: 'User' },
    ]);
  });

  it('shows no link where a value is missing or the key differs', () => {
    expect(attributeLinks(patterns, trace, 1, 'span', 'user').map((l) => l.text)).toEqual(['User']);
    expect(attributeLinks(patterns, trace, 3, 'span', 'user')).toEqual([]);
    expect(attributeLinks(patterns, trace, 1, 'span', 'k8s.pod.name')).toEqual([]);
    expect(attributeLinks(patterns, trace, 1, 'span', 'http.status_code')).toEqual([]);
  });

  it('builds trace links from the trace and its main root span', () => {
    expect(traceLinks(patterns, trace, 0)).toEqual([
      {
        url: 'https://traces.example/0123456789abcdef0123456789abcdef?root=HTTP%20GET%20%2Fdispatch',
        text: 'Logs for this trace',
      },
    ]);
  });

  it('never produces a link that is not http(s), whatever the values', () => {
    const { patterns: hostile } = parseLinkPatterns([
      { type: 'span', key: 'user', url: 'https://#{user}', text: 'host from a value' },
      { type: 'span', key: 'user', url: 'http://a.example#{user}', text: 'x' },
      { type: 'span', key: 'user', url: 'https://b.example/#{user}', text: 'y' },
    ]);
    expect(hostile.map((p) => p.text)).toEqual(['x', 'y']);
    const links = attributeLinks(hostile, trace, 1, 'span', 'user');
    expect(links.map((l) => l.url)).toEqual(['https://b.example/ann%3Fx%3D1']);
  });
});
