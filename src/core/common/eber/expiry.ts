import { DateTime, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
import { SignetInputError } from '../errors';
import type { Explanation } from '../explain';
import { formatDuration } from '../format';
import { FORMAT_LOCALE } from '../time';
import { EBER_EXPIRY_FORMAT, EBER_URL_NOTES, EBER_VERIFY_WARNINGS, type EberVerifyWarning } from './constants';
import { readExpiry, type ExpiryFields } from './expiry-format';

export { assertExpiryFormat } from './expiry-format';

export function assertTimezone(timezone: string): void {
  if (hourCachedZone(timezone).isValid) return;
  throw new SignetInputError(
    'TIMEZONE_INVALID',
    `Unknown time zone "${timezone.slice(0, 64)}": use an IANA name such as Asia/Singapore or Europe/London.`,
    'timezone',
  );
}

/**
 * Where a zone's UTC offsets (minutes east of UTC at an epoch millisecond) come from when not from Intl: a
 * source answers a function for the zones it can serve exactly as Intl would, and null for the others.
 */
export type OffsetSource = (timezone: string) => ((ms: number) => number) | null;

let offsetSource: OffsetSource | null = null;

/**
 * Lets a host read offsets without Intl, and returns the source it replaces (to put back). Why: the first
 * Intl.DateTimeFormat loads ICU's locale data, about 17 ms, more than half of Node's own start-up, which a
 * one-shot `signet eber verify` would pay for a few offsets. null means Intl alone.
 */
export function useOffsetSource(source: OffsetSource | null): OffsetSource | null {
  const previous = offsetSource;
  offsetSource = source;
  cachedZones.clear();
  return previous;
}

export type ParsedExpiry =
  | {
      ok: true;
      /** The instant the link stops working, as PHP's DateTime::createFromFormat reads it (see readWallTime). */
      instant: DateTime;
      /** True when the wall-clock time does not exist in the zone (skipped by a DST change). */
      inDstGap: boolean;
      /**
       * Every instant this wall-clock time names in the zone, earliest first: one normally, two in an hour
       * repeated when clocks go back, none in a gap.
       */
      readings: DateTime[];
      /** The UTC offset PHP applied to the wall time, in minutes (in a gap, not the offset shown at the instant). */
      appliedOffsetMinutes: number;
    }
  | { ok: false; reason: string };

const HOUR_MS = 3_600_000;
/** Wider than any UTC offset (±15 h with historical local mean time), so it holds every reading of a wall time. */
const READING_WINDOW_MS = 16 * HOUR_MS;

/** Milliseconds since the epoch of the wall-clock fields read as if they were UTC. */
function wallAsUtc(f: ExpiryFields): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years below 100 literally.
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, 0);
  return d.getTime();
}

const offsetMs = (zone: Zone, ms: number): number => zone.offset(ms) * 60_000;

/**
 * An IANA zone whose offsets are cached per UTC hour: luxon asks Intl for every offset (formatToParts,
 * some microseconds), and reading an expiry takes three or four of them plus one per DateTime, which was
 * most of an Eber batch's time. An hour is cached only when the offset at its first and its last
 * millisecond agree (no change inside it: offsets change at most once within hours), so every answer
 * is the one the IANA zone gives. It is a luxon "iana" zone of the same name: a DateTime in it prints and
 * compares exactly as one in IANAZone.create(name). The offsets come from the host's OffsetSource when it
 * serves the zone, else from luxon's IANAZone (Intl), which is built only when needed.
 */
class HourCachedZone extends Zone {
  private readonly hours = new Map<number, number>();
  private intl: IANAZone | undefined;
  constructor(
    private readonly zoneName: string,
    private readonly fast: ((ms: number) => number) | null,
  ) {
    super();
  }
  private offsetAt(ms: number): number {
    return this.fast ? this.fast(ms) : this.iana().offset(ms);
  }
  private iana(): IANAZone {
    return (this.intl ??= IANAZone.create(this.zoneName));
  }
  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.zoneName;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    // A source serves only zones it knows; the others are as valid as Intl says.
    return this.fast !== null || this.iana().isValid;
  }
  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.iana().offsetName(ts, options);
  }
  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.iana().formatOffset(ts, format);
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.zoneName;
  }
  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    const cached = this.hours.get(hour);
    if (cached !== undefined) return cached;
    const start = this.offsetAt(hour * HOUR_MS);
    if (start !== this.offsetAt(hour * HOUR_MS + HOUR_MS - 1)) return this.offsetAt(ts);
    if (this.hours.size >= 100_000) this.hours.clear(); // bounded: a batch touches a few thousand hours
    this.hours.set(hour, start);
    return start;
  }
}

const cachedZones = new Map<string, HourCachedZone>();
/** The zone for a (valid or not) IANA name, its offsets cached per hour; shared per name. */
function hourCachedZone(timezone: string): HourCachedZone {
  let zone = cachedZones.get(timezone);
  if (zone === undefined) {
    zone = new HourCachedZone(timezone, offsetSource?.(timezone) ?? null);
    if (cachedZones.size >= 100) cachedZones.clear();
    cachedZones.set(timezone, zone);
  }
  return zone;
}

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
export function readWallTime(wall: number, zone: Zone): { instant: number; readings: number[] } {
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

/** parseExpiry's instants as epoch milliseconds: what judging a link needs, without a DateTime per reading. */
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
  return instantOfWall(wallAsUtc(read.fields), timezone);
}

/** A well-formed expiry's wall-clock time as milliseconds read as UTC (read once, then placed in zones), or null. */
export function expiryWall(text: string): number | null {
  const read = readExpiry(text);
  return read.ok ? wallAsUtc(read.fields) : null;
}

/** readExpiryInstant for a wall time already read (expiryWall): one text tried in many zones is read once. */
export function instantOfWall(wall: number, timezone: string): ExpiryInstant {
  const zone = hourCachedZone(timezone);
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

/** Reads `Y-m-d H:i:s` as wall-clock time in the business's time zone, choosing as PHP does. */
export function parseExpiry(text: string, timezone: string): ParsedExpiry {
  const r = readExpiryInstant(text, timezone);
  return r.ok ? withDateTimes(r, timezone) : r;
}

/** A reading already made (readExpiryInstant) with its instants as DateTimes: for text, never read twice. */
export function withDateTimes(r: Extract<ExpiryInstant, { ok: true }>, timezone: string): ParsedExpiry {
  const zone = hourCachedZone(timezone);
  const dt = DateTime.fromMillis(r.instantMs, { zone, locale: FORMAT_LOCALE });
  return {
    ok: true,
    instant: dt,
    inDstGap: r.inDstGap,
    readings: r.readingsMs.map((ms) =>
      ms === r.instantMs ? dt : DateTime.fromMillis(ms, { zone, locale: FORMAT_LOCALE }),
    ),
    appliedOffsetMinutes: r.appliedOffsetMinutes,
  };
}

/**
 * "GMT-5", "GMT+10:30": an offset as numbers, the same on every machine (luxon's ZZZZ asks Intl, which
 * writes "EDT" under an English locale and "GMT-4" under others, and loads ICU's locale data to do it).
 */
function formatOffset(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const a = Math.abs(minutes);
  const mm = a % 60;
  return `GMT${minutes < 0 ? '-' : '+'}${Math.floor(a / 60)}${mm ? `:${String(Math.round(mm)).padStart(2, '0')}` : ''}`;
}

/** "2030-11-03 01:30:00 GMT-4": an instant's wall-clock time in its zone, with the offset in force. */
function wallWithOffset(instant: DateTime): string {
  return `${instant.toFormat('yyyy-MM-dd HH:mm:ss')} ${formatOffset(instant.offset)}`;
}

/** "2030-11-03 01:30:00 GMT-4 = 2030-11-03 05:30:00 UTC" */
function bothClocks(instant: DateTime): string {
  return `${wallWithOffset(instant)} = ${instant.toUTC().toFormat("yyyy-MM-dd HH:mm:ss 'UTC'")}`;
}

/**
 * The warnings an expiry earns although it can be valid: EXPIRY_AMBIGUOUS (a repeated hour: both readings,
 * PHP's first) and EXPIRY_IN_GAP (a skipped hour: how PHP reads it). Empty for an ordinary expiry.
 */
export function expiryWarnings(
  text: string,
  parsed: ParsedExpiry,
  timezone: string,
): { code: EberVerifyWarning; kind: 'warning'; text: string }[] {
  if (!parsed.ok) return [];
  const here = `"${text}" in ${timezone}`;
  if (parsed.inDstGap) {
    const offset = formatOffset(parsed.appliedOffsetMinutes);
    return [
      {
        code: 'EXPIRY_IN_GAP',
        kind: 'warning',
        text: `${EBER_VERIFY_WARNINGS.EXPIRY_IN_GAP} Here ${here} does not exist; PHP applies the offset ${offset} and reads it as ${bothClocks(parsed.instant)}.`,
      },
    ];
  }
  if (parsed.readings.length < 2) return [];
  const php = parsed.readings.find((r) => r.toMillis() === parsed.instant.toMillis()) ?? parsed.instant;
  const others = parsed.readings.filter((r) => r !== php);
  return [
    {
      code: 'EXPIRY_AMBIGUOUS',
      kind: 'warning',
      text:
        `${EBER_VERIFY_WARNINGS.EXPIRY_AMBIGUOUS} Here ${here} is ${bothClocks(php)} (PHP's reading, used here)` +
        others.map((r) => ` or ${bothClocks(r)}`).join('') +
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
  const zone = hourCachedZone(timezone);
  // Adding minutes moves along real time, so a DST change inside the window is accounted for; the format has
  // whole seconds, so the lifetime is counted to the start of the second (as before: never later than asked).
  const target = Math.floor((now.getTime() + minutes * 60_000) / 1000) * 1000;
  const dateTime = (ms: number): DateTime => DateTime.fromMillis(ms, { zone, locale: FORMAT_LOCALE });
  const wallOf = (ms: number): string => dateTime(ms).toFormat(EBER_EXPIRY_FORMAT);
  const asked = parseExpiry(wallOf(target), timezone);
  if (!asked.ok || asked.readings.length < 2) return { expiry: wallOf(target), notes: [] };

  let at = endOfRepeat(zone, asked.readings);
  // Belt and braces: step on while the candidate still reads twice or reads earlier than the target.
  for (let guard = 0; guard < 4; guard++) {
    const p = parseExpiry(wallOf(at), timezone);
    if (p.ok && p.readings.length === 1 && p.readings[0]!.toMillis() >= target) break;
    at = p.ok && p.readings.length > 1 ? endOfRepeat(zone, p.readings) : at + 1000;
  }
  const expiry = wallOf(at);
  const utc = (d: DateTime): string => d.toUTC().toFormat("yyyy-MM-dd HH:mm:ss 'UTC'");
  return {
    expiry,
    notes: [
      {
        code: 'EXPIRY_MOVED',
        kind: 'warning',
        text:
          `${EBER_URL_NOTES.EXPIRY_MOVED} Here ${minutes} min from now is "${wallOf(target)}" in ${timezone}, ` +
          `which reads as ${asked.readings.map(utc).join(' or ')}; the link expires at "${expiry}" = ` +
          `${utc(dateTime(at))} instead, ${formatDuration((at - target) / 1000)} later than asked.`,
      },
    ],
  };
}

/**
 * The instant the wall clock leaves a repeated stretch, given its first two readings: the offset change lies
 * between them (found to the second), and the first wall-clock time after the repeat comes the amount the
 * clocks went back after the change.
 */
function endOfRepeat(zone: Zone, readings: DateTime[]): number {
  const [early, late] = [readings[0]!.toMillis(), readings[1]!.toMillis()];
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
  return expiryWarnings(expiry, parseExpiry(expiry, timezone), timezone);
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

/** viewsOfInstant for an instant in epoch milliseconds (an expiry already read). */
export function viewsAt(instantMs: number, timezone: string, localZone?: string): ExpiryViews {
  return viewsOfInstant(
    DateTime.fromMillis(instantMs, { zone: hourCachedZone(timezone), locale: FORMAT_LOCALE }),
    timezone,
    localZone,
  );
}

export function viewsOfInstant(instant: DateTime, timezone: string, localZone?: string): ExpiryViews {
  return {
    business: `${wallWithOffset(instant)} (${timezone})`,
    utc: instant.toUTC().toFormat("yyyy-MM-dd HH:mm:ss 'UTC'"),
    local: wallWithOffset(instant.setZone(localZone ?? 'local')),
    iso: instant.toUTC().toISO() ?? '',
  };
}
