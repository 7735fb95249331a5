/**
 * The option rules the CLI and the app's handlers share, resolved once here: the Eber expiry choice (a fixed
 * expiry or "N minutes from now" in the business time zone), the time-zone requirement, and reading a
 * verifier time. Errors name their fields as `{field}` tokens (fieldError), so the CLI says `--expires-in`
 * where the app says "expires in N minutes", from one message.
 */
import { DateTime } from 'luxon';
import { fieldError } from './errors';
import { assertTimezone, fixedExpiryNotes, planExpiryInMinutes } from './eber/expiry';
import type { Explanation } from './explain';
import { preview } from './format';
import { FORMAT_LOCALE, parseInstant } from './time';

export interface ExpiryChoice {
  /** `Y-m-d H:i:s` in the business time zone; empty or absent for a link without expiry. */
  expiry?: string | null | undefined;
  expiresInMinutes?: number | undefined;
  /** The business's IANA zone (needed for expiresInMinutes). */
  timezone?: string | null | undefined;
}

/** The expiry to sign, or undefined for a link that never expires (resolveExpiryWithNotes also says why). */
export function resolveExpiry(choice: ExpiryChoice, now: Date): string | undefined {
  return resolveExpiryWithNotes(choice, now).expiry;
}

/**
 * The expiry to sign and the notes to show beside it: "N minutes from now" that would end in a repeated hour
 * is moved past it (EXPIRY_MOVED); a fixed expiry is kept as given, but when the zone is known and it falls
 * in a repeated hour or a DST gap it gets EXPIRY_AMBIGUOUS or EXPIRY_IN_GAP.
 */
export function resolveExpiryWithNotes(
  choice: ExpiryChoice,
  now: Date,
): { expiry: string | undefined; notes: Explanation[] } {
  const fixed = choice.expiry ? choice.expiry : undefined;
  if (fixed !== undefined && choice.expiresInMinutes !== undefined) {
    throw fieldError('EXPIRY', 'give {expiry} or {expiresInMinutes}, not both.', 'expiry');
  }
  if (choice.expiresInMinutes === undefined) {
    return {
      expiry: fixed,
      notes: fixed !== undefined && choice.timezone ? fixedExpiryNotes(fixed, choice.timezone) : [],
    };
  }
  if (!choice.timezone) {
    throw fieldError('TIMEZONE_REQUIRED', '{expiresInMinutes} needs {timezone}, e.g. Asia/Singapore.', 'timezone');
  }
  return planExpiryInMinutes(choice.expiresInMinutes, choice.timezone, now);
}

/** The business time zone, which reading an Eber expiry needs; checked to be a real IANA zone. */
export function requireTimezone(timezone: string | null | undefined): string {
  if (!timezone) throw fieldError('TIMEZONE_REQUIRED', '{timezone} is needed, e.g. Asia/Singapore.', 'timezone');
  assertTimezone(timezone);
  return timezone;
}

/** Whether an ISO 8601 text carries Z or a UTC offset (luxon gives such a text a fixed-offset zone). */
const hasOffset = (text: string): boolean => DateTime.fromISO(text, { setZone: true, locale: FORMAT_LOCALE }).zone.type === 'fixed';

/**
 * A verifier clock given by a person: whole Unix seconds (mmob) or an ISO 8601 instant (Eber). Undefined
 * when none was given (the caller uses its own clock). An ISO time must carry Z or a UTC offset: one without
 * is refused rather than read in this machine's zone, which would make a verdict depend on where Signet runs.
 */
export function parseVerifierTime(text: string | undefined, form: 'unix-seconds' | 'iso-8601'): Date | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (form === 'unix-seconds') {
    if (!/^\d{1,15}$/.test(t))
      throw fieldError('NOW_INVALID', '{now} %s is not whole Unix seconds.', 'now', preview(t, 40));
    return new Date(Number(t) * 1000);
  }
  const d = parseInstant(t);
  if (d && !hasOffset(t)) {
    throw fieldError(
      'NOW_INVALID',
      "{now} %s has no UTC offset, and Signet never reads it in this machine's time zone: add Z or an offset, e.g. 2030-01-15T09:00:00Z or 2030-01-15T09:00:00+08:00.",
      'now',
      preview(t, 40),
    );
  }
  if (!d) {
    throw fieldError(
      'NOW_INVALID',
      '{now} %s is not an ISO 8601 instant such as 2030-01-15T01:00:00Z.',
      'now',
      preview(t, 40),
    );
  }
  return d;
}
