import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [56, '56 bytes'],
    [1023, '1023 bytes'],
    [1024, '1.0 KB'],
    [18_427_030, '17.6 MB'],
    [185_261_015, '176.7 MB'],
    [5 * 1024 ** 3, '5.0 GB'],
    [3 * 1024 ** 5, '3072.0 TB'],
    [-1, 'unknown size'],
    [Number.NaN, 'unknown size'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
