/**
 * An expiry's readings as luxon DateTimes, for code that works with them (test packs, which write expiries in
 * other zones). The reading itself is expiry.ts's, in milliseconds; this only wraps its instants.
 */
import { DateTime } from 'luxon';
import { FORMAT_LOCALE } from '../time';
import { readExpiryInstant } from './expiry';

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

/** Reads `Y-m-d H:i:s` as wall-clock time in the business's time zone, choosing as PHP does. */
export function parseExpiry(text: string, timezone: string): ParsedExpiry {
  const r = readExpiryInstant(text, timezone);
  if (!r.ok) return r;
  const at = (ms: number) => DateTime.fromMillis(ms, { zone: timezone, locale: FORMAT_LOCALE });
  const instant = at(r.instantMs);
  return {
    ok: true,
    instant,
    inDstGap: r.inDstGap,
    readings: r.readingsMs.map((ms) => (ms === r.instantMs ? instant : at(ms))),
    appliedOffsetMinutes: r.appliedOffsetMinutes,
  };
}
