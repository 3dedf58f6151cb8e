import { describe, expect, it } from 'vitest';
import { describeAmount } from './protocol';

describe('describeAmount', () => {
  it('says how much of a load is read, in MB and spans', () => {
    const MB = 1024 * 1024;
    expect(describeAmount({ bytes: 120 * MB, totalBytes: 822 * MB, spans: 143_210 })).toBe(
      '120 of 822 MB read, 143,210 spans',
    );
    expect(describeAmount({ bytes: 10.4 * MB, spans: 0 })).toBe('10 MB read');
  });
});
