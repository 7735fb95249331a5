/**
 * UTC offsets read through the process's TZ instead of Intl.DateTimeFormat, for one-shot CLI commands.
 *
 * Why: the first Intl.DateTimeFormat loads ICU's locale data (~17 ms, half of `node -e 0`), and a single
 * `signet eber verify` needs it only for a few offsets. V8 reads local time from the same ICU zone data, and
 * Node resets V8's zone cache whenever process.env.TZ is set, so `new Date(ms)` read with its local getters
 * after `TZ=zone` gives the zone's offset, to the second, without ICU's locale data (zone-offsets.test.ts
 * holds it equal to luxon's Intl offsets for every zone the source serves, 1850–2045).
 *
 * Limits, each answered with null (the caller then uses Intl):
 * - wherever TZ does not reach V8's local time: Windows (ICU there takes the zone from the system) and
 *   worker threads (their process.env is their own copy, not the C environment ICU reads). Probed once per
 *   process with two zones of known offsets (no machine is in both), not assumed;
 * - names outside Intl.supportedValuesOf('timeZone') (exact, case-sensitive): an unknown TZ silently reads
 *   as UTC, so only names ICU lists are served; aliases, "UTC" and Etc/GMT±N go to Intl, which accepts them;
 * - TZ is process-wide: only a process that runs nothing else at the same time may use it (a one-shot
 *   command, never the batch or the app, whose other threads may read the environment). Each call puts
 *   the caller's TZ back before it returns.
 */
import { utcMsOf, type OffsetSource } from '../common/eber/zone';

let listed: ReadonlySet<string> | undefined;
let tzWorks: boolean | undefined;

/** The offset of `timezone` at `ms`, read through TZ; the caller's TZ is put back before it returns. */
function offsetThroughTz(timezone: string, ms: number): number {
  const saved = process.env.TZ;
  process.env.TZ = timezone;
  try {
    const d = new Date(ms);
    // The local wall clock read back as UTC, minus the instant.
    const wall = utcMsOf(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
    return (wall + d.getMilliseconds() - ms) / 60_000;
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

export const processTzOffsets: OffsetSource = (timezone) => {
  if (process.platform === 'win32') return null;
  const probe = Date.UTC(2030, 0, 1);
  tzWorks ??=
    offsetThroughTz('Asia/Tokyo', probe) === 9 * 60 && offsetThroughTz('America/Sao_Paulo', probe) === -3 * 60;
  if (!tzWorks) return null;
  listed ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (!listed.has(timezone)) return null;
  return (ms) => offsetThroughTz(timezone, ms);
};
