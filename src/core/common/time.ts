/** Reading instants people type (verifier clocks): browser-safe, shared by the CLI, main and the batch. */
import { DateTime } from 'luxon';

/** Parses an ISO-8601 instant for `now`; null when it is not one. */
export function parseInstant(text: string): Date | null {
  const dt = DateTime.fromISO(text, { setZone: true });
  return dt.isValid ? dt.toJSDate() : null;
}
