// @vitest-environment jsdom
/**
 * The app under a base path: the router reads locations without the prefix and writes history
 * entries with it (fetch URLs: src/api/proxy-base.test.ts); without the meta tag everything stays at the root.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { basePath, parseBasePath, resetBasePathForTests, stripBase, withBase } from './base-path';
import { currentHref, navigate } from './router';

function setBase(content: string | undefined) {
  document.head.querySelector('meta[name="pathlight-base"]')?.remove();
  if (content !== undefined) {
    const meta = document.createElement('meta');
    meta.name = 'pathlight-base';
    meta.content = content;
    document.head.append(meta);
  }
  resetBasePathForTests();
}

afterEach(() => {
  setBase(undefined);
  window.history.replaceState(null, '', '/');
});

describe('parseBasePath', () => {
  it.each([
    ['/pathlight/', '/pathlight'],
    ['/pathlight', '/pathlight'],
    ['/a/b.c/', '/a/b.c'],
    ['/', ''],
    ['', ''],
    [null, ''],
    ['pathlight/', ''],
    ['//evil.example/', ''],
    ['/a b/', ''],
    ['javascript:alert(1)', ''],
  ])('%s → "%s"', (content, want) => expect(parseBasePath(content)).toBe(want));
});

describe('stripBase and withBase', () => {
  it('take the prefix off paths under it, and leave paths outside it undefined', () => {
    expect(stripBase('/pathlight/trace/abc', '/pathlight')).toBe('/trace/abc');
    expect(stripBase('/pathlight/', '/pathlight')).toBe('/');
    expect(stripBase('/pathlight', '/pathlight')).toBe('/');
    expect(stripBase('/pathlightx/trace', '/pathlight')).toBeUndefined();
    expect(stripBase('/trace/abc', '/pathlight')).toBeUndefined();
    expect(stripBase('/trace/abc', '')).toBe('/trace/abc');
    expect(withBase('/search?x=1', '/pathlight')).toBe('/pathlight/search?x=1');
    expect(withBase('/search', '')).toBe('/search');
  });
});

describe('the router and fetch URLs under a base path', () => {
  it('reads the location without the prefix and navigates with it', () => {
    setBase('/pathlight/');
    expect(basePath()).toBe('/pathlight');
    window.history.replaceState(null, '', '/pathlight/trace/abc?source=demo');
    expect(currentHref()).toBe('/trace/abc?source=demo');
    navigate('/search?service=x');
    expect(window.location.pathname).toBe('/pathlight/search');
    expect(window.location.search).toBe('?service=x');
    expect(currentHref()).toBe('/search?service=x');
    navigate('/', { replace: true });
    expect(window.location.pathname).toBe('/pathlight/');
  });

  it('keeps a location outside the prefix whole, so the app names it as not found', () => {
    setBase('/pathlight/');
    window.history.replaceState(null, '', '/elsewhere/trace/abc');
    expect(currentHref()).toBe('/elsewhere/trace/abc');
  });

  it('stays at the root without the meta tag', () => {
    setBase(undefined);
    window.history.replaceState(null, '', '/trace/abc');
    expect(currentHref()).toBe('/trace/abc');
    navigate('/search');
    expect(window.location.pathname).toBe('/search');
  });
});
