/**
 * Reading an Eber expiry as the PHP server does, around DST changes: PHP-computed vectors
 * (vectors/eber-expiry.json), a property test against a live `php` where one is installed, the verify
 * warnings, the URL builder's moves, and the built CLI giving one answer whatever the machine's zone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/program';
import { eberDigest } from '../../node/eber/hash';
import { buildEberUrl } from '../../node/eber/url';
import { verifyEberUrl } from '../../node/eber/verify';
import { PROJECT_ROOT } from '../../../testing/vectors';
import { resolveExpiryWithNotes } from '../options';
import { EBER_VERIFY_WARNINGS } from './constants';
import { planExpiryInMinutes } from './expiry';
import { parseExpiry } from './expiry-luxon';
import { seeded } from '../../../testing/seeded';

interface ExpiryVector {
  name: string;
  timezone: string;
  expiry: string;
  kind: 'single' | 'repeated' | 'gap';
  php: { utc: string; shownAs: string; readings: string[] };
  computedWith: string;
}

const VECTORS = JSON.parse(readFileSync(join(PROJECT_ROOT, 'vectors/eber-expiry.json'), 'utf8')) as ExpiryVector[];
const utcOf = (d: DateTime): string => d.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

function reading(expiry: string, timezone: string) {
  const p = parseExpiry(expiry, timezone);
  if (!p.ok) throw new Error(`${expiry} did not parse: ${p.reason}`);
  return p;
}

describe('vectors/eber-expiry.json: Signet reads each expiry as PHP 8.2 does', () => {
  it('has the zones the issue asks for, each vector with the php command that computed it', () => {
    const zones = new Set(VECTORS.map((v) => v.timezone));
    for (const z of [
      'America/New_York',
      'Europe/London',
      'Australia/Sydney',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Singapore',
    ])
      expect(zones).toContain(z);
    for (const v of VECTORS) expect(v.computedWith).toMatch(/^php -r '.*createFromFormat\("Y-m-d H:i:s", \$t, \$tz\)/);
    expect(VECTORS.filter((v) => v.kind === 'repeated').length).toBeGreaterThanOrEqual(10);
    expect(VECTORS.filter((v) => v.kind === 'gap').length).toBeGreaterThanOrEqual(10);
  });
  for (const v of VECTORS) {
    it(v.name, () => {
      const p = reading(v.expiry, v.timezone);
      expect(utcOf(p.instant)).toBe(v.php.utc);
      expect(p.readings.map(utcOf)).toEqual(v.php.readings);
      expect(p.inDstGap).toBe(v.kind === 'gap');
    });
  }
});

// ---- the property test against a live php -----------------------------------------------------------------
const PHP = spawnSync('php', ['-v'], { encoding: 'utf8' });
const HAVE_PHP = PHP.status === 0 && /^PHP 8\./.test(PHP.stdout);
const SKIP_REASON =
  'SKIPPED: the PHP property test of Eber expiry readings needs php 8 on PATH (Debian: apt-get install php-cli); ' +
  (PHP.error
    ? `php could not be started (${PHP.error.message})`
    : `php -v said: ${(PHP.stdout || PHP.stderr).slice(0, 80)}`);
if (!HAVE_PHP) console.warn(`\n*** ${SKIP_REASON} ***\n`);

/** Every UTC offset change of a zone between two instants (to the second), from the zone data luxon reads. */
function transitions(timezone: string, from: number, to: number): { at: number; before: number; after: number }[] {
  const zone = IANAZone.create(timezone);
  const off = (ms: number) => zone.offset(ms);
  const week = 7 * 86_400_000;
  const found: { at: number; before: number; after: number }[] = [];
  for (let t = from; t < to; t += week) {
    if (off(t) === off(t + week)) continue;
    let [lo, hi] = [t, t + week];
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (off(mid) === off(t)) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before: off(lo), after: off(hi) });
  }
  return found;
}

const PROPERTY_ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Dublin',
  'Australia/Sydney',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'America/St_Johns',
  'America/Havana',
  'Asia/Jerusalem',
  'Africa/Cairo',
  'Asia/Tokyo',
];

describe('Signet reads random wall times around DST changes as a live php does', () => {
  it.skipIf(!HAVE_PHP)('agrees with php 8 DateTime::createFromFormat in 14 zones, 2026–2045 (one php process)', () => {
    const seed = 20301103;
    const random = seeded(seed);
    const cases: { timezone: string; expiry: string }[] = [];
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2046, 0, 1);
    for (const timezone of PROPERTY_ZONES) {
      const changes = transitions(timezone, from, to);
      // Plain days too, for the zone without DST (and as a control elsewhere).
      for (let i = 0; i < 20; i++) changes.push({ at: from + Math.floor(random() * (to - from)), before: 0, after: 0 });
      for (const c of changes) {
        for (let i = 0; i < 12; i++) {
          // Wall times within three hours either side of the change, as the wall clock shows it before or after.
          const offset = random() < 0.5 ? c.before : c.after;
          const wall = c.at + offset * 60_000 + Math.floor((random() * 6 - 3) * 3600) * 1000;
          cases.push({ timezone, expiry: DateTime.fromMillis(wall, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm:ss') });
        }
      }
    }
    const script =
      'while (($l = fgets(STDIN)) !== false) { [$tz, $t] = explode("\\t", rtrim($l, "\\n")); ' +
      '$d = DateTime::createFromFormat("Y-m-d H:i:s", $t, new DateTimeZone($tz)); echo $d->getTimestamp(), "\\n"; }';
    const php = spawnSync('php', ['-r', script], {
      input: cases.map((c) => `${c.timezone}\t${c.expiry}\n`).join(''),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(php.status, php.stderr).toBe(0);
    const answers = php.stdout.trim().split('\n');
    expect(answers).toHaveLength(cases.length);
    const wrong = cases
      .map((c, i) => ({
        ...c,
        php: Number(answers[i]) * 1000,
        signet: reading(c.expiry, c.timezone).instant.toMillis(),
      }))
      .filter((c) => c.php !== c.signet)
      .map(
        (c) =>
          `${c.timezone} ${c.expiry}: php ${new Date(c.php).toISOString()}, signet ${new Date(c.signet).toISOString()}`,
      );
    expect(wrong.slice(0, 10), `seed ${seed}, ${cases.length} cases`).toEqual([]);
    expect(cases.length).toBeGreaterThan(3000);
  });
});

// ---- verify warnings --------------------------------------------------------------------------------------
const SECRET = 'Expiry-Test-Key';
const urlWith = (expiry: string) =>
  `https://demo.eber.co/login/hmac?hmac_email=a%40b.co&hmac_hash=${eberDigest(SECRET, 'a@b.co', expiry)}&hmac_expiry_date=${encodeURIComponent(expiry)}`;

describe('verifyEberUrl around DST changes', () => {
  it('uses PHP’s reading of a repeated hour (New York: EDT) and warns EXPIRY_AMBIGUOUS with both readings, PHP’s first', () => {
    const url = urlWith('2030-11-03 01:30:00');
    const at = (iso: string) =>
      verifyEberUrl({ url, secret: SECRET, timezone: 'America/New_York', now: new Date(iso) });
    const before = at('2030-11-03T05:30:00Z');
    expect([before.valid, before.codes, before.warnings]).toEqual([true, [], ['EXPIRY_AMBIGUOUS']]);
    const warning = before.details.explanations.find((x) => x.kind === 'warning');
    expect(warning?.code).toBe('EXPIRY_AMBIGUOUS');
    expect(warning?.text).toContain(EBER_VERIFY_WARNINGS.EXPIRY_AMBIGUOUS);
    const php = warning!.text.indexOf('2030-11-03 01:30:00 GMT-4 = 2030-11-03 05:30:00 UTC (PHP');
    const other = warning!.text.indexOf('2030-11-03 01:30:00 GMT-5 = 2030-11-03 06:30:00 UTC');
    expect(php).toBeGreaterThan(0);
    expect(other).toBeGreaterThan(php);
    expect(before.details.messages.at(-1)).toBe(`EXPIRY_AMBIGUOUS: ${warning!.text}`);
    // One second after PHP's reading the server refuses it, although the other reading is an hour away.
    const after = at('2030-11-03T05:30:01Z');
    expect([after.valid, after.codes, after.warnings]).toEqual([false, ['EXPIRED'], ['EXPIRY_AMBIGUOUS']]);
  });

  it('uses PHP’s reading in Sydney (AEST, the later one) and London (GMT)', () => {
    const sydney = (iso: string) =>
      verifyEberUrl({
        url: urlWith('2030-04-07 02:30:00'),
        secret: SECRET,
        timezone: 'Australia/Sydney',
        now: new Date(iso),
      });
    expect(sydney('2030-04-06T16:00:00Z').valid).toBe(true);
    expect(sydney('2030-04-06T16:30:01Z').codes).toEqual(['EXPIRED']);
    const london = verifyEberUrl({
      url: urlWith('2030-10-27 01:30:00'),
      secret: SECRET,
      timezone: 'Europe/London',
      now: new Date('2030-10-27T01:00:00Z'),
    });
    expect([london.valid, london.warnings]).toEqual([true, ['EXPIRY_AMBIGUOUS']]);
  });

  it('warns EXPIRY_IN_GAP for a skipped wall time and says how PHP reads it; an ordinary expiry gets no warning', () => {
    const r = verifyEberUrl({
      url: urlWith('2030-03-10 02:30:00'),
      secret: SECRET,
      timezone: 'America/New_York',
      now: new Date('2030-03-10T07:00:00Z'),
    });
    expect([r.valid, r.codes, r.warnings]).toEqual([true, [], ['EXPIRY_IN_GAP']]);
    expect(r.details.explanations.at(-1)).toEqual({
      code: 'EXPIRY_IN_GAP',
      kind: 'warning',
      text: `${EBER_VERIFY_WARNINGS.EXPIRY_IN_GAP} Here "2030-03-10 02:30:00" in America/New_York does not exist; PHP applies the offset GMT-5 and reads it as 2030-03-10 03:30:00 GMT-4 = 2030-03-10 07:30:00 UTC.`,
    });
    const plain = verifyEberUrl({
      url: urlWith('2030-03-10 04:30:00'),
      secret: SECRET,
      timezone: 'America/New_York',
      now: new Date('2030-03-10T07:00:00Z'),
    });
    expect([plain.valid, plain.warnings, plain.details.explanations]).toEqual([true, [], []]);
  });

  it('still reports a wrong hash as invalid, with the warning beside it', () => {
    const r = verifyEberUrl({
      url: urlWith('2030-11-03 01:30:00'),
      secret: 'other',
      timezone: 'America/New_York',
      now: new Date('2030-11-03T05:00:00Z'),
    });
    expect([r.valid, r.codes, r.warnings]).toEqual([false, ['HASH_MISMATCH'], ['EXPIRY_AMBIGUOUS']]);
  });
});

// ---- the URL builder --------------------------------------------------------------------------------------
describe('"expires in N minutes" never writes a repeated or skipped wall time', () => {
  it('moves 01:20 in New York’s repeated hour (which PHP would read as already expired) to 02:00, and says so', () => {
    const planned = planExpiryInMinutes(30, 'America/New_York', new Date('2030-11-03T05:50:00Z'));
    expect(planned.expiry).toBe('2030-11-03 02:00:00');
    expect(planned.notes).toHaveLength(1);
    expect(planned.notes[0]).toMatchObject({ code: 'EXPIRY_MOVED', kind: 'warning' });
    expect(planned.notes[0]!.text).toContain('"2030-11-03 01:20:00" in America/New_York');
    expect(planned.notes[0]!.text).toContain('2030-11-03 07:00:00 UTC instead, 40 min 0 s later than asked');
    // Lord Howe repeats half an hour.
    expect(planExpiryInMinutes(10, 'Australia/Lord_Howe', new Date('2030-04-06T14:55:00Z')).expiry).toBe(
      '2030-04-07 02:00:00',
    );
    // Away from a change nothing moves and nothing is said.
    expect(planExpiryInMinutes(30, 'America/New_York', new Date('2030-11-03T06:50:00Z'))).toEqual({
      expiry: '2030-11-03 02:20:00',
      notes: [],
    });
  });

  it('property: the expiry written reads one way only, leaves at least N minutes, and one second earlier would not do', () => {
    const random = seeded(7);
    for (const timezone of [
      'America/New_York',
      'Europe/London',
      'Australia/Sydney',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Singapore',
    ]) {
      for (const c of transitions(timezone, Date.UTC(2030, 0, 1), Date.UTC(2031, 0, 1))) {
        for (let i = 0; i < 40; i++) {
          const minutes = 1 + Math.floor(random() * 180);
          const now = new Date(
            c.at - minutes * 60_000 + Math.floor((random() * 4 - 2) * 3600) * 1000 + Math.floor(random() * 1000),
          );
          const target = Math.floor((now.getTime() + minutes * 60_000) / 1000) * 1000; // whole seconds
          const { expiry, notes } = planExpiryInMinutes(minutes, timezone, now);
          const p = reading(expiry, timezone);
          const label = `${timezone} +${minutes} min at ${now.toISOString()} -> ${expiry}`;
          expect(p.readings, label).toHaveLength(1);
          expect(p.readings[0]!.toMillis(), label).toBeGreaterThanOrEqual(target);
          const earlier = DateTime.fromFormat(expiry, 'yyyy-MM-dd HH:mm:ss', { zone: 'UTC' })
            .minus({ seconds: 1 })
            .toFormat('yyyy-MM-dd HH:mm:ss');
          const e = reading(earlier, timezone);
          expect(e.readings.length !== 1 || e.readings[0]!.toMillis() < target, label).toBe(true);
          expect(notes.length, label).toBe(p.instant.toMillis() - target >= 1000 ? 1 : 0);
        }
      }
    }
  });

  it('keeps a fixed expiry as given but notes a repeated hour or a gap when the zone is known', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const fixed = resolveExpiryWithNotes({ expiry: '2030-11-03 01:30:00', timezone: 'America/New_York' }, now);
    expect(fixed.expiry).toBe('2030-11-03 01:30:00');
    expect(fixed.notes.map((n) => n.code)).toEqual(['EXPIRY_AMBIGUOUS']);
    expect(
      resolveExpiryWithNotes({ expiry: '2030-03-10 02:30:00', timezone: 'America/New_York' }, now).notes.map(
        (n) => n.code,
      ),
    ).toEqual(['EXPIRY_IN_GAP']);
    expect(resolveExpiryWithNotes({ expiry: '2030-11-03 01:30:00' }, now)).toEqual({
      expiry: '2030-11-03 01:30:00',
      notes: [],
    });
    const moved = resolveExpiryWithNotes(
      { expiresInMinutes: 30, timezone: 'America/New_York' },
      new Date('2030-11-03T05:50:00Z'),
    );
    expect([moved.expiry, moved.notes.map((n) => n.code)]).toEqual(['2030-11-03 02:00:00', ['EXPIRY_MOVED']]);
    // The URL result carries the notes.
    const built = buildEberUrl({
      secret: SECRET,
      baseUrl: 'https://demo.eber.co',
      identifierType: 'email',
      identifier: 'a@b.co',
      expiry: moved.expiry,
      expiryNotes: moved.notes,
    });
    expect(built.notes).toEqual(moved.notes);
    expect(
      buildEberUrl({ secret: SECRET, baseUrl: 'https://demo.eber.co', identifierType: 'email', identifier: 'a@b.co' })
        .notes,
    ).toEqual([]);
  });

  it('the CLI writes the moved expiry and prints the note on stderr (stdout stays the URL); --json carries it', async () => {
    const run = async (args: string[]) => {
      const out = { stdout: '', stderr: '' };
      const code = await runCli(
        args,
        {
          stdout: (s) => (out.stdout += s),
          stderr: (s) => (out.stderr += s),
          env: { K: SECRET },
          readFile: () => '',
          readStdin: () => '',
          stderrIsTTY: false,
        },
        () => new Date('2030-11-03T05:50:00Z'),
      );
      return { code, ...out };
    };
    const args = [
      'eber',
      'url',
      '--base-url',
      'https://demo.eber.co',
      '--email',
      'a@b.co',
      '--expires-in',
      '30',
      '--timezone',
      'America/New_York',
      '--secret-env',
      'K',
    ];
    const text = await run(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^https:\/\/demo\.eber\.co\/login\/hmac\?\S*hmac_expiry_date=2030-11-03\+02%3A00%3A00\n$/,
    );
    expect(text.stderr).toMatch(/^note: EXPIRY_MOVED: .*"2030-11-03 01:20:00"/);
    const json = await run([...args, '--json']);
    expect(json.stderr).toBe('');
    expect((JSON.parse(json.stdout) as { notes: { code: string }[] }).notes.map((n) => n.code)).toEqual([
      'EXPIRY_MOVED',
    ]);
    const hash = await run([
      'eber',
      'hash',
      '--email',
      'a@b.co',
      '--expiry',
      '2030-03-10 02:30:00',
      '--timezone',
      'America/New_York',
      '--secret-env',
      'K',
    ]);
    expect(hash.stdout).toBe(`${eberDigest(SECRET, 'a@b.co', '2030-03-10 02:30:00')}\n`);
    expect(hash.stderr).toMatch(/^note: EXPIRY_IN_GAP: /);
  });
});

// ---- the built CLI, whatever the machine's zone -----------------------------------------------------------
const BUILT = existsSync(join(PROJECT_ROOT, 'out/cli/signet.cjs'));

describe('the built CLI gives the same Eber verdict in any machine time zone', () => {
  const signet = (args: string[], tz: string) =>
    spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/signet.cjs'), ...args, '--secret-env', 'K'], {
      env: { PATH: process.env.PATH ?? '', TZ: tz, K: SECRET },
      encoding: 'utf8',
    });
  const verify = (now: string) => [
    'eber',
    'verify',
    '--url',
    urlWith('2030-01-15 09:30:00'),
    '--timezone',
    'Asia/Singapore',
    '--now',
    now,
  ];

  // New York's fall-back morning: 01:30 reads twice.
  const ambiguousVerify = [
    'eber',
    'verify',
    '--url',
    urlWith('2030-11-03 01:30:00'),
    '--timezone',
    'America/New_York',
    '--now',
    '2030-11-03T05:00:00Z',
  ];

  it('is built (npm run build; npm test builds first)', () => {
    expect(BUILT, 'out/cli/signet.cjs is missing: run `npm run build`').toBe(true);
  });

  it.each(['2030-01-15T09:00:00', '2030-01-15T01:00:00Z', '2030-01-15T09:00:00+08:00', '2030-01-15T09:31:00+08:00'])(
    '--now %s: identical output under TZ=UTC and TZ=Asia/Tokyo',
    (now) => {
      const utc = signet(verify(now), 'UTC');
      const tokyo = signet(verify(now), 'Asia/Tokyo');
      expect([tokyo.status, tokyo.stdout, tokyo.stderr]).toEqual([utc.status, utc.stdout, utc.stderr]);
      if (now === '2030-01-15T09:00:00') {
        // No offset: refused (exit 2), never read in the machine's zone.
        expect(utc.status).toBe(2);
        expect(utc.stderr).toContain('--now "2030-01-15T09:00:00" has no UTC offset');
      } else {
        expect(utc.status).toBe(now.includes('09:31') ? 1 : 0);
      }
    },
  );

  it('verifies and plans without ever building an Intl.DateTimeFormat (ICU locale data is not loaded at start)', () => {
    // A preload that makes any Intl.DateTimeFormat a crash: the one-shot Eber commands read offsets via TZ.
    const dir = mkdtempSync(join(tmpdir(), 'signet-intl-'));
    const trap = join(dir, 'no-intl-dtf.cjs');
    writeFileSync(trap, "Intl.DateTimeFormat = function () { throw new Error('Intl.DateTimeFormat was built'); };\n");
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['-r', trap, join(PROJECT_ROOT, 'bin/signet.cjs'), ...args, '--secret-env', 'K'], {
        env: { PATH: process.env.PATH ?? '', K: SECRET },
        encoding: 'utf8',
      });
    const v = run(ambiguousVerify);
    expect([v.status, v.stderr]).toEqual([0, '']);
    expect(v.stdout).toContain('EXPIRY_AMBIGUOUS: ');
    expect(v.stdout).toContain('expiry: 2030-11-03 01:30:00 GMT-4 (America/New_York) = 2030-11-03 05:30:00 UTC');
    const u = run([
      'eber',
      'url',
      '--base-url',
      'https://demo.eber.co',
      '--email',
      'a@b.c',
      '--expires-in',
      '30',
      '--timezone',
      'Europe/London',
    ]);
    expect([u.status, u.stderr]).toEqual([0, '']);
    expect(u.stdout).toMatch(/hmac_expiry_date=\d{4}-\d\d-\d\d\+\d\d%3A\d\d%3A\d\d/);
    // The trap is real: a zone only Intl serves (an alias) reaches it, and zone.ts's validity check, which
    // catches the trap's error, then calls the zone unknown.
    const alias = run([
      'eber',
      'verify',
      '--url',
      urlWith('2030-01-15 09:30:00'),
      '--timezone',
      'US/Eastern',
      '--now',
      '2030-01-15T01:00:00Z',
    ]);
    expect(alias.stderr).toContain('Unknown time zone "US/Eastern"');
  });

  it('prints EXPIRY_AMBIGUOUS under TZ=UTC and TZ=Asia/Tokyo alike', () => {
    const args = ambiguousVerify;
    const utc = signet(args, 'UTC');
    expect(utc.status).toBe(0);
    expect(utc.stdout).toContain('EXPIRY_AMBIGUOUS: ');
    const tokyo = signet(args, 'Asia/Tokyo');
    // Only the "local" view could differ, and the text form does not print it.
    expect(tokyo.stdout).toBe(utc.stdout);
  });
});
