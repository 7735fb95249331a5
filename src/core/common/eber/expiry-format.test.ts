import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { EBER_EXPIRY_FORMAT } from './constants';
import { assertExpiryFormat, readExpiry } from './expiry-format';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('readExpiry (the calendar check without time zones)', () => {
  it('judges every well-shaped date exactly as luxon does (leap years, month lengths, year 0000–9999)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (year, month, day, hour, minute) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} ${pad(hour, 2)}:${pad(minute, 2)}:07`;
          const luxon = DateTime.fromFormat(text, EBER_EXPIRY_FORMAT, { zone: 'UTC' });
          expect(readExpiry(text).ok).toBe(luxon.isValid);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['2028-02-29 00:00:00', null],
    ['2030-02-29 00:00:00', 'not a real date (February 2030 has 28 days)'],
    ['2030-04-31 12:00:00', 'not a real date (April 2030 has 30 days)'],
    ['2030-13-01 12:00:00', 'not a real date (there is no month 13)'],
    ['2030-00-10 12:00:00', 'not a real date (there is no month 00)'],
    ['2030-01-00 12:00:00', 'not a real date (January 2030 has 31 days)'],
    ['2030-01-15 24:00:00', 'not of the form YYYY-MM-DD HH:MM:SS (24-hour clock, 00–23)'],
    ['2030-01-15T09:30:00', 'not of the form YYYY-MM-DD HH:MM:SS (24-hour clock, 00–23)'],
  ])('%s → %s', (text, reason) => {
    const r = readExpiry(text);
    expect(r.ok ? null : r.reason).toBe(reason);
  });

  it('assertExpiryFormat names the problem and the expected format', () => {
    expect(() => assertExpiryFormat('2030-02-30 00:00:00')).toThrow(
      'The expiry "2030-02-30 00:00:00" is not a real date (February 2030 has 28 days); the format is Y-m-d H:i:s, e.g. 2030-01-15 09:30:00.',
    );
    expect(() => assertExpiryFormat('2030-01-15 09:30:00')).not.toThrow();
  });
});
