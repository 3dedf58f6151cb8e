import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchConfig, fetchConfigEarly } from './config-fetch';

afterEach(() => vi.unstubAllGlobals());

describe('fetchConfig', () => {
  it('hands out the early request once, then asks again', async () => {
    const answers = [new Response('{"sources":[]}'), new Response('{"sources":[{"id":"j"}]}')];
    const fetchMock = vi.fn(() => Promise.resolve(answers.shift() as Response));
    vi.stubGlobal('fetch', fetchMock);
    fetchConfigEarly();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await (await fetchConfig(new AbortController().signal)).text()).toBe('{"sources":[]}');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await (await fetchConfig(new AbortController().signal)).text()).toBe('{"sources":[{"id":"j"}]}');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls.map((c) => String((c as unknown[])[0]))).toEqual(['/config.json', '/config.json']);
  });

  it('lets the query report a failed early request', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    fetchConfigEarly();
    await expect(fetchConfig(new AbortController().signal)).rejects.toThrow('Failed to fetch');
  });
});
