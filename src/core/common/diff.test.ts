import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffText, formatDiff, visible } from './diff';

describe('diffText', () => {
  it('finds the first differing byte and the differing middle, invisible characters made visible', () => {
    const d = diffText('1735689600:cp_1:cpd_1:a@b.co:n0nce', '1735689600:cp_1:cpd_1:a@b.co\n:n0nce');
    expect(d).toMatchObject({ equal: false, firstByte: 28, expected: '', theirs: '\\n', suffix: ':n0nce' });
    expect(d.notes).toEqual(['U+000A line feed (theirs)']);
  });

  it.each([
    ['NBSP', 'member example', 'member\u00a0example', '⍽', 'U+00A0 no-break space (theirs)'],
    ['zero-width space', 'a@b.co', 'a@b.co\u200b', '⟨ZWSP⟩', 'U+200B zero-width space (theirs)'],
    ['NFD vs NFC', 'Jos\u00e9', 'Jose\u0301', 'e⟨U+0301⟩', 'U+0301 combining mark (theirs)'],
    ['tab', 'a:b', 'a:\tb', '\\t', 'U+0009 tab (theirs)'],
    ['carriage return', 'x', 'x\r', '\\r', 'U+000D carriage return (theirs)'],
  ])('%s', (_name, expected, theirs, shown, note) => {
    const d = diffText(expected, theirs);
    expect(d.equal).toBe(false);
    expect(d.theirs).toContain(shown);
    expect(d.notes).toContain(note);
  });

  it('counts bytes as UTF-8 (what the HMAC sees)', () => {
    const d = diffText('é:1', 'é:2');
    expect(d.firstByte).toBe(3); // é is two bytes
    expect([d.expectedBytes, d.theirBytes]).toEqual([4, 4]);
  });

  it('equal strings are equal; prefix + middle + suffix rebuild each side (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (x, y) => {
        const d = diffText(x, y);
        expect(d.equal).toBe(x === y);
        expect(d.prefix + d.expected + d.suffix).toBe(visible(x));
        expect(d.prefix + d.theirs + d.suffix).toBe(visible(y));
        if (!d.equal) expect(formatDiff(d)[0]).toContain(`byte ${d.firstByte}`);
      }),
    );
  });
});
