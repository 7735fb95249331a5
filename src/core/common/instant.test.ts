import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRfc3339Instant } from './instant';
import { parseVerifierTime } from './options';

const two = (n: number) => String(n).padStart(2, '0');

describe('readRfc3339Instant (the CLI’s --now without luxon)', () => {
  it('answers exactly as parseVerifierTime wherever it answers, over random texts of its form (fields in and out of range)', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }),
        fc.oneof(
          fc.constant('Z'),
          fc
            .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
            .map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`),
        ),
        (y, mo, d, h, mi, s, fraction, zone) => {
          const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${fraction === undefined ? '' : `.${fraction}`}${zone}`;
          const fast = readRfc3339Instant(text);
          if (fast === null) return; // not answered: parseVerifierTime decides
          answered++;
          expect(fast.getTime(), text).toBe(parseVerifierTime(text, 'iso-8601')!.getTime());
        },
      ),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(500);
  });

  it('answers the everyday forms and leaves the rest to parseVerifierTime', () => {
    expect(readRfc3339Instant('2030-01-15T09:00:00Z')?.toISOString()).toBe('2030-01-15T09:00:00.000Z');
    expect(readRfc3339Instant('2030-01-15T09:00:00.25+08:00')?.toISOString()).toBe('2030-01-15T01:00:00.250Z');
    expect(readRfc3339Instant('0099-03-01T00:00:00-01:30')?.toISOString()).toBe('0099-03-01T01:30:00.000Z');
    for (const other of [
      '2030-01-15T09:00:00',
      '2030-02-30T00:00:00Z',
      '2030-01-15 09:00:00Z',
      '2030-01-15T09:00Z',
      '20300115T090000Z',
      '2030-01-15T24:00:00Z',
      '2030-01-15T09:00:00+0800',
      '',
    ])
      expect(readRfc3339Instant(other), other).toBeNull();
  });
});
