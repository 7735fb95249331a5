/**
 * The shape and calendar check of an Eber expiry ("Y-m-d H:i:s"), without any time-zone work, so
 * computing a hash (the CLI's most common command) does not load the time-zone library.
 */
import { SignetInputError } from '../errors';

const EXPIRY_SHAPE = /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

export interface ExpiryFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysIn(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (leap years included); setUTCFullYear, unlike
  // Date.UTC, takes years below 100 literally.
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** The wall-clock fields of a well-formed, real expiry; otherwise why it is not one. */
export function readExpiry(text: string): { ok: true; fields: ExpiryFields } | { ok: false; reason: string } {
  if (!EXPIRY_SHAPE.test(text))
    return { ok: false, reason: 'not of the form YYYY-MM-DD HH:MM:SS (24-hour clock, 00–23)' };
  const fields: ExpiryFields = {
    year: Number(text.slice(0, 4)),
    month: Number(text.slice(5, 7)),
    day: Number(text.slice(8, 10)),
    hour: Number(text.slice(11, 13)),
    minute: Number(text.slice(14, 16)),
    second: Number(text.slice(17, 19)),
  };
  if (fields.month < 1 || fields.month > 12)
    return { ok: false, reason: `not a real date (there is no month ${text.slice(5, 7)})` };
  const days = daysIn(fields.year, fields.month);
  if (fields.day < 1 || fields.day > days) {
    return { ok: false, reason: `not a real date (${MONTHS[fields.month - 1]} ${fields.year} has ${days} days)` };
  }
  return { ok: true, fields };
}

export function assertExpiryFormat(text: string): void {
  const read = readExpiry(text);
  if (!read.ok) {
    throw new SignetInputError(
      'EXPIRY_FORMAT',
      `The expiry "${text.slice(0, 40)}" is ${read.reason}; the format is Y-m-d H:i:s, e.g. 2030-01-15 09:30:00.`,
      'expiry',
    );
  }
}
