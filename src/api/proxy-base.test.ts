// @vitest-environment jsdom
/** The proxy and /config.json URLs carry the base path the server announced. */
import { afterEach, expect, it } from 'vitest';
import { resetBasePathForTests } from '../lib/base-path';
import { proxyBase, type BackendSource } from './sources';

const source = (id: string) => ({ id }) as BackendSource;

afterEach(() => {
  document.head.querySelector('meta[name="pathlight-base"]')?.remove();
  resetBasePathForTests();
});

it('puts /proxy/<id> under the base path, and at the root without one', () => {
  expect(proxyBase(source('j'))).toBe('/proxy/j');
  const meta = document.createElement('meta');
  meta.name = 'pathlight-base';
  meta.content = '/pathlight/';
  document.head.append(meta);
  resetBasePathForTests();
  expect(proxyBase(source('tempo a'))).toBe('/pathlight/proxy/tempo%20a');
});
