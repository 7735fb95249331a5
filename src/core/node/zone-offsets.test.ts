/**
 * The TZ offset source (zone-offsets.ts) against luxon's Intl offsets, the oracle it replaces: every zone it
 * serves, to the second, around every change and at seeded random instants; what it refuses; that it puts
 * TZ back; and that verdicts, warnings and views come out the same with either source.
 */
import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertTimezone, planExpiryInMinutes, useOffsetSource, viewsAt } from '../common/eber/expiry';
import { parseExpiry } from '../common/eber/expiry-luxon';
import { loadVectors } from '../../testing/vectors';
import { verifyEberUrl } from './eber/verify';
import { processTzOffsets } from './zone-offsets';
import { seeded } from '../../testing/seeded';

afterEach(() => {
  useOffsetSource(null);
  vi.restoreAllMocks();
});

const LISTED = Intl.supportedValuesOf('timeZone');
const FROM = Date.UTC(1850, 0, 1);
const TO = Date.UTC(2045, 0, 1);

describe('processTzOffsets', () => {
  it('gives every zone it serves the offsets Intl gives, to the second: seeded instants 1850–2045 and both sides of each change 2024–2031', () => {
    const random = seeded(20261121);
    const week = 7 * 86_400_000;
    let compared = 0;
    const wrong: string[] = [];
    for (const name of LISTED) {
      const fast = processTzOffsets(name);
      expect(fast, name).not.toBeNull();
      const intl = IANAZone.create(name);
      const check = (ms: number) => {
        compared++;
        if (fast!(ms) !== intl.offset(ms) && wrong.length < 10)
          wrong.push(`${name} ${new Date(ms).toISOString()}: ${fast!(ms)} vs Intl ${intl.offset(ms)}`);
      };
      for (let i = 0; i < 120; i++) check(FROM + Math.floor(random() * (TO - FROM)));
      for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2032, 0, 1); t += week) {
        if (intl.offset(t) === intl.offset(t + week)) continue;
        let [lo, hi] = [t, t + week];
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (intl.offset(mid) === intl.offset(t)) lo = mid;
          else hi = mid;
        }
        check(lo);
        check(hi);
      }
    }
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(LISTED.length * 120);
  });

  it('serves no name Intl does not list exactly (aliases, UTC, Etc/GMT±N, other letter case, unknown names): those stay with Intl', () => {
    for (const name of ['UTC', 'Etc/UTC', 'Etc/GMT+5', 'europe/london', 'US/Eastern', 'Nowhere/Else', ''])
      expect(processTzOffsets(name), name).toBeNull();
    useOffsetSource(processTzOffsets);
    // Still judged by Intl: the aliases are valid zones, the unknown name is not.
    expect(() => assertTimezone('Etc/GMT+5')).not.toThrow();
    expect(() => assertTimezone('US/Eastern')).not.toThrow();
    expect(() => assertTimezone('Nowhere/Else')).toThrow(/Unknown time zone "Nowhere\/Else"/);
    const etc = parseExpiry('2030-06-01 12:00:00', 'Etc/GMT+5');
    expect(etc.ok && etc.instant.toUTC().toISO()).toBe('2030-06-01T17:00:00.000Z');
  });

  it('serves nothing on Windows, where ICU takes the zone from the system rather than from TZ', () => {
    const platform = vi.spyOn(process, 'platform', 'get').mockReturnValue('win32');
    expect(processTzOffsets('Europe/London')).toBeNull();
    platform.mockRestore();
    expect(processTzOffsets('Europe/London')).not.toBeNull();
  });

  it('serves nothing in a worker thread, where TZ does not reach local time (its probe sees that), and Intl answers instead', async () => {
    // The worker loads zone-offsets.ts from source (tsx, as src/batch/worker-dev.mjs does).
    const code = [
      "import { parentPort } from 'node:worker_threads';",
      `import { register } from ${JSON.stringify(new URL('../../../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url).href)};`,
      'register();',
      `const m = await import(${JSON.stringify(new URL('./zone-offsets.ts', import.meta.url).href)});`,
      "process.env.TZ = 'Asia/Tokyo';",
      'const tokyoHours = new Date(Date.UTC(2030, 0, 1)).getHours();',
      "parentPort.postMessage({ served: m.processTzOffsets('Europe/London') !== null, tokyoHours });",
    ].join('\n');
    const { Worker } = await import('node:worker_threads');
    const answer = await new Promise<{ served: boolean; tokyoHours: number }>((resolve, reject) => {
      const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
      w.once('message', (m: { served: boolean; tokyoHours: number }) => {
        resolve(m);
        void w.terminate();
      });
      w.once('error', reject);
    });
    // The premise (TZ set in a worker leaves its local time alone) and the answer.
    expect(answer.tokyoHours).not.toBe(9);
    expect(answer.served).toBe(false);
  });

  it('puts the caller’s TZ back, set or unset, and local time reads as before', () => {
    const saved = process.env.TZ;
    try {
      const london = processTzOffsets('Europe/London')!;
      delete process.env.TZ;
      const before = new Date(0).getTimezoneOffset();
      expect(london(Date.UTC(2030, 6, 1))).toBe(60);
      expect('TZ' in process.env).toBe(false);
      expect(new Date(0).getTimezoneOffset()).toBe(before);
      process.env.TZ = 'Asia/Tokyo';
      expect(london(Date.UTC(2030, 0, 1))).toBe(0);
      expect(process.env.TZ).toBe('Asia/Tokyo');
      expect(new Date(0).getHours()).toBe(9);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('Eber expiries read with the TZ source', () => {
  const expiryVectors = JSON.parse(
    readFileSync(new URL('../../../vectors/eber-expiry.json', import.meta.url), 'utf8'),
  ) as { name: string; timezone: string; expiry: string; php: { utc: string; readings: string[] } }[];

  it('read every eber-expiry.json wall time as PHP 8.2 does (instant and every reading)', () => {
    useOffsetSource(processTzOffsets);
    for (const v of expiryVectors) {
      const p = parseExpiry(v.expiry, v.timezone);
      expect(p.ok, v.name).toBe(true);
      if (!p.ok) continue;
      const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
      expect(iso(p.instant.toMillis()), v.name).toBe(v.php.utc);
      expect(
        p.readings.map((r) => iso(r.toMillis())),
        v.name,
      ).toEqual(v.php.readings);
    }
  });

  it('give the same verdicts, warnings, explanations and views as Intl for every Eber vector and hint case', () => {
    const hints = JSON.parse(readFileSync(new URL('../../../vectors/eber-hints.json', import.meta.url), 'utf8')) as {
      url: string;
      secret: string;
      timezone: string;
      now: string;
    }[];
    const cases = [...loadVectors('eber-verify'), ...hints];
    const run = () =>
      cases.map((c) => verifyEberUrl({ url: c.url, secret: c.secret, timezone: c.timezone, now: new Date(c.now) }));
    const intl = run();
    useOffsetSource(processTzOffsets);
    const fast = run();
    expect(fast).toEqual(intl);
    expect(cases.length).toBeGreaterThan(40);
  });

  it('plan "expires in N minutes" across a repeated hour exactly as with Intl, and write views with numeric offsets', () => {
    const now = new Date('2030-11-03T05:10:00Z');
    const intl = planExpiryInMinutes(30, 'America/New_York', now);
    useOffsetSource(processTzOffsets);
    expect(planExpiryInMinutes(30, 'America/New_York', now)).toEqual(intl);
    expect(intl.notes.map((n) => n.code)).toEqual(['EXPIRY_MOVED']);
    expect(viewsAt(Date.UTC(2030, 6, 1, 11), 'America/New_York', 'Asia/Kolkata')).toEqual({
      business: '2030-07-01 07:00:00 GMT-4 (America/New_York)',
      utc: '2030-07-01 11:00:00 UTC',
      local: '2030-07-01 16:30:00 GMT+5:30',
      iso: '2030-07-01T11:00:00.000Z',
    });
  });

  it('build no Intl.DateTimeFormat (the ICU locale data a one-shot command would load at start)', () => {
    useOffsetSource(processTzOffsets);
    const built = vi.spyOn(Intl, 'DateTimeFormat');
    const r = verifyEberUrl({
      url: 'https://demo.eber.co/login/hmac?hmac_email=a%40b.c&hmac_hash=00&hmac_expiry_date=2030-10-27+01%3A30%3A00',
      secret: 's',
      timezone: 'Europe/London',
      now: new Date('2030-10-27T00:00:00Z'),
    });
    expect(r.codes).toContain('HASH_MALFORMED');
    expect(planExpiryInMinutes(90, 'Europe/London', new Date('2030-10-26T23:40:00Z')).notes).toHaveLength(1);
    expect(viewsAt(Date.UTC(2030, 9, 27, 1), 'Europe/London').business).toBe('2030-10-27 01:00:00 GMT (Europe/London)');
    expect(built).not.toHaveBeenCalled();
  });
});
