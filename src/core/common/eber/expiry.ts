/**
 * Reading an Eber expiry ("Y-m-d H:i:s", the business's wall clock) as PHP does, and what to say about it
 * (repeated hours, DST gaps, "expires in N minutes"): all in epoch milliseconds and zone offsets (zone.ts),
 * so judging a link loads no date library. expiry-luxon.ts gives the same readings as luxon DateTimes.
 */
import { SignetInputError } from '../errors';
import type { Explanation } from '../explain';
import { formatDuration } from '../format';
import { EBER_URL_NOTES, EBER_VERIFY_WARNINGS, type EberVerifyWarning } from './constants';
import { readExpiry, type ExpiryFields } from './expiry-format';
import { formatOffset, utcMsOf, utcText, wallText, wallWithOffset, zoneClock, type ZoneClock } from './zone';

export { assertExpiryFormat } from './expiry-format';
export { useOffsetSource, type OffsetSource } from './zone';

export function assertTimezone(timezone: string): void {
  if (zoneClock(timezone).isValid) return;
  throw new SignetInputError(
    'TIMEZONE_INVALID',
    `Unknown time zone "${timezone.slice(0, 64)}": use an IANA name such as Asia/Singapore or Europe/London.`,
    'timezone',
  );
}

const HOUR_MS = 3_600_000;
/** Wider than any UTC offset (±15 h with historical local mean time), so it holds every reading of a wall time. */
const READING_WINDOW_MS = 16 * HOUR_MS;

const wallOfFields = (f: ExpiryFields): number => utcMsOf(f.year, f.month, f.day, f.hour, f.minute, f.second);
const offsetMs = (zone: ZoneClock, ms: number): number => zone.offset(ms) * 60_000;

/**
 * Reads a wall-clock time (given as milliseconds of the wall time read as UTC) in a zone exactly as PHP 8.2
 * does (`DateTime::createFromFormat('Y-m-d H:i:s', $t, new DateTimeZone($tz))`, timelib's do_adjust_timezone):
 *
 * - `before` is the offset in force at the wall time read as if it were UTC, `after` the offset in force at
 *   the instant `wall - before`;
 * - equal: that offset (in a repeated hour this picks EDT in New York, GMT in London, AEST in Sydney);
 * - different: `after`, unless `wall - after` falls before the change that started `after` ("in
 *   transition"), then `before`. In a gap both paths apply the offset in force before the clocks went
 *   forward, so PHP reads 02:30 in a skipped hour as 03:30 after it.
 *
 * Checked against php 8.2 by vectors/eber-expiry.json and the php property test. Assumes at most one
 * offset change within 16 hours of the wall time (true of every zone since 1970).
 */
export function readWallTime(wall: number, zone: ZoneClock): { instant: number; readings: number[] } {
  const early = offsetMs(zone, wall - READING_WINDOW_MS);
  const late = offsetMs(zone, wall + READING_WINDOW_MS);
  if (early === late) return { instant: wall - early, readings: [wall - early] };
  const readings = [...new Set([early, late])]
    .map((o) => wall - o)
    .filter((instant) => offsetMs(zone, instant) === wall - instant)
    .sort((a, b) => a - b);
  const before = offsetMs(zone, wall);
  const first = wall - before;
  const after = offsetMs(zone, first);
  if (after === before) return { instant: first, readings };
  const second = wall - after;
  const inTransition = second < first && offsetMs(zone, second) !== after;
  return { instant: inTransition ? first : second, readings };
}

/** An expiry read in a zone, as epoch milliseconds (expiry-luxon.ts gives the same as DateTimes). */
export type ExpiryInstant =
  | { ok: true; instantMs: number; readingsMs: number[]; inDstGap: boolean; appliedOffsetMinutes: number }
  | { ok: false; reason: string };

/**
 * parseExpiry's reading as numbers. A batch reads one expiry per record (and, for an expired link, one per
 * plausible zone): luxon DateTime objects there were most of an Eber batch's time, while the offsets
 * underneath are cached per hour, so this costs a few map lookups.
 */
export function readExpiryInstant(text: string, timezone: string): ExpiryInstant {
  const read = readExpiry(text);
  if (!read.ok) return read;
  // From numbers, not DateTime.fromFormat: the shape and the calendar are already checked.
  return instantOfWall(wallOfFields(read.fields), timezone);
}

/** A well-formed expiry's wall-clock time as milliseconds read as UTC (read once, then placed in zones), or null. */
export function expiryWall(text: string): number | null {
  const read = readExpiry(text);
  return read.ok ? wallOfFields(read.fields) : null;
}

/** readExpiryInstant for a wall time already read (expiryWall): one text tried in many zones is read once. */
export function instantOfWall(wall: number, timezone: string): ExpiryInstant {
  const zone = zoneClock(timezone);
  if (!zone.isValid) return { ok: false, reason: `"${timezone.slice(0, 64)}" is not a time zone` };
  const { instant, readings } = readWallTime(wall, zone);
  return {
    ok: true,
    instantMs: instant,
    readingsMs: readings,
    inDstGap: readings.length === 0,
    appliedOffsetMinutes: (wall - instant) / 60_000,
  };
}

/** "2030-11-03 01:30:00 GMT-4 = 2030-11-03 05:30:00 UTC" */
function bothClocks(ms: number, zone: ZoneClock): string {
  return `${wallWithOffset(ms, zone.offset(ms))} = ${utcText(ms)}`;
}

/**
 * The warnings an expiry earns although it can be valid: EXPIRY_AMBIGUOUS (a repeated hour: both readings,
 * PHP's first) and EXPIRY_IN_GAP (a skipped hour: how PHP reads it). Empty for an ordinary expiry.
 */
export function expiryWarnings(
  text: string,
  read: ExpiryInstant,
  timezone: string,
): { code: EberVerifyWarning; kind: 'warning'; text: string }[] {
  if (!read.ok) return [];
  const zone = zoneClock(timezone);
  const here = `"${text}" in ${timezone}`;
  if (read.inDstGap) {
    const offset = formatOffset(read.appliedOffsetMinutes);
    return [
      {
        code: 'EXPIRY_IN_GAP',
        kind: 'warning',
        text: `${EBER_VERIFY_WARNINGS.EXPIRY_IN_GAP} Here ${here} does not exist; PHP applies the offset ${offset} and reads it as ${bothClocks(read.instantMs, zone)}.`,
      },
    ];
  }
  if (read.readingsMs.length < 2) return [];
  const others = read.readingsMs.filter((r) => r !== read.instantMs);
  return [
    {
      code: 'EXPIRY_AMBIGUOUS',
      kind: 'warning',
      text:
        `${EBER_VERIFY_WARNINGS.EXPIRY_AMBIGUOUS} Here ${here} is ${bothClocks(read.instantMs, zone)} (PHP's reading, used here)` +
        others.map((r) => ` or ${bothClocks(r, zone)}`).join('') +
        '.',
    },
  ];
}
/** An expiry to sign and what to tell the person about it. */
export interface PlannedExpiry {
  expiry: string;
  /** EXPIRY_MOVED, EXPIRY_AMBIGUOUS or EXPIRY_IN_GAP, as data (kind "warning"); empty when there is nothing to say. */
  notes: Explanation[];
}

/** "Expires in N minutes", written as the business's wall-clock time (see planExpiryInMinutes). */
export function expiryInMinutes(minutes: number, timezone: string, now: Date = new Date()): string {
  return planExpiryInMinutes(minutes, timezone, now).expiry;
}

/**
 * "Expires in N minutes" as the business's wall-clock time, never inside a repeated hour: when the time N
 * minutes on reads twice, it moves to the nearest wall-clock time whose every reading leaves at least N
 * minutes (the first one after the repeated hour) and says so. Counting real time never lands in a gap.
 */
export function planExpiryInMinutes(minutes: number, timezone: string, now: Date = new Date()): PlannedExpiry {
  assertTimezone(timezone);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 525_600) {
    throw new SignetInputError(
      'EXPIRY_MINUTES',
      'Minutes until expiry must be between 1 and 525600 (one year).',
      'expiry',
    );
  }
  const zone = zoneClock(timezone);
  // Adding minutes moves along real time, so a DST change inside the window is accounted for; the format has
  // whole seconds, so the lifetime is counted to the start of the second (as before: never later than asked).
  const target = Math.floor((now.getTime() + minutes * 60_000) / 1000) * 1000;
  const wallOf = (ms: number): string => wallText(ms + offsetMs(zone, ms));
  const asked = readExpiryInstant(wallOf(target), timezone);
  if (!asked.ok || asked.readingsMs.length < 2) return { expiry: wallOf(target), notes: [] };

  let at = endOfRepeat(zone, asked.readingsMs);
  // Belt and braces: step on while the candidate still reads twice or reads earlier than the target.
  for (let guard = 0; guard < 4; guard++) {
    const p = readExpiryInstant(wallOf(at), timezone);
    if (p.ok && p.readingsMs.length === 1 && p.readingsMs[0]! >= target) break;
    at = p.ok && p.readingsMs.length > 1 ? endOfRepeat(zone, p.readingsMs) : at + 1000;
  }
  const expiry = wallOf(at);
  return {
    expiry,
    notes: [
      {
        code: 'EXPIRY_MOVED',
        kind: 'warning',
        text:
          `${EBER_URL_NOTES.EXPIRY_MOVED} Here ${minutes} min from now is "${wallOf(target)}" in ${timezone}, ` +
          `which reads as ${asked.readingsMs.map(utcText).join(' or ')}; the link expires at "${expiry}" = ` +
          `${utcText(at)} instead, ${formatDuration((at - target) / 1000)} later than asked.`,
      },
    ],
  };
}

/**
 * The instant the wall clock leaves a repeated stretch, given its first two readings: the offset change lies
 * between them (found to the second), and the first wall-clock time after the repeat comes the amount the
 * clocks went back after the change.
 */
function endOfRepeat(zone: ZoneClock, readings: readonly number[]): number {
  const [early, late] = [readings[0]!, readings[1]!];
  const before = offsetMs(zone, early);
  let lo = early;
  let hi = late;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetMs(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi + (before - offsetMs(zone, hi));
}

/** The notes a fixed expiry earns in a zone: EXPIRY_AMBIGUOUS or EXPIRY_IN_GAP (the expiry is kept as given). */
export function fixedExpiryNotes(expiry: string, timezone: string): Explanation[] {
  assertTimezone(timezone);
  return expiryWarnings(expiry, readExpiryInstant(expiry, timezone), timezone);
}

export interface ExpiryViews {
  business: string;
  utc: string;
  local: string;
  iso: string;
}

/** The same expiry instant shown in business time, UTC and this machine's local time. */
export function expiryViews(text: string, timezone: string, localZone?: string): ExpiryViews | null {
  const read = readExpiryInstant(text, timezone);
  return read.ok ? viewsAt(read.instantMs, timezone, localZone) : null;
}

/**
 * An instant shown in business time, UTC and local time: the local zone named (an IANA name, e.g. the app's
 * display zone) or else this process's own, read from Date as luxon's "local" zone does.
 */
export function viewsAt(instantMs: number, timezone: string, localZone?: string): ExpiryViews {
  const localOffset = localZone ? zoneClock(localZone).offset(instantMs) : -new Date(instantMs).getTimezoneOffset();
  return {
    business: `${wallWithOffset(instantMs, zoneClock(timezone).offset(instantMs))} (${timezone})`,
    utc: utcText(instantMs),
    local: wallWithOffset(instantMs, localOffset),
    iso: new Date(instantMs).toISOString(),
  };
}
