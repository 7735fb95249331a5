import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqualStrings } from './encoding';

describe('constantTimeEqualStrings', () => {
  it('agrees with === for any two strings, short or past the scratch size, Unicode included', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 400 }));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(constantTimeEqualStrings(a, b)).toBe(a === b);
        expect(constantTimeEqualStrings(a, a)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart strings that differ only in the last byte, or only in length', () => {
    const mac = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
    expect(constantTimeEqualStrings(mac, mac.slice(0, -1) + '1')).toBe(false);
    expect(constantTimeEqualStrings(mac, mac.slice(0, -1))).toBe(false);
    expect(constantTimeEqualStrings('', '')).toBe(true);
    // A longer compare first must not leave bytes that make a shorter one look equal.
    expect(constantTimeEqualStrings('abcdef', 'abcdef')).toBe(true);
    expect(constantTimeEqualStrings('abc', 'abd')).toBe(false);
  });
});
