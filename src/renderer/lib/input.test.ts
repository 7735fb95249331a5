import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { cleanPasted, refuseTooLong } from './input';

describe('cleanPasted', () => {
  it('strips what logs add around a value, and says so', () => {
    expect(cleanPasted('  > "https://demo.eber.co/login/hmac?a=1&\n b=2"\n')).toEqual({
      value: 'https://demo.eber.co/login/hmac?a=1&b=2',
      note: 'Removed surrounding spaces, a leading ">", surrounding quotes, line breaks from the pasted text.',
    });
    expect(cleanPasted("< '1700000000:abc=:0123'")).toMatchObject({ value: '1700000000:abc=:0123' });
  });

  it('leaves a clean value alone, with no note', () => {
    expect(cleanPasted('1700000000:abc=:0123')).toEqual({ value: '1700000000:abc=:0123', note: null });
  });
});

describe('refuseTooLong', () => {
  it('refuses at the field with the limit and the actual length', () => {
    expect(() => refuseTooLong('x'.repeat(100_000), 16_384, 'url', 'The URL')).toThrow(
      new ApiError(
        'TOO_LONG',
        'The URL is too long: at most 16,384 characters, this has 100,000. Nothing was checked.',
        'url',
      ),
    );
    expect(() => refuseTooLong('x', 2, 'url', 'The URL')).not.toThrow();
  });
});
