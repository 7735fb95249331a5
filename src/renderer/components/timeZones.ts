/**
 * The time zones the pickers offer and how a search finds them: UTC and the fixed Etc/GMT offsets first,
 * then every IANA zone of this runtime, and the machine's own zone even when the runtime's list leaves it
 * out (Chromium's omits UTC and Etc/*). A search matches a zone's name or city ("kuala lumpur", "singapore")
 * or its offset now ("+08", "UTC-5", "gmt+5:30", "-03:30").
 */

/** The machine's own zone: the pickers' default. */
export const LOCAL_ZONE: string = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Etc/GMT-14 … Etc/GMT+12 (POSIX signs: Etc/GMT-8 is UTC+08:00), in offset order, east to west. */
const ETC_ZONES = Array.from({ length: 27 }, (_, i) => 14 - i).map((h) =>
  h === 0 ? 'Etc/GMT' : `Etc/GMT${h > 0 ? '-' : '+'}${Math.abs(h)}`,
);

let cache: readonly string[] | null = null;
/** Every zone offered, each once: UTC, the machine's zone, the Etc offsets, then the runtime's IANA list. */
export function timeZones(): readonly string[] {
  if (cache) return cache;
  let iana: string[] = [];
  try {
    iana = Intl.supportedValuesOf('timeZone');
  } catch {
    iana = [];
  }
  cache = [...new Set(['UTC', LOCAL_ZONE, ...ETC_ZONES, ...iana])];
  return cache;
}

const offsets = new Map<string, number | null>();
/** A zone's offset from UTC right now, in minutes (east positive); null for a zone this runtime does not know. */
export function offsetMinutes(zone: string, at = new Date()): number | null {
  const key = zone;
  if (offsets.has(key)) return offsets.get(key)!;
  let minutes: number | null = null;
  try {
    const name =
      new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
        .formatToParts(at)
        .find((p) => p.type === 'timeZoneName')?.value ?? '';
    const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name);
    if (m) minutes = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  } catch {
    minutes = null;
  }
  offsets.set(key, minutes);
  return minutes;
}

/** "UTC+08:00", "UTC−05:00", "UTC" — a zone's offset now, as people write it. */
export function offsetLabel(zone: string): string {
  const m = offsetMinutes(zone);
  if (m === null) return '';
  if (m === 0) return 'UTC±00:00';
  const abs = Math.abs(m);
  return `UTC${m < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The offset a search names ("+08", "UTC-5", "GMT+5:30", "-0330", "utc"), in minutes; null if it names none. */
export function searchedOffset(search: string): number | null {
  const s = search.trim().toLowerCase().replace(/\s+/g, '');
  if (s === 'utc' || s === 'gmt' || s === 'z') return 0;
  const m = /^(?:utc|gmt)?([+\-−])(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return null;
  const hours = Number(m[2]);
  const mins = Number(m[3] ?? 0);
  if (hours > 14 || mins > 59) return null;
  return (m[1] === '+' ? 1 : -1) * (hours * 60 + mins);
}

/** Whether a zone matches a search: by name or city (spaces for underscores, any case) or by its offset. */
export function zoneMatches(zone: string, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (q === '') return true;
  const offset = searchedOffset(q);
  if (offset !== null && offsetMinutes(zone) === offset) return true;
  const name = zone.toLowerCase().replace(/_/g, ' ');
  return name.includes(q.replace(/_/g, ' '));
}
