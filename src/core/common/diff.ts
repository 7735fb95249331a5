/**
 * "Show the difference": the string an integrator's signer logged (mmob canonical string, Eber hashed
 * string) against the one Signet expected, compared byte by byte as UTF-8 (what the HMAC sees), with every
 * character a person cannot see on screen made visible. Browser-safe (TextEncoder only), so the app can
 * run it as the user types.
 */

export interface TextDiff {
  equal: boolean;
  /** UTF-8 byte offset of the first byte that differs, or null when equal. */
  firstByte: number | null;
  expectedBytes: number;
  theirBytes: number;
  /** Both strings as [common start, differing middle, common end], each made visible (see visible()). */
  prefix: string;
  expected: string;
  theirs: string;
  suffix: string;
  /** Each invisible or easily confused character found in either string, named once: "U+00A0 no-break space (theirs)". */
  notes: string[];
}

const NAMED: Record<number, [string, string]> = {
  0x09: ['\\t', 'tab'],
  0x0a: ['\\n', 'line feed'],
  0x0d: ['\\r', 'carriage return'],
  0x20: ['·', 'space'],
  0xa0: ['⍽', 'no-break space'],
  0xad: ['⟨SHY⟩', 'soft hyphen'],
  0x200b: ['⟨ZWSP⟩', 'zero-width space'],
  0x200c: ['⟨ZWNJ⟩', 'zero-width non-joiner'],
  0x200d: ['⟨ZWJ⟩', 'zero-width joiner'],
  0x2060: ['⟨WJ⟩', 'word joiner'],
  0xfeff: ['⟨BOM⟩', 'byte-order mark'],
  0x2028: ['⟨LS⟩', 'line separator'],
  0x2029: ['⟨PS⟩', 'paragraph separator'],
  0x202f: ['⟨NNBSP⟩', 'narrow no-break space'],
  0x3000: ['⟨IDSP⟩', 'ideographic space'],
};
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
/** Combining marks (an NFD "é" is "e" + U+0301), other format characters, controls. */
const INVISIBLE = /[\p{M}\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}]/u;

/** The text with invisible characters shown: "\n", "·" for a space, "⍽" for NBSP, ⟨U+0301⟩ for a combining mark. */
export function visible(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const named = NAMED[cp];
    if (named) out += named[0];
    else if (INVISIBLE.test(ch)) out += `⟨${hex(cp)}⟩`;
    else out += ch;
  }
  return out;
}

function invisibleNotes(text: string, whose: string, into: Map<string, string>): void {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20) continue; // spaces are expected in identifiers; shown as "·" but not listed
    const named = NAMED[cp];
    if (!named && !INVISIBLE.test(ch)) continue;
    const key = `${hex(cp)} ${named ? named[1] : /\p{M}/u.test(ch) ? 'combining mark' : 'invisible character'}`;
    const seen = into.get(key);
    into.set(key, seen === undefined ? whose : seen === whose ? seen : 'both');
  }
}

const utf8 = new TextEncoder();

export function diffText(expected: string, theirs: string): TextDiff {
  const a = Array.from(expected);
  const b = Array.from(theirs);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const equal = expected === theirs;
  const notes = new Map<string, string>();
  invisibleNotes(expected, 'expected', notes);
  invisibleNotes(theirs, 'theirs', notes);
  const prefix = a.slice(0, start).join('');
  return {
    equal,
    firstByte: equal ? null : utf8.encode(prefix).length,
    expectedBytes: utf8.encode(expected).length,
    theirBytes: utf8.encode(theirs).length,
    prefix: visible(prefix),
    expected: visible(a.slice(start, a.length - end).join('')),
    theirs: visible(b.slice(start, b.length - end).join('')),
    suffix: visible(a.slice(a.length - end).join('')),
    notes: [...notes].map(([what, whose]) => `${what} (${whose})`),
  };
}

/** The diff as lines for a terminal or a log. */
export function formatDiff(d: TextDiff, label = 'string'): string[] {
  if (d.equal) return [`their ${label} is exactly the expected one (${d.expectedBytes} bytes)`];
  return [
    `their ${label} differs from the expected one at byte ${d.firstByte} (expected ${d.expectedBytes} bytes, theirs ${d.theirBytes}):`,
    `  expected: ${d.prefix}[${d.expected}]${d.suffix}`,
    `  theirs:   ${d.prefix}[${d.theirs}]${d.suffix}`,
    ...d.notes.map((n) => `  note: ${n}`),
  ];
}
