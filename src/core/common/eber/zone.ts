/**
 * A business's IANA time zone as numbers: its UTC offset at any instant, cached per hour, and wall-clock
 * text. No luxon here: reading and judging an expiry needs only offsets, and luxon (the largest module on
 * `signet eber verify`'s path, ~5 ms to load) is kept for code that works with DateTimes (expiry-luxon.ts).
 *
 * Offsets come from Intl, exactly as luxon's IANAZone reads them (formatToParts in en-US, h23; zone.test.ts
 * holds the two equal), unless the host registered a faster OffsetSource for the zone (the CLI's one-shot
 * commands: core/node/zone-offsets.ts).
 */

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
  zones.clear();
  return previous;
}

const HOUR_MS = 3_600_000;

/** Milliseconds since the epoch of wall-clock fields read as if they were UTC (years below 100 taken literally). */
export function utcMsOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** An Intl formatter for the zone, or null when Intl does not know it (what luxon's IANAZone.isValidZone asks). */
function intlFormatter(timezone: string): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat('en-US', {
      hourCycle: 'h23',
      timeZone: timezone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
}

/** The zone's offset at `ms` as Intl shows it: the wall clock it writes, read as UTC, minus the instant's second. */
function intlOffset(format: Intl.DateTimeFormat, ms: number): number {
  const f = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const p of format.formatToParts(ms)) {
    if (p.type === 'era') bc = p.value === 'BC' || p.value === 'B';
    else if (p.type in f) f[p.type as keyof typeof f] = Number(p.value);
  }
  const year = bc ? 1 - f.year : f.year;
  const wall = utcMsOf(year, f.month, f.day, f.hour === 24 ? 0 : f.hour, f.minute, f.second);
  // The formatter drops milliseconds, so the instant is taken to its second (towards the past).
  const second = ms - (((ms % 1000) + 1000) % 1000);
  return (wall - second) / 60_000;
}

/**
 * A zone's offsets, cached per UTC hour: an hour is cached only when the offset at its first and its last
 * millisecond agree (no change inside it: offsets change at most once within hours), so every answer is the
 * one its source gives. Intl asks are some microseconds each and a batch reads millions of expiries.
 */
export class ZoneClock {
  private readonly hours = new Map<number, number>();
  private readonly offsetAt: ((ms: number) => number) | null;
  constructor(readonly name: string) {
    const fast = offsetSource?.(name) ?? null;
    if (fast) this.offsetAt = fast;
    else {
      const format = intlFormatter(name);
      this.offsetAt = format && ((ms) => intlOffset(format, ms));
    }
  }
  /** False for a name no source knows: its offsets must not be asked for. */
  get isValid(): boolean {
    return this.offsetAt !== null;
  }
  /** Minutes east of UTC in force at the instant. */
  offset(ms: number): number {
    const at = this.offsetAt;
    if (at === null) throw new RangeError(`"${this.name.slice(0, 64)}" is not a time zone`);
    const hour = Math.floor(ms / HOUR_MS);
    const cached = this.hours.get(hour);
    if (cached !== undefined) return cached;
    const start = at(hour * HOUR_MS);
    if (start !== at(hour * HOUR_MS + HOUR_MS - 1)) return at(ms);
    if (this.hours.size >= 100_000) this.hours.clear(); // bounded: a batch touches a few thousand hours
    this.hours.set(hour, start);
    return start;
  }
}

const zones = new Map<string, ZoneClock>();

/** The zone for a (valid or not) IANA name, shared per name. */
export function zoneClock(timezone: string): ZoneClock {
  let zone = zones.get(timezone);
  if (zone === undefined) {
    zone = new ZoneClock(timezone);
    if (zones.size >= 100) zones.clear();
    zones.set(timezone, zone);
  }
  return zone;
}

const pad = (n: number, width: number): string =>
  n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0');

/** "yyyy-MM-dd HH:mm:ss" of a wall-clock time given as milliseconds read as UTC (luxon's toFormat, to the letter). */
export function wallText(wallMs: number): string {
  const d = new Date(wallMs);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
  );
}

/**
 * "GMT-5", "GMT+10:30": an offset as numbers, the same on every machine (luxon's ZZZZ asks Intl, which
 * writes "EDT" under an English locale and "GMT-4" under others, and loads ICU's locale data to do it).
 */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const a = Math.abs(minutes);
  const mm = a % 60;
  return `GMT${minutes < 0 ? '-' : '+'}${Math.floor(a / 60)}${mm ? `:${String(Math.round(mm)).padStart(2, '0')}` : ''}`;
}

/** "2030-11-03 01:30:00 GMT-4": an instant's wall-clock time at an offset, with the offset. */
export function wallWithOffset(ms: number, offsetMinutes: number): string {
  return `${wallText(ms + offsetMinutes * 60_000)} ${formatOffset(offsetMinutes)}`;
}

/** "2030-11-03 05:30:00 UTC" */
export function utcText(ms: number): string {
  return `${wallText(ms)} UTC`;
}
