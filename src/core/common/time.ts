/** Reading instants people type (verifier clocks): browser-safe, shared by the CLI, main and the batch. */
import { DateTime } from 'luxon';

/**
 * The locale of every DateTime core makes. Core writes only machine formats (yyyy-MM-dd HH:mm:ss), the same
 * on every machine; and a DateTime given no locale asks Intl for the system's, which loads ICU's locale data
 * (~12 ms, a third of Node's start-up) in a one-shot CLI command.
 */
export const FORMAT_LOCALE = 'en-US';

/** Parses an ISO-8601 instant for `now`; null when it is not one. */
export function parseInstant(text: string): Date | null {
  const dt = DateTime.fromISO(text, { setZone: true, locale: FORMAT_LOCALE });
  return dt.isValid ? dt.toJSDate() : null;
}
