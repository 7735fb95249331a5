import { ApiError } from '../api';

/** What cleaning a pasted value removed, for a note at the field. */
export interface Cleaned {
  value: string;
  /** A sentence saying what was stripped, or null when the text was used as it is. */
  note: string | null;
}

/**
 * A signature or URL as copied from a log: surrounding whitespace and line breaks, a leading `>`/`<` (a
 * request/response marker), surrounding quotes and line breaks inside (a wrapped log line) are stripped.
 * Never alters anything else, and says what it removed.
 */
export function cleanPasted(text: string): Cleaned {
  const removed: string[] = [];
  let v = text;
  if (v.trim() !== v) removed.push('surrounding spaces');
  v = v.trim();
  const marker = /^([<>]+)\s*/.exec(v);
  if (marker) {
    removed.push(`a leading "${marker[1]}"`);
    v = v.slice(marker[0].length);
  }
  const quoted = /^(["'`])([\s\S]*)\1[,;]?$/.exec(v);
  if (quoted) {
    removed.push('surrounding quotes');
    v = quoted[2]!.trim();
  }
  if (/[\r\n]/.test(v)) {
    removed.push('line breaks');
    v = v.replace(/\s*[\r\n]+\s*/g, '');
  }
  return { value: v, note: removed.length > 0 ? `Removed ${removed.join(', ')} from the pasted text.` : null };
}

/** The message for a value over its limit: the limit and the actual length, and that nothing was judged. */
export const tooLongMessage = (what: string, limit: number, length: number) =>
  `${what} is too long: at most ${limit.toLocaleString('en')} characters, this has ${length.toLocaleString('en')}. Nothing was checked.`;

/** Refuses (as a field error) a value over its limit, rather than cutting it and judging what is left. */
export function refuseTooLong(value: string, limit: number, field: string, what: string): void {
  if (value.length > limit) throw new ApiError('TOO_LONG', tooLongMessage(what, limit, value.length), field);
}
