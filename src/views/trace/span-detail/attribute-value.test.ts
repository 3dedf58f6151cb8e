import { expect, it } from 'vitest';
import { attrText, httpUrl } from './attribute-value';

it('renders values as text', () => {
  expect(attrText('<b>x</b>')).toBe('<b>x</b>');
  expect(attrText(42)).toBe('42');
  expect(attrText(null)).toBe('null');
  expect(attrText(['a', 1])).toBe('["a",1]');
});

it('links only whole http(s) URLs', () => {
  expect(httpUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
  expect(httpUrl('HTTP://example.com')).toBe('http://example.com/');
  expect(httpUrl('javascript:alert(1)')).toBeUndefined();
  expect(httpUrl('see https://example.com')).toBeUndefined();
  expect(httpUrl('/relative')).toBeUndefined();
  expect(httpUrl(7)).toBeUndefined();
});
