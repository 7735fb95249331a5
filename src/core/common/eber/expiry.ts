import { DateTime, IANAZone } from 'luxon';
import { SignetInputError } from '../errors';
import { EBER_EXPIRY_FORMAT } from './constants';
import { readExpiry } from './expiry-format';

export { assertExpiryFormat } from './expiry-format';

/** Zone names already checked: validating one builds an Intl formatter, which a batch must not pay per record. */
const knownZones = new Set<string>();

export function assertTimezone(timezone: string): void {
  if (knownZones.has(timezone)) return;
  if (IANAZone.isValidZone(timezone)) {
    if (knownZones.size < 1000) knownZones.add(timezone);
    return;
  }
  throw new SignetInputError(
    'TIMEZONE_INVALID',
    `Unknown time zone "${timezone.slice(0, 64)}": use an IANA name such as Asia/Singapore or Europe/London.`,
    'timezone',
  );
}

export type ParsedExpiry =
  | {
      ok: true;
      /** The instant the link stops working. */
      instant: DateTime;
      /** True when the wall-clock time does not exist in the zone (skipped by a DST change). */
      inDstGap: boolean;
    }
  | { ok: false; reason: string };

/** Reads `Y-m-d H:i:s` as wall-clock time in the business's time zone. */
export function parseExpiry(text: string, timezone: string): ParsedExpiry {
  const read = readExpiry(text);
  if (!read.ok) return read;
  const f = read.fields;
  // From numbers, not DateTime.fromFormat: the shape and the calendar are already checked, and parsing
  // the format string per call was most of an Eber batch's time.
  const dt = DateTime.fromObject(f, { zone: timezone });
  if (!dt.isValid) return { ok: false, reason: dt.invalidExplanation ?? 'not a real date and time' };
  // A wall-clock time skipped by a DST change comes back moved (02:30 becomes 03:30).
  const inDstGap = dt.hour !== f.hour || dt.minute !== f.minute || dt.day !== f.day;
  return { ok: true, instant: dt, inDstGap };
}

/** "Expires in N minutes", written as the business's wall-clock time. */
export function expiryInMinutes(minutes: number, timezone: string, now: Date = new Date()): string {
  assertTimezone(timezone);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 525_600) {
    throw new SignetInputError(
      'EXPIRY_MINUTES',
      'Minutes until expiry must be between 1 and 525600 (one year).',
      'expiry',
    );
  }
  // Adding minutes moves along real time, so a DST change inside the window is accounted for.
  return DateTime.fromJSDate(now).setZone(timezone).plus({ minutes }).toFormat(EBER_EXPIRY_FORMAT);
}

export interface ExpiryViews {
  business: string;
  utc: string;
  local: string;
  iso: string;
}

/** The same expiry instant shown in business time, UTC and this machine's local time. */
export function expiryViews(text: string, timezone: string, localZone?: string): ExpiryViews | null {
  const parsed = parseExpiry(text, timezone);
  return parsed.ok ? viewsOfInstant(parsed.instant, timezone, localZone) : null;
}

export function viewsOfInstant(instant: DateTime, timezone: string, localZone?: string): ExpiryViews {
  const fmt = 'yyyy-MM-dd HH:mm:ss ZZZZ';
  return {
    business: `${instant.toFormat(fmt)} (${timezone})`,
    utc: instant.toUTC().toFormat("yyyy-MM-dd HH:mm:ss 'UTC'"),
    local: instant.setZone(localZone ?? 'local').toFormat(fmt),
    iso: instant.toUTC().toISO() ?? '',
  };
}
