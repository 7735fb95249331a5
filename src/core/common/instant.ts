/**
 * The everyday form of an instant people type for a verifier clock, read without a date library:
 * `2030-01-15T09:00:00Z`, `…:00.5+08:00` (RFC 3339 with Z or ±HH:MM, up to milliseconds). Anything else,
 * including every text whose fields are out of range, is left to options.ts's parseVerifierTime (luxon), which
 * gives the verdict and the message; instant.test.ts holds the two equal where this one answers. Why: the
 * CLI's `eber verify --now …` would otherwise load luxon (~5 ms of a start-up measured against `node -e 0`).
 */
import { utcMsOf } from './eber/zone';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** The instant, or null when the text is not in this form (then ask parseVerifierTime). */
export function readRfc3339Instant(text: string): Date | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  if (Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) return null;
  const wall = utcMsOf(y, mo, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) return null; // no such day (30 February)
  return new Date(wall + ms - offsetMinutes * 60_000);
}
