/**
 * Builds a QA test pack: the valid case, one case per catalogue mistake, the time cases and (mmob) a replayed
 * nonce, each with the verdict a verifier gives it at the pack's clock. Everything signs with the secret given;
 * the pack itself never carries it.
 */
import { isEberLocale, type EberIdentifierType } from '../../common/eber/constants';
import { assertTimezone, planExpiryInMinutes } from '../../common/eber/expiry';
import { wallText, zoneClock, type ZoneClock } from '../../common/eber/zone';
import { parseExpiry } from '../../common/eber/expiry-luxon';
import { SignetInputError } from '../../common/errors';
import { DEFAULT_TOLERANCE_SECONDS } from '../../common/product';
import type { Pack, PackCase, PackExpected } from '../../common/packs/types';
import { eberOrigin } from '../eber/url';
import { PLAUSIBLE_ZONES } from '../eber/verify';
import { mmobKey, newNonce, signMmob } from '../mmob/sign';
import { EBER_CATALOGUE, eberUrlWithHash, MMOB_CATALOGUE, type EberBase, type MmobBase } from './catalogue';
import { eberDigest } from '../eber/hash';

export interface MmobPackInput {
  secret: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  toleranceSeconds?: number | undefined;
}

export interface EberPackInput {
  secret: string;
  baseUrl: string;
  identifierType: EberIdentifierType;
  identifier: string;
  phoneCode?: string | undefined;
  timezone: string;
  locale?: string | undefined;
  /** The valid case's lifetime; default 30. */
  expiresInMinutes?: number | undefined;
}

const ok = (warnings: string[] = []): PackExpected => ({ valid: true, codes: [], hints: [], warnings });
const bad = (codes: string[], hints: string[] = []): PackExpected => ({ valid: false, codes, hints, warnings: [] });

export function generateMmobPack(input: MmobPackInput, now: Date = new Date()): Pack {
  mmobKey(input.secret);
  for (const f of ['cpId', 'cpDeploymentId'] as const)
    if (input[f].length === 0) throw new SignetInputError('FIELD_REQUIRED', `${f} is required.`, f);
  const tol = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isSafeInteger(tol) || tol < 1)
    throw new SignetInputError(
      'TOLERANCE_INVALID',
      'The tolerance must be a whole number of seconds ≥ 1.',
      'tolerance',
    );
  const nowS = Math.floor(now.getTime() / 1000);
  const fields = { cpId: input.cpId, cpDeploymentId: input.cpDeploymentId, email: input.email };
  const sign = (timestamp: number, nonce = newNonce()) =>
    signMmob({ secret: input.secret, ...fields, timestamp, nonce }).signature;
  /** Accepted from ts − tol to ts + tol (server clock); the countdown runs to the edge that matters next. */
  const until = (ts: number) => ({ at: (ts + tol) * 1000, label: 'stale in' });
  const cases: PackCase[] = [];
  const add = (c: Omit<PackCase, 'now' | keyof typeof fields>) => cases.push({ ...c, ...fields, now: nowS });
  const valid = sign(nowS);
  add({
    id: 'valid',
    kind: 'valid',
    hint: null,
    description: 'Correct signature, signed now.',
    expected: ok(),
    signature: valid,
    countdown: until(nowS),
  });
  const skipped: Pack['skipped'] = [];
  for (const entry of MMOB_CATALOGUE) {
    const base: MmobBase = { secret: input.secret, ...fields, timestamp: nowS, nonce: newNonce() };
    const signature = entry.inject(base);
    const id = `mistake-${entry.hint}`;
    if (signature === null) {
      skipped.push({ id, reason: entry.unusable });
      continue;
    }
    add({
      id,
      kind: 'mistake',
      hint: entry.hint,
      description: entry.description,
      expected: bad(entry.codes, [entry.hint]),
      signature,
      countdown: entry.codes.includes('TIMESTAMP_IN_FUTURE') ? null : until(nowS),
    });
  }
  const time = (
    id: string,
    ts: number,
    description: string,
    expected: PackExpected,
    countdown: PackCase['countdown'],
  ) => add({ id, kind: 'time', hint: null, description, expected, signature: sign(ts), countdown });
  time(
    'time-stale-over',
    nowS - tol - 1,
    `Timestamp ${tol + 1} s old (tolerance + 1 s): stale.`,
    bad(['TIMESTAMP_TOO_OLD']),
    null,
  );
  time(
    'time-stale-within',
    nowS - tol + 1,
    `Timestamp ${tol - 1} s old (tolerance − 1 s): still accepted.`,
    ok(),
    until(nowS - tol + 1),
  );
  time(
    'time-future-over',
    nowS + tol + 1,
    `Timestamp ${tol + 1} s ahead (tolerance + 1 s): in the future.`,
    bad(['TIMESTAMP_IN_FUTURE']),
    { at: (nowS + 1) * 1000, label: 'accepted in' },
  );
  time(
    'time-future-within',
    nowS + tol - 1,
    `Timestamp ${tol - 1} s ahead (tolerance − 1 s): accepted.`,
    ok(),
    until(nowS + tol - 1),
  );
  add({
    id: 'replay',
    kind: 'replay',
    hint: null,
    description: 'The valid signature sent a second time: its nonce was already used.',
    expected: bad(['NONCE_REUSED']),
    signature: valid,
    countdown: null,
    replayOf: 'valid',
  });
  return {
    scheme: 'mmob',
    generatedAt: new Date(nowS * 1000).toISOString(),
    identity: { ...fields },
    toleranceSeconds: tol,
    cases,
    skipped,
  };
}

/** The wall-clock text of an instant in the zone, as an expiry. */
function wall(ms: number, zone: ZoneClock): string {
  return wallText(ms + zone.offset(ms) * 60_000);
}

/**
 * A wall-clock time inside the next repeated hour (clocks going back) within a year, with the instant PHP
 * reads it as (the first reading), or null for a zone without one.
 */
export function nextRepeatedWallTime(timezone: string, nowMs: number): { expiry: string; firstReading: number } | null {
  const zone = zoneClock(timezone);
  const HOUR = 3_600_000;
  for (let t = nowMs; t < nowMs + 370 * 24 * HOUR; t += HOUR) {
    const before = zone.offset(t);
    const after = zone.offset(t + HOUR);
    if (after >= before) continue;
    let lo = t;
    let hi = t + HOUR; // offset(lo) = before, offset(hi) = after
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (zone.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    const backMs = (before - after) * 60_000;
    // Halfway into the repeat, on a whole minute: reads once before the change and once after it.
    const late = Math.floor((hi + backMs / 2) / 60_000) * 60_000;
    return { expiry: wall(late, zone), firstReading: late - backMs };
  }
  return null;
}

export function generateEberPack(input: EberPackInput, now: Date = new Date()): Pack {
  if (input.secret.length === 0) throw new SignetInputError('SECRET_EMPTY', 'The secret is empty.', 'secret');
  assertTimezone(input.timezone);
  const origin = eberOrigin(input.baseUrl);
  if (input.identifier.length === 0)
    throw new SignetInputError('IDENTIFIER_MISSING', 'The identifier is empty.', 'identifier');
  const phoneCode = input.phoneCode?.trim() ?? '';
  if (input.identifierType === 'phone' && !/^[A-Za-z]{2}$/.test(phoneCode))
    throw new SignetInputError(
      'PHONE_CODE_MISSING',
      'A phone identifier needs its country as a two-letter ISO 3166 code.',
      'phoneCode',
    );
  const locale = input.locale ?? '';
  if (locale && !isEberLocale(locale))
    throw new SignetInputError('LOCALE_UNSUPPORTED', `The locale "${locale.slice(0, 20)}" is not supported.`, 'locale');
  const zone = zoneClock(input.timezone);
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  const nowIso = new Date(nowMs).toISOString();
  const minutes = input.expiresInMinutes ?? 30;
  const planned = planExpiryInMinutes(minutes, input.timezone, new Date(nowMs));
  const baseOf = (expiry: string): EberBase => ({
    secret: input.secret,
    origin,
    identifierType: input.identifierType,
    identifier: input.identifier,
    phoneCode,
    expiry,
    locale,
    timezone: input.timezone,
    nowMs,
  });
  const urlFor = (expiry: string) =>
    eberUrlWithHash(baseOf(expiry), input.identifier, eberDigest(input.secret, input.identifier, expiry));
  /** The instant the expiry ends, as PHP (and so Signet's verifier) reads it. */
  const expiresAt = (expiry: string) => {
    const p = parseExpiry(expiry, input.timezone);
    return p.ok ? p.instant.toMillis() : nowMs;
  };
  const validUntil = { at: expiresAt(planned.expiry), label: 'expires in' };
  const cases: PackCase[] = [];
  const skipped: Pack['skipped'] = [];
  const add = (c: Omit<PackCase, 'now'>) => cases.push({ ...c, now: nowIso });
  add({
    id: 'valid',
    kind: 'valid',
    hint: null,
    description: `Correct URL, expiring in ${minutes} min.`,
    expected: ok(),
    url: urlFor(planned.expiry),
    countdown: validUntil,
  });
  for (const entry of EBER_CATALOGUE) {
    const url = entry.inject(baseOf(planned.expiry));
    const id = `mistake-${entry.hint}`;
    if (url === null) {
      skipped.push({ id, reason: entry.unusable });
      continue;
    }
    add({
      id,
      kind: 'mistake',
      hint: entry.hint,
      description: entry.description,
      expected: bad(entry.codes, [entry.hint]),
      url,
      countdown: validUntil,
    });
  }
  // A minute ago, or earlier when that wall-clock time also names an instant still to come (a repeated hour),
  // or when read in UTC or another common zone it would be valid for less time than it is past: the verifier
  // then names EXPIRY_IN_UTC / EXPIRY_IN_OTHER_ZONE, and this case is a link that simply ran out.
  const looksWrittenElsewhere = (expiry: string): boolean => {
    const past = nowMs - expiresAt(expiry);
    return ['UTC', ...PLAUSIBLE_ZONES].some((z) => {
      if (z === input.timezone) return false;
      const p = parseExpiry(expiry, z);
      const left = p.ok ? p.instant.toMillis() - nowMs : -1;
      return left > -60_000 && left < past + 60_000;
    });
  };
  let expiredAt = nowMs - 60_000;
  while (expiresAt(wall(expiredAt, zone)) >= nowMs || looksWrittenElsewhere(wall(expiredAt, zone)))
    expiredAt -= 15 * 60_000;
  const expired = wall(expiredAt, zone);
  add({
    id: 'time-expired',
    kind: 'time',
    hint: null,
    description: `Expired ${Math.round((nowMs - expiresAt(expired)) / 60_000)} min before the pack was made.`,
    expected: bad(['EXPIRED']),
    url: urlFor(expired),
    countdown: null,
  });
  const soon = planExpiryInMinutes(1, input.timezone, new Date(nowMs)).expiry;
  add({
    id: 'time-expiring',
    kind: 'time',
    hint: null,
    description: 'Expires 1 minute after the pack was made: open it quickly, then again after the countdown.',
    expected: ok(),
    url: urlFor(soon),
    countdown: { at: expiresAt(soon), label: 'expires in' },
  });
  const repeated = nextRepeatedWallTime(input.timezone, nowMs + 2 * 60_000);
  if (repeated === null) {
    skipped.push({
      id: 'time-repeated-hour',
      reason: `${input.timezone} has no repeated hour (clocks going back) in the next year`,
    });
  } else {
    add({
      id: 'time-repeated-hour',
      kind: 'time',
      hint: null,
      description: `Expiry ${repeated.expiry} falls in the repeated hour when clocks go back: it names two instants (the countdown runs to PHP's reading).`,
      expected: ok(['EXPIRY_AMBIGUOUS']),
      url: urlFor(repeated.expiry),
      countdown: { at: expiresAt(repeated.expiry), label: 'expires in' },
    });
  }
  return {
    scheme: 'eber',
    generatedAt: nowIso,
    identity: {
      baseUrl: origin,
      [input.identifierType]: input.identifier,
      ...(input.identifierType === 'phone' ? { phoneCode: phoneCode.toUpperCase() } : {}),
      ...(locale ? { locale } : {}),
    },
    timezone: input.timezone,
    cases,
    skipped,
  };
}
