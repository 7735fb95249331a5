/**
 * zone.ts against luxon, the oracle it replaces on the verify path: Intl offsets read the same way (every
 * zone Intl lists, plus aliases and fixed zones, to the second), the same zone names valid, and wall-clock
 * text written the same.
 */
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { EBER_EXPIRY_FORMAT } from './constants';
import { formatOffset, useOffsetSource, wallText, zoneClock } from './zone';
import { seeded } from '../../../testing/seeded';

const EXTRA = ['UTC', 'Etc/UTC', 'Etc/GMT+5', 'Etc/GMT-14', 'US/Eastern', 'Asia/Kolkata', 'europe/london', 'EST5EDT'];

describe('zoneClock (Intl)', () => {
  it('reads every zone’s offsets as luxon’s IANAZone does, to the second: seeded instants from year 1 to 9999', () => {
    useOffsetSource(null);
    const random = seeded(7);
    const [from, to] = [-62_135_596_800_000, 253_370_764_800_000]; // 0001-01-01 … 9999-01-01
    const wrong: string[] = [];
    for (const name of [...Intl.supportedValuesOf('timeZone'), ...EXTRA]) {
      const ours = zoneClock(name);
      const luxon = IANAZone.create(name);
      expect(ours.isValid, name).toBe(true);
      for (let i = 0; i < 60; i++) {
        const ms = from + Math.floor(random() * (to - from));
        if (ours.offset(ms) !== luxon.offset(ms) && wrong.length < 10)
          wrong.push(`${name} ${ms}: ${ours.offset(ms)} vs ${luxon.offset(ms)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('calls the same names invalid as luxon, and refuses to give their offsets', () => {
    for (const name of ['Nowhere/Else', 'Europe/Londres', '', 'GMT+25']) {
      expect(zoneClock(name).isValid, name).toBe(IANAZone.isValidZone(name));
      expect(zoneClock(name).isValid, name).toBe(false);
      expect(() => zoneClock(name).offset(0)).toThrow(RangeError);
    }
  });
});

describe('wallText and formatOffset', () => {
  it('write yyyy-MM-dd HH:mm:ss exactly as luxon’s toFormat, years 0 to 9999 (seeded)', () => {
    const random = seeded(11);
    const [from, to] = [-62_167_219_200_000, 253_402_300_799_000]; // 0000-01-01 … 9999-12-31T23:59:59Z
    for (let i = 0; i < 5000; i++) {
      const ms = from + Math.floor(random() * (to - from));
      expect(wallText(ms)).toBe(DateTime.fromMillis(ms, { zone: 'UTC', locale: 'en-US' }).toFormat(EBER_EXPIRY_FORMAT));
    }
  });

  it('write offsets as numbers: GMT, GMT+1, GMT-4, GMT+5:30, GMT+12:45', () => {
    expect([0, 60, -240, 330, 765, -570].map(formatOffset)).toEqual([
      'GMT',
      'GMT+1',
      'GMT-4',
      'GMT+5:30',
      'GMT+12:45',
      'GMT-9:30',
    ]);
  });
});
