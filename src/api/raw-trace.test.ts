import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemoText } from '../demo/generate';
import { demoSources } from './demo-source';
import { rawTraceSource } from './raw-trace';
import type { BackendSource } from './sources';

const signal = new AbortController().signal;
const jaeger: BackendSource = { kind: 'backend', id: 'jaeger', type: 'jaeger', name: 'Jaeger' };
afterEach(() => vi.unstubAllGlobals());

describe('rawTraceSource', () => {
  it('fetches a backend trace again from the URL that answered, and names it', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      urls.push(url);
      return Promise.resolve(new Response('{"result":{}}', { status: 200 }));
    });
    const raw = rawTraceSource({ kind: 'backend', source: jaeger, rawUrl: '/proxy/jaeger/api/v3/traces/ab?x=1' }, 'ab');
    expect(raw?.describe).toBe('as Jaeger returned it (/proxy/jaeger/api/v3/traces/ab)');
    expect(await raw?.load(signal)).toBe('{"result":{}}');
    expect(urls).toEqual(['/proxy/jaeger/api/v3/traces/ab?x=1']);
  });

  it('has nothing to offer for a backend trace whose URL is unknown, or a file that cannot be read again', () => {
    expect(rawTraceSource({ kind: 'backend', source: jaeger }, 'ab')).toBeUndefined();
    expect(rawTraceSource({ kind: 'file', fileName: 'x.json' }, 'ab')).toBeUndefined();
  });

  it('reads a file again, and generates a demo trace again exactly as the worker did', async () => {
    const file = rawTraceSource({ kind: 'file', fileName: 'x.json', readText: () => Promise.resolve('{"a":1}') }, 'ab');
    expect(await file?.load(signal)).toBe('{"a":1}');
    const hotrod = demoSources().find((d) => d.id === 'hotrod');
    const demo = rawTraceSource({ kind: 'demo', title: 'HotROD' }, hotrod?.traceId ?? '');
    expect(await demo?.load(signal)).toBe(generateDemoText('hotrod'));
  });
});
