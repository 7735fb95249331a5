import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isErrorCode, namedFor, SignetError, SignetInputError } from './errors';
import { parseVerifierTime, requireTimezone, resolveExpiry, resolveExpiryWithNotes } from './options';

const CLI = { expiry: '--expiry', expiresInMinutes: '--expires-in', timezone: '--timezone', now: '--now' };
const thrown = (f: () => unknown): SignetError => {
  try {
    f();
  } catch (e) {
    if (e instanceof SignetError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('resolveExpiry', () => {
  const now = new Date('2030-01-15T01:00:00Z');
  it('returns a fixed expiry as given, none for an empty one, and N minutes in the business zone', () => {
    expect(resolveExpiry({ expiry: '2030-01-15 09:30:00' }, now)).toBe('2030-01-15 09:30:00');
    expect(resolveExpiry({ expiry: '' }, now)).toBeUndefined();
    expect(resolveExpiry({}, now)).toBeUndefined();
    expect(resolveExpiry({ expiresInMinutes: 30, timezone: 'Asia/Singapore' }, now)).toBe('2030-01-15 09:30:00');
  });
  it('refuses both forms at once, and minutes without a zone, naming the field for each front end', () => {
    const both = thrown(() => resolveExpiry({ expiry: '2030-01-15 09:30:00', expiresInMinutes: 5 }, now));
    expect([both.code, both.field]).toEqual(['EXPIRY', 'expiry']);
    expect(both.message).toBe('Give an expiry or "expires in N minutes", not both.');
    expect(namedFor(both, CLI)).toBe('Give --expiry or --expires-in, not both.');
    const noZone = thrown(() => resolveExpiry({ expiresInMinutes: 5 }, now));
    expect([noZone.code, noZone.field]).toEqual(['TIMEZONE_REQUIRED', 'timezone']);
    expect(namedFor(noZone, CLI)).toBe('--expires-in needs --timezone, e.g. Asia/Singapore.');
  });
  it('moves "N minutes from now" out of a repeated hour and notes it; notes a fixed expiry only when the zone is given', () => {
    // 05:50Z + 30 min is 01:20 EDT on New York's fall-back day; PHP would read "01:20:00" as 05:20Z, already past.
    const moved = resolveExpiryWithNotes(
      { expiresInMinutes: 30, timezone: 'America/New_York' },
      new Date('2030-11-03T05:50:00Z'),
    );
    expect(moved.expiry).toBe('2030-11-03 02:00:00');
    expect(moved.notes.map((n) => [n.code, n.kind])).toEqual([['EXPIRY_MOVED', 'warning']]);
    expect(
      resolveExpiry({ expiresInMinutes: 30, timezone: 'America/New_York' }, new Date('2030-11-03T05:50:00Z')),
    ).toBe('2030-11-03 02:00:00');
    expect(resolveExpiryWithNotes({ expiresInMinutes: 30, timezone: 'Asia/Singapore' }, now)).toEqual({
      expiry: '2030-01-15 09:30:00',
      notes: [],
    });
    const fixed = resolveExpiryWithNotes({ expiry: '2030-11-03 01:30:00', timezone: 'America/New_York' }, now);
    expect([fixed.expiry, fixed.notes.map((n) => n.code)]).toEqual(['2030-11-03 01:30:00', ['EXPIRY_AMBIGUOUS']]);
    expect(resolveExpiryWithNotes({ expiry: '2030-11-03 01:30:00' }, now).notes).toEqual([]);
    expect(
      thrown(() => resolveExpiryWithNotes({ expiry: '2030-11-03 01:30:00', timezone: 'Mars/Olympus' }, now)).code,
    ).toBe('TIMEZONE_INVALID');
  });
});

describe('requireTimezone and parseVerifierTime', () => {
  it('requires a real IANA zone', () => {
    expect(requireTimezone('Europe/London')).toBe('Europe/London');
    expect(thrown(() => requireTimezone(undefined)).code).toBe('TIMEZONE_REQUIRED');
    expect(thrown(() => requireTimezone('Mars/Olympus')).code).toBe('TIMEZONE_INVALID');
  });
  it('reads Unix seconds and ISO 8601 instants, and says which form it wanted', () => {
    expect(parseVerifierTime(undefined, 'iso-8601')).toBeUndefined();
    expect(parseVerifierTime('1735689600', 'unix-seconds')?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(parseVerifierTime('2030-01-15T09:00:00+08:00', 'iso-8601')?.toISOString()).toBe('2030-01-15T01:00:00.000Z');
    const bad = thrown(() => parseVerifierTime('yesterday', 'unix-seconds'));
    expect([bad.code, bad.field]).toEqual(['NOW_INVALID', 'now']);
    expect(namedFor(bad, CLI)).toBe('--now "yesterday" is not whole Unix seconds.');
    expect(thrown(() => parseVerifierTime('yesterday', 'iso-8601')).message).toBe(
      'The verifier time "yesterday" is not an ISO 8601 instant such as 2030-01-15T01:00:00Z.',
    );
  });
  it('refuses an ISO time without Z or an offset rather than read it in the machine’s zone', () => {
    for (const t of ['2030-01-15T09:00:00', '2030-01-15T09:00', '2030-01-15']) {
      const e = thrown(() => parseVerifierTime(t, 'iso-8601'));
      expect([e.code, e.field]).toEqual(['NOW_INVALID', 'now']);
      expect(namedFor(e, CLI)).toBe(
        `--now "${t}" has no UTC offset, and Signet never reads it in this machine's time zone: add Z or an offset, e.g. 2030-01-15T09:00:00Z or 2030-01-15T09:00:00+08:00.`,
      );
    }
    expect(parseVerifierTime('2030-01-15T09:00:00z', 'iso-8601')?.toISOString()).toBe('2030-01-15T09:00:00.000Z');
    expect(parseVerifierTime('2030-01-15T09:00:00-0500', 'iso-8601')?.toISOString()).toBe('2030-01-15T14:00:00.000Z');
    expect(parseVerifierTime('2030-01-15T09:00+05:45', 'iso-8601')?.toISOString()).toBe('2030-01-15T03:15:00.000Z');
  });
  it('never reads the user’s own text as a field token', () => {
    const e = thrown(() => parseVerifierTime('{now}{timezone}%s', 'iso-8601'));
    expect(namedFor(e, CLI)).toBe('--now "{now}{timezone}%s" is not an ISO 8601 instant such as 2030-01-15T01:00:00Z.');
  });
});

describe('the error model', () => {
  it('declares every code once with a kind and a meaning; unknown codes are not codes', () => {
    for (const [code, { kind, meaning }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(['input', 'record', 'usage', 'request']).toContain(kind);
      expect(meaning.length).toBeGreaterThan(10);
    }
    expect(isErrorCode('SECRET_EMPTY')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });
  it('defaults the message to the code’s meaning and keeps the field', () => {
    const e = new SignetInputError('SECRET_EMPTY', undefined, 'secret');
    expect([e.message, e.field, e.name]).toEqual([ERROR_CODES.SECRET_EMPTY.meaning, 'secret', 'SignetInputError']);
    expect(e).toBeInstanceOf(SignetError);
  });
});
