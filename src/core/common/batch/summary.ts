/** Counting per code and per hint, mergeable so each worker counts its own chunks and main adds them up. */

export interface BatchCounts {
  /** Records read: every non-blank line (blank lines are skipped and produce no output). */
  records: number;
  valid: number;
  /** Records the verifier judged invalid. */
  invalid: number;
  /** Lines that could not be read as a record (bad JSON, missing field, …). */
  malformed: number;
  /** Records per verification code, e.g. { SIGNATURE_MISMATCH: 12 }. */
  codes: Record<string, number>;
  /** Records per hint from the mismatch finder. */
  hints: Record<string, number>;
  /** Malformed lines per reason, e.g. { JSON_INVALID: 3 }. */
  errors: Record<string, number>;
}

export function emptyCounts(): BatchCounts {
  return { records: 0, valid: 0, invalid: 0, malformed: 0, codes: {}, hints: {}, errors: {} };
}

function addTo(target: Record<string, number>, source: Record<string, number>): void {
  for (const [k, n] of Object.entries(source)) target[k] = (target[k] ?? 0) + n;
}

/** Adds `b` into `a` and returns `a`. */
export function mergeCounts(a: BatchCounts, b: BatchCounts): BatchCounts {
  a.records += b.records;
  a.valid += b.valid;
  a.invalid += b.invalid;
  a.malformed += b.malformed;
  addTo(a.codes, b.codes);
  addTo(a.hints, b.hints);
  addTo(a.errors, b.errors);
  return a;
}

export function countOne(target: Record<string, number>, key: string): void {
  target[key] = (target[key] ?? 0) + 1;
}

/** Keys sorted by count (descending), then name: the order people read a summary in. */
export function byCount(counts: Record<string, number>): [string, number][] {
  return Object.entries(counts).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
}

/** A summary for people: one line of totals, then one line per code, hint and reason. */
export function formatCounts(
  c: BatchCounts,
  explain: (kind: 'code' | 'hint', key: string) => string | undefined,
): string {
  const lines = [
    `${c.records} record${c.records === 1 ? '' : 's'}: ${c.valid} valid, ${c.invalid} invalid, ${c.malformed} malformed`,
  ];
  for (const [code, n] of byCount(c.codes))
    lines.push(`  ${String(n).padStart(9)}  ${code}${explain('code', code) ? ` — ${explain('code', code)}` : ''}`);
  for (const [hint, n] of byCount(c.hints))
    lines.push(`  ${String(n).padStart(9)}  hint ${hint}${explain('hint', hint) ? ` — ${explain('hint', hint)}` : ''}`);
  for (const [reason, n] of byCount(c.errors)) lines.push(`  ${String(n).padStart(9)}  malformed line: ${reason}`);
  return lines.join('\n') + '\n';
}
