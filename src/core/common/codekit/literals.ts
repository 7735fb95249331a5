/**
 * A value as a string literal of each target language, so an input (an email with quotes, a cpId with `$` or
 * `#{}`, a newline, emoji) is data in the generated program and can never become code. Every literal is
 * ASCII-only except the shell's (single quotes take bytes verbatim): non-ASCII is written as the language's
 * own escape, so the source file's encoding and the compiler's default charset cannot change the value.
 *
 * Inputs with NUL or lone surrogates are refused before this (see inputs.ts): a shell variable cannot hold NUL
 * and a lone surrogate has no UTF-8 form.
 */
import type { CodeLang } from './types';

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/** Code points of a well-formed string. */
function codePoints(s: string): number[] {
  return Array.from(s, (c) => c.codePointAt(0)!);
}

/** JavaScript/TypeScript, C#: \uXXXX per UTF-16 unit (both read a surrogate pair written as two escapes). */
function utf16Escaped(s: string, quote: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    const c = s[i]!;
    if (c === '\\' || c === quote) out += `\\${c}`;
    else if (u < 0x20 || u >= 0x7f) out += `\\u${hex(u, 4)}`;
    else out += c;
  }
  return `${quote}${out}${quote}`;
}

/**
 * Java processes \uXXXX escapes before it reads the source, so "\u000a" would end the string: control
 * characters are written as octal escapes instead; other non-ASCII as \uXXXX (safe: never a quote or newline).
 */
function javaLiteral(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    const c = s[i]!;
    if (c === '\\' || c === '"') out += `\\${c}`;
    else if (u < 0x20 || u === 0x7f) out += `\\${u.toString(8).padStart(3, '0')}`;
    else if (u > 0x7f) out += `\\u${hex(u, 4)}`;
    else out += c;
  }
  return `"${out}"`;
}

/** Python and Go: \xNN for ASCII controls, \uXXXX / \UXXXXXXXX by code point. */
function codePointEscaped(s: string): string {
  let out = '';
  for (const cp of codePoints(s)) {
    const c = String.fromCodePoint(cp);
    if (c === '\\' || c === '"') out += `\\${c}`;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp > 0xffff) out += `\\U${hex(cp, 8)}`;
    else if (cp > 0x7f) out += `\\u${hex(cp, 4)}`;
    else out += c;
  }
  return `"${out}"`;
}

/** PHP and Ruby double quotes: `$` (PHP) and `#` (Ruby) are escaped so nothing interpolates; \u{…} per code point. */
function braceEscaped(s: string, extra: string): string {
  let out = '';
  for (const cp of codePoints(s)) {
    const c = String.fromCodePoint(cp);
    if (c === '\\' || c === '"' || extra.includes(c)) out += `\\${c}`;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp > 0x7f) out += `\\u{${hex(cp, 1)}}`;
    else out += c;
  }
  return `"${out}"`;
}

/** POSIX shell: single quotes keep every byte; a quote is closed, escaped and reopened. */
function shellLiteral(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function literal(lang: CodeLang, value: string): string {
  switch (lang) {
    case 'node':
      return utf16Escaped(value, "'");
    case 'csharp':
      return utf16Escaped(value, '"');
    case 'java':
      return javaLiteral(value);
    case 'python':
    case 'go':
      return codePointEscaped(value);
    case 'php':
      return braceEscaped(value, '$');
    case 'ruby':
      return braceEscaped(value, '#');
    case 'shell':
      return shellLiteral(value);
  }
}
