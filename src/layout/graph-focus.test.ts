import { describe, expect, it } from 'vitest';
import { neighbourhood } from './graph-focus';

const LINKS = [
  { from: 'frontend', to: 'customer' },
  { from: 'customer', to: 'mysql' },
  { from: 'frontend', to: 'driver' },
  { from: 'driver', to: 'redis-manual' },
];

describe('neighbourhood', () => {
  it('counts hops over callers and callees', () => {
    expect(Object.fromEntries(neighbourhood(LINKS, 'customer', 1))).toEqual({ customer: 0, frontend: 1, mysql: 1 });
    expect(Object.fromEntries(neighbourhood(LINKS, 'customer', 3))).toEqual({
      customer: 0,
      frontend: 1,
      mysql: 1,
      driver: 2,
      'redis-manual': 3,
    });
  });
  it('knows only the focus when it has no edges', () => {
    expect([...neighbourhood(LINKS, 'lonely', 2).keys()]).toEqual(['lonely']);
  });
});
