/**
 * Proof, not claim: every generated program is written to a temp dir, built once with its real toolchain and run
 * in --batch mode over the shared and project vectors and random cases; its output must equal Signet's own
 * signMmob / buildEberUrl byte for byte, and its verifier must agree with verifyMmob / verifyEberUrl. The same
 * program, run without --batch, signs with its embedded (hostile) inputs and the secret from the environment.
 * A missing toolchain is SKIPPED loudly here and FAILS on CI (CI=true), where .ci/run installs them.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEberUrl } from '../../node/eber/url';
import { verifyEberUrl } from '../../node/eber/verify';
import { signMmob } from '../../node/mmob/sign';
import { generateEberPack, generateMmobPack } from '../../node/packs/generate';
import type { Pack } from '../packs/types';
import { verifyMmob } from '../../node/mmob/verify';
import { expiryInMinutes, readExpiryInstant } from '../eber/expiry';
import { EBER_IDENTIFIER_PARAMS, EBER_LOCALE_CODES, type EberIdentifierType } from '../eber/constants';
import { build, missingCommands, TOOLCHAINS, type Built } from '../../../testing/toolchains';
import { loadVectors, PROJECT_ROOT } from '../../../testing/vectors';
import { CODE_LANGS, generateCode, type CodeLang, type EberKitInputs, type MmobKitInputs } from './index';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const line = (fields: (string | number)[]) => fields.map((f) => b64(String(f))).join(',');

// ---- a seeded generator, so a failure reproduces
let seed = 20261121;
const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const PIECES = [
  'a',
  'Z',
  '0',
  ' ',
  '+',
  '"',
  "'",
  '\\',
  '$',
  '#{x}',
  '%',
  '&',
  '=',
  '?',
  '/',
  '*',
  '~',
  'é',
  'ß',
  '漢',
  '😀',
  '\u200b',
  '.',
  '-',
  '_',
  '\t',
  ':',
];
const text = (min: number, max: number, pieces = PIECES) =>
  Array.from({ length: min + int(max - min + 1) }, () => pick(pieces)).join('');
function randomSecret(): string {
  const bytes = Buffer.from(Array.from({ length: 8 + int(40) }, () => int(256)));
  let s = bytes.toString('base64');
  const variant = int(5);
  if (variant === 1) s = s.replace(/\+/g, '-').replace(/\//g, '_'); // url-safe
  if (variant === 2) s = s.replace(/=+$/, ''); // unpadded
  if (variant === 3) s = `${s.slice(0, 5)} \n${s.slice(5)}`; // whitespace
  if (variant === 4) s = `${s.slice(0, 4)}!.${s.slice(4)}`; // skipped characters
  return s;
}

const HOSTILE = `He said "hi" \\ 'there' $HOME #{exit} \${x} \`id\` %s\n🙂 ü\r\t end`;
const MMOB_INPUTS: MmobKitInputs = {
  cpId: `cp_${HOSTILE}`,
  cpDeploymentId: 'cpd_"quoted"\\$x',
  email: 'qa+tester"@exämple.com',
  toleranceSeconds: 60,
  secretEnv: 'MMOB_SECRET',
};
const EBER_INPUTS: EberKitInputs = {
  identifierType: 'email',
  identifier: `qa+${HOSTILE}@example.com`,
  phoneCode: '',
  baseUrl: 'https://demo.eber.co',
  timezone: 'Asia/Singapore',
  expiryMinutes: 30,
  locale: 'zh-HK',
  secretEnv: 'EBER_SECRET',
};

const ON_CI = process.env.CI === 'true';
const timings: string[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (timings.length > 0) console.log(`code kit, wall time per language:\n${timings.join('\n')}`);
});

function programFor(scheme: 'mmob' | 'eber', lang: CodeLang, role: 'signer' | 'verifier'): Built {
  const dir = mkdtempSync(join(tmpdir(), `signet-codekit-${scheme}-${lang}-${role}-`));
  dirs.push(dir);
  const g =
    scheme === 'mmob'
      ? generateCode({ scheme, lang, role, inputs: MMOB_INPUTS })
      : generateCode({ scheme, lang, role, inputs: EBER_INPUTS });
  return build(lang, dir, g.filename, g.code);
}

function outputLines(r: { stdout: string; stderr: string; status: number | null }, expected: number): string[] {
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  expect(lines.length, r.stderr).toBe(expected);
  return lines;
}

// ---- mmob cases
interface MmobCase {
  name: string;
  secret: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  timestamp: number;
  nonce: string;
}
const mmobSignCases: MmobCase[] = [
  ...loadVectors('mmob-sign').map((v) => ({ ...v, name: `${v.origin}: ${v.name}` })),
  // Secrets only a lenient decoder reads like Node: computed with coreutils base64 + openssl (vectors/README.md).
  ...(JSON.parse(readFileSync(join(PROJECT_ROOT, 'vectors/codekit-mmob-lenient-keys.json'), 'utf8')) as MmobCase[]).map(
    (v) => ({ ...v, name: `project: ${v.name}` }),
  ),
  ...Array.from({ length: 60 }, (_, k) => ({
    name: `random ${k}`,
    secret: randomSecret(),
    cpId: `cp_${text(1, 12)}`,
    cpDeploymentId: `cpd_${text(1, 12)}`,
    email: k % 7 === 0 ? '' : `${text(1, 10)}+${text(0, 4)}@${text(1, 8)}.com`,
    timestamp: int(2 ** 33),
    nonce: Buffer.from(Array.from({ length: 16 }, () => int(256))).toString('hex'),
  })),
];
interface MmobVerifyCase {
  name: string;
  secret: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  signature: string;
  now: number;
  toleranceSeconds: number;
}
const mmobVerifyCases: MmobVerifyCase[] = [
  ...loadVectors('mmob-verify').map((v) => ({ ...v, name: `${v.origin}: ${v.name}` })),
  ...mmobSignCases.slice(-40).flatMap((c): MmobVerifyCase[] => {
    const sig = signMmob(c).signature;
    const [ts, mac, nonce] = sig.split(':') as [string, string, string];
    const base = { ...c, signature: sig, toleranceSeconds: 60 };
    const flipped = mac[3] === 'A' ? 'B' : 'A';
    return [
      { ...base, name: `${c.name} valid`, now: c.timestamp + int(121) - 60 },
      { ...base, name: `${c.name} stale`, now: c.timestamp + 61 },
      { ...base, name: `${c.name} future`, now: c.timestamp - 61 },
      { ...base, name: `${c.name} other email`, now: c.timestamp, email: `${c.email}x` },
      {
        ...base,
        name: `${c.name} flipped MAC`,
        now: c.timestamp,
        signature: `${ts}:${mac.slice(0, 3)}${flipped}${mac.slice(4)}:${nonce}`,
      },
      {
        ...base,
        name: `${c.name} hex MAC`,
        now: c.timestamp,
        signature: `${ts}:${Buffer.from(mac, 'base64').toString('hex')}:${nonce}`,
      },
      { ...base, name: `${c.name} milliseconds`, now: c.timestamp, signature: `${c.timestamp * 1000}:${mac}:${nonce}` },
      { ...base, name: `${c.name} wrong secret`, now: c.timestamp, secret: randomSecret() },
    ];
  }),
];
/**
 * Replays, judged after everything above by the same process (it remembers the nonces it accepted): the valid
 * signature again (NONCE_REUSED), again a second later, after its window (stale, not a replay), and a forged
 * signature with a fresh nonce before its genuine one (a forgery never uses up a nonce).
 */
const mmobReplayCases: MmobVerifyCase[] = mmobSignCases.slice(-10).flatMap((c): MmobVerifyCase[] => {
  const sig = signMmob(c).signature;
  const [ts, mac] = sig.split(':') as [string, string, string];
  const fresh = signMmob({ ...c, nonce: `${c.nonce.slice(0, -4)}beef` }).signature;
  const [, freshMac, freshNonce] = fresh.split(':') as [string, string, string];
  const forged = `${ts}:${freshMac === mac ? 'A' : mac}:${freshNonce}`;
  const base = { ...c, toleranceSeconds: 60 };
  return [
    { ...base, name: `${c.name} replayed`, signature: sig, now: c.timestamp },
    { ...base, name: `${c.name} replayed 1 s later`, signature: sig, now: c.timestamp + 1 },
    { ...base, name: `${c.name} replayed after the window`, signature: sig, now: c.timestamp + 61 },
    { ...base, name: `${c.name} forged, fresh nonce`, signature: forged, now: c.timestamp },
    { ...base, name: `${c.name} fresh nonce, genuine`, signature: fresh, now: c.timestamp },
    { ...base, name: `${c.name} fresh nonce, replayed`, signature: fresh, now: c.timestamp + 30 },
  ];
});
const mmobVerifyBatch = [...mmobVerifyCases, ...mmobReplayCases];

/**
 * What Signet's verifyMmob says of each line of one batch, given the nonces accepted on earlier lines and still
 * within their window (the signature's timestamp + tolerance), as the generated verifiers remember them.
 */
function mmobExpected(cases: MmobVerifyCase[]): ReturnType<typeof verifyMmob>[] {
  const accepted = new Map<string, number>();
  return cases.map((c) => {
    const seenNonces = new Set([...accepted].filter(([, until]) => until >= c.now).map(([n]) => n));
    const r = verifyMmob({ ...c, seenNonces });
    if (r.valid) {
      const [ts, , nonce] = c.signature.trim().split(':') as [string, string, string];
      accepted.set(nonce, Number(ts) + c.toleranceSeconds);
    }
    return r;
  });
}

// ---- Eber cases
interface EberSignCase {
  name: string;
  secret: string;
  baseUrl: string;
  identifierType: EberIdentifierType;
  identifier: string;
  phoneCode: string;
  expiry: string;
  locale: string;
  timezone: string;
  now: number;
  minutes: number;
  /** What Signet's vectors say, when the case is one. */
  url?: string;
  hash?: string;
}
const ZONES = [
  'Asia/Singapore',
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'UTC',
  'America/St_Johns',
  'Pacific/Chatham',
];
const pad = (n: number) => String(n).padStart(2, '0');
const randomExpiry = () =>
  `${2000 + int(60)}-${pad(1 + int(12))}-${pad(1 + int(28))} ${pad(int(24))}:${pad(int(60))}:${pad(int(60))}`;
/**
 * Phone identifiers (spaces, "+", dashes, brackets) with their phone_code in either case, one per supported locale,
 * and no locale; a Unicode custom id and a "+" email; expiries in a repeated hour (PHP's reading).
 */
const PHONE_LOCALE_CASES: EberSignCase[] = [
  ...['', ...EBER_LOCALE_CODES].map((locale, k): EberSignCase => ({
    name: `phone, locale ${locale || '(none)'}`,
    secret: `phone-secret-${k} ü`,
    baseUrl: 'https://demo.eber.co',
    identifierType: 'phone',
    identifier: pick(['+60 12-345 6789', '+44 (0)20 7946 0958', '0123 456 789', '+65 9123 4567', `+1 555 01${k}`]),
    phoneCode: pick(['MY', 'my', 'Sg', 'GB']),
    expiry: k % 2 === 0 ? '' : '2031-03-09 10:15:00',
    locale,
    timezone: 'Asia/Kuala_Lumpur',
    now: 1_900_000_000,
    minutes: 0,
  })),
  ...(
    [
      ['customId', 'Kund_漢字-ß-😀 007', 'Europe/London', '2030-10-27 01:30:00'],
      ['email', 'qa+tag+x@exämple.com', 'America/New_York', '2030-11-03 01:30:00'],
      ['phone', '+61 2 9374 4000', 'Australia/Sydney', '2030-04-07 02:30:00'],
      ['customId', 'Ämter & Co', 'Pacific/Chatham', '2030-04-07 03:15:00'],
    ] as const
  ).map(([identifierType, identifier, timezone, expiry]): EberSignCase => ({
    name: `${identifierType} with an expiry in the repeated hour in ${timezone}`,
    secret: 'dst-secret',
    baseUrl: 'https://demo.eber.co',
    identifierType,
    identifier,
    phoneCode: identifierType === 'phone' ? 'AU' : '',
    expiry,
    locale: 'en',
    timezone,
    now: 1_900_000_000,
    minutes: 0,
  })),
];
/**
 * "Expires in N minutes" landing in a repeated hour (either reading) or right at its edges: Signet moves such an
 * expiry to the first wall-clock time after the repeat, as PHP may read the wall time as the earlier instant.
 */
const DST_MINUTES_CASES: EberSignCase[] = (
  [
    ['America/New_York', '2030-11-03T05:30:00Z', 30],
    ['America/New_York', '2030-11-03T06:30:00Z', 30],
    ['America/New_York', '2030-11-03T06:59:59Z', 1],
    ['America/New_York', '2030-11-03T07:00:00Z', 1],
    ['Europe/London', '2030-10-27T00:00:00Z', 90],
    ['Europe/London', '2030-10-27T01:30:00Z', 525_600],
    ['Europe/London', '2030-10-27T00:59:59Z', 60],
    ['Australia/Sydney', '2030-04-06T15:30:00Z', 1],
    ['Australia/Lord_Howe', '2030-04-07T14:45:00Z', 30],
    ['Pacific/Chatham', '2030-04-06T14:00:00Z', 30],
    ['America/St_Johns', '2030-11-03T04:00:00Z', 45],
  ] as const
).map(([timezone, at, minutes], k): EberSignCase => ({
  name: `expires in ${minutes} min at ${at} in ${timezone}`,
  secret: 'dst-minutes',
  baseUrl: 'https://demo.eber.co',
  identifierType: k % 2 === 0 ? 'email' : 'phone',
  identifier: k % 2 === 0 ? 'dst+1@example.com' : '+1 212 555 0100',
  phoneCode: k % 2 === 0 ? '' : 'US',
  expiry: '',
  locale: '',
  timezone,
  now: Date.parse(at) / 1000 - minutes * 60,
  minutes,
}));
/** Fixed expiries around DST changes (before, in and after a repeated hour; before, in and after a gap). */
const DST_FIXED_CASES: EberSignCase[] = (
  [
    [
      'America/New_York',
      '2030-11-03',
      ['00:59:59', '01:00:00', '01:30:00', '01:59:59', '02:00:00', '03:00:00', '05:59:59', '06:00:00'],
    ],
    ['America/New_York', '2030-03-10', ['01:59:59', '02:00:00', '02:30:00', '03:00:00', '06:59:59', '07:00:00']],
    ['Europe/London', '2030-10-27', ['00:59:59', '01:00:00', '01:59:59', '02:00:00']],
    ['Europe/London', '2030-03-31', ['00:59:59', '01:30:00', '02:00:00']],
    ['Australia/Sydney', '2030-04-07', ['01:59:59', '02:00:00', '02:30:00', '03:00:00']],
    ['Australia/Sydney', '2030-10-06', ['01:59:59', '02:30:00', '03:00:00']],
    ['Australia/Lord_Howe', '2030-04-07', ['01:29:59', '01:45:00', '02:00:00']],
    ['Pacific/Chatham', '2030-04-07', ['02:44:59', '03:15:00', '03:45:00']],
  ] as const
).flatMap(([timezone, day, times]) =>
  times.map((time): EberSignCase => ({
    name: `expiry ${day} ${time} in ${timezone}`,
    secret: 'dst-fixed',
    baseUrl: 'https://demo.eber.co',
    identifierType: 'customId',
    identifier: `dst-${time}`,
    phoneCode: '',
    expiry: `${day} ${time}`,
    locale: '',
    timezone,
    now: 1_900_000_000,
    minutes: 0,
  })),
);
const eberSignCases: EberSignCase[] = [
  ...loadVectors('eber-url').map((v) => ({
    name: `${v.origin}: ${v.name}`,
    secret: v.secret,
    baseUrl: v.baseUrl,
    identifierType: v.identifierType,
    identifier: v.identifier,
    phoneCode: v.phoneCode ?? '',
    expiry: v.expiry ?? '',
    locale: v.locale ?? '',
    timezone: 'UTC',
    now: 0,
    minutes: 0,
    url: v.url,
  })),
  ...loadVectors('eber-hash').map((v) => ({
    name: `${v.origin}: ${v.name}`,
    secret: v.secret,
    baseUrl: 'https://demo.eber.co',
    identifierType: v.identifierType,
    identifier: v.identifier,
    phoneCode: v.identifierType === 'phone' ? 'MY' : '',
    expiry: v.expiry ?? '',
    locale: '',
    timezone: 'UTC',
    now: 0,
    minutes: 0,
    hash: v.hash,
  })),
  ...PHONE_LOCALE_CASES,
  ...DST_MINUTES_CASES,
  ...Array.from({ length: 60 }, (_, k): EberSignCase => {
    const identifierType = pick(['email', 'phone', 'customId'] as const);
    const identifier =
      identifierType === 'email'
        ? `${text(1, 8)}+${text(0, 4)}@${text(1, 6)}.com`
        : identifierType === 'phone'
          ? `+60 ${int(100)} ${1000 + int(9000)} ${1000 + int(9000)}`
          : text(1, 16);
    const mode = k % 3; // none, fixed, minutes from now
    return {
      name: `random ${k}`,
      secret: text(1, 30),
      baseUrl: pick(['https://demo.eber.co', 'https://rewards.example-shop.com', 'https://a-b.eber.co:8443']),
      identifierType,
      identifier,
      phoneCode: identifierType === 'phone' ? pick(['MY', 'sg', 'GB']) : '',
      expiry: mode === 1 ? randomExpiry() : '',
      locale: pick(['', ...EBER_LOCALE_CODES]),
      timezone: pick(ZONES),
      now: 1_700_000_000 + int(400_000_000),
      minutes: mode === 2 ? 1 + int(525_600) : 0,
    };
  }),
];
const resolvedExpiry = (c: EberSignCase) =>
  c.expiry !== '' || c.minutes === 0 ? c.expiry : expiryInMinutes(c.minutes, c.timezone, new Date(c.now * 1000));
const signetUrl = (c: EberSignCase) => buildEberUrl({ ...c, expiry: resolvedExpiry(c) }).url;

interface EberVerifyCase {
  name: string;
  secret: string;
  url: string;
  timezone: string;
  now: number;
}
/**
 * Identifiers that are not UTF-8 (a Latin-1 signer's "é" is the byte E9): PHP's $_GET holds the bytes and
 * hash_hmac hashes them, so a hash over the bytes is valid and one over the U+FFFD a UTF-8 decoder makes of
 * them is not. A kit verifier that decodes the query as UTF-8 text gets both wrong.
 */
const NON_UTF8_CASES: EberVerifyCase[] = (() => {
  const secret = 'kit-non-utf8-secret';
  const now = Math.floor(Date.parse('2030-03-01T00:00:00Z') / 1000);
  const hashOf = (bytes: Buffer) => createHmac('sha256', secret).update(bytes).digest('hex');
  const urlOf = (param: string, encoded: string, hash: string, expiry?: string) =>
    `https://demo.eber.co/login/hmac?${param}=${encoded}&hmac_hash=${hash}` +
    (expiry === undefined ? '' : `&hmac_expiry_date=${expiry.replace(' ', '+').replaceAll(':', '%3A')}`);
  const cases = [
    {
      name: 'Latin-1 email',
      param: 'hmac_email',
      encoded: 'jos%E9%40x.co',
      bytes: Buffer.from('jos\xe9@x.co', 'latin1'),
    },
    {
      name: 'broken UTF-8 custom id',
      param: 'hmac_custom_id',
      encoded: 'id%C3%28%80z',
      bytes: Buffer.from([0x69, 0x64, 0xc3, 0x28, 0x80, 0x7a]),
    },
  ];
  const expiry = '2030-03-01 12:00:00';
  return cases.flatMap((c): EberVerifyCase[] => {
    const withExpiry = Buffer.concat([c.bytes, Buffer.from(expiry)]);
    const replaced = Buffer.from(c.bytes.toString('utf8'), 'utf8'); // what a UTF-8 decoder hashes
    return [
      {
        name: `${c.name}, hashed as bytes`,
        secret,
        now,
        timezone: 'Europe/London',
        url: urlOf(c.param, c.encoded, hashOf(c.bytes)),
      },
      {
        name: `${c.name} with expiry, hashed as bytes`,
        secret,
        now,
        timezone: 'Europe/London',
        url: urlOf(c.param, c.encoded, hashOf(withExpiry), expiry),
      },
      {
        name: `${c.name}, hashed as U+FFFD`,
        secret,
        now,
        timezone: 'Europe/London',
        url: urlOf(c.param, c.encoded, hashOf(replaced)),
      },
    ];
  });
})();

const eberVerifyCases: EberVerifyCase[] = [
  ...NON_UTF8_CASES,
  ...loadVectors('eber-verify').map((v) => ({
    name: `${v.origin}: ${v.name}`,
    secret: v.secret,
    url: v.url,
    timezone: v.timezone,
    now: Math.floor(Date.parse(v.now) / 1000),
  })),
  // phone_code and hmac_locale: unsigned, checked as Signet (and Eber) do; a repeated hour read as PHP does.
  ...[...PHONE_LOCALE_CASES, ...DST_MINUTES_CASES, ...DST_FIXED_CASES].flatMap((c): EberVerifyCase[] => {
    const url = signetUrl(c);
    const param = EBER_IDENTIFIER_PARAMS[c.identifierType];
    const base = { secret: c.secret, url, timezone: c.timezone, now: c.now };
    const cases: EberVerifyCase[] = [
      { ...base, name: `${c.name} valid` },
      { ...base, name: `${c.name} locale xx`, url: `${url}&hmac_locale=xx` },
      { ...base, name: `${c.name} locale en-US`, url: `${url}&hmac_locale=en-US` },
      { ...base, name: `${c.name} locale ZH-HK`, url: `${url}&hmac_locale=ZH-HK` },
      { ...base, name: `${c.name} locale empty`, url: `${url}&hmac_locale=` },
      { ...base, name: `${c.name} locale changed`, url: `${url}&hmac_locale=ja` },
      // A repeated parameter: PHP keeps the last one, and so do Signet and the kit.
      { ...base, name: `${c.name} identifier repeated, first other`, url: url.replace('?', `?${param}=other&`) },
      { ...base, name: `${c.name} identifier repeated, last other`, url: `${url}&${param}=other` },
      { ...base, name: `${c.name} hash repeated, first other`, url: url.replace('?', `?hmac_hash=${'0'.repeat(64)}&`) },
      // The query as PHP's $_GET reads it: a bad or lone "%" kept as it is, "a.b" and " a b" filed as "a_b",
      // "name[]" an array (not text).
      { ...base, name: `${c.name} %FF before the identifier`, url: url.replace(`${param}=`, `${param}=%FF`) },
      { ...base, name: `${c.name} bad escape %zz`, url: url.replace(`${param}=`, `${param}=%zz`) },
      { ...base, name: `${c.name} lone %`, url: url.replace(`${param}=`, `${param}=100%25%`) },
      { ...base, name: `${c.name} dotted name`, url: url.replace(`${param}=`, `${param.replace('_', '.')}=`) },
      { ...base, name: `${c.name} hmac.hash`, url: url.replace('hmac_hash=', 'hmac.hash=') },
      { ...base, name: `${c.name} name with spaces`, url: url.replace(`${param}=`, `+${param.replace('_', '+')}=`) },
      { ...base, name: `${c.name} identifier then an array`, url: `${url}&${param}[]=x` },
      { ...base, name: `${c.name} an array then the identifier`, url: url.replace('?', `?${param}[x]=1&`) },
      { ...base, name: `${c.name} "[" with no "]"`, url: `${url}&hmac[hash=${'0'.repeat(64)}` },
    ];
    if (c.identifierType === 'phone')
      cases.push(
        { ...base, name: `${c.name} phone_code dropped`, url: url.replace(/&phone_code=[^&]*/, '') },
        { ...base, name: `${c.name} phone_code empty`, url: url.replace(/&phone_code=[^&]*/, '&phone_code=') },
        { ...base, name: `${c.name} phone_code changed`, url: url.replace(/&phone_code=[^&]*/, '&phone_code=TH') },
        {
          ...base,
          name: `${c.name} phone spaces as %20`,
          url: url.replace(/(hmac_phone=[^&]*)/, (m) => m.replace(/\+/g, '%20')),
        },
      );
    const expiry = resolvedExpiry(c);
    if (expiry !== '') {
      const at = readExpiryInstant(expiry, c.timezone);
      if (!at.ok) throw new Error(c.name);
      const s = Math.floor(at.instantMs / 1000);
      cases.push(
        { ...base, name: `${c.name} 1 s before expiry`, now: s - 1 },
        { ...base, name: `${c.name} at expiry`, now: s },
        { ...base, name: `${c.name} 1 s after expiry`, now: s + 1 },
      );
      // The other reading of a repeated hour, when there is one: an hour (or 30 min) the other way.
      for (const other of at.readingsMs.filter((ms) => ms !== at.instantMs))
        cases.push({ ...base, name: `${c.name} at its other reading`, now: Math.floor(other / 1000) });
    }
    return cases;
  }),
  ...eberSignCases.slice(-60).flatMap((c): EberVerifyCase[] => {
    const expiry = resolvedExpiry(c);
    const url = signetUrl(c);
    const hash = new URL(url).searchParams.get('hmac_hash')!;
    const base = { secret: c.secret, url, timezone: c.timezone };
    const cases: EberVerifyCase[] = [
      { ...base, name: `${c.name} valid`, now: c.now },
      { ...base, name: `${c.name} wrong secret`, now: c.now, secret: `${c.secret}x` },
      {
        ...base,
        name: `${c.name} hash flipped`,
        now: c.now,
        url: url.replace(hash, hash.slice(0, -1) + (hash.endsWith('0') ? '1' : '0')),
      },
      { ...base, name: `${c.name} hash uppercase`, now: c.now, url: url.replace(hash, hash.toUpperCase()) },
      { ...base, name: `${c.name} raw plus`, now: c.now, url: url.replace(/%2B/g, '+') },
      { ...base, name: `${c.name} expiry dropped`, now: c.now, url: url.replace(/&hmac_expiry_date=[^&]*/, '') },
    ];
    if (expiry !== '') {
      // A second either side of the instant Signet (and PHP) reads the expiry as, in every zone.
      const read = readExpiryInstant(expiry, c.timezone);
      if (!read.ok) throw new Error(c.name);
      const [before, after] = [Math.floor(read.instantMs / 1000) - 1, Math.floor(read.instantMs / 1000) + 1];
      cases.push(
        { ...base, name: `${c.name} just before expiry`, now: before },
        { ...base, name: `${c.name} just after expiry`, now: after },
      );
    }
    return cases;
  }),
];

/**
 * QA test packs (`signet pack`), each case through the generated verifiers in one --batch, in pack order, as one
 * server would see them: every verdict is the pack's expected one (valid, or its first code), the replayed nonce
 * included (NONCE_REUSED: the kit remembers nonces, where verify-batch judges each line alone).
 */
const PACK_NOW = new Date('2026-11-21T14:00:00Z');
const PACK_MMOB_SECRET = 'deadbeef0123456789abcdef01234567';
const PACK_EBER_SECRET = 'eber-qa-secret';
const packs: { mmob: Pack[]; eber: Pack[] } = {
  mmob: [
    generateMmobPack(
      { secret: PACK_MMOB_SECRET, cpId: 'cp-1', cpDeploymentId: 'dep-9', email: 'QA.User+1@exämple.com' },
      PACK_NOW,
    ),
    generateMmobPack({ secret: PACK_MMOB_SECRET, cpId: 'cp-2', cpDeploymentId: 'dep-2', email: '' }, PACK_NOW),
  ],
  eber: (
    [
      ['email', 'qa.user+1@example.com', 'Asia/Singapore', 'en'],
      ['phone', '+60 12-345 6789', 'America/New_York', 'ms-MY'],
      ['customId', 'Kund_漢字 %41', 'Europe/London', 'zh-HK'],
    ] as const
  ).map(([identifierType, identifier, timezone, locale]) =>
    generateEberPack(
      {
        secret: PACK_EBER_SECRET,
        baseUrl: 'https://demo.eber.co',
        identifierType,
        identifier,
        phoneCode: 'MY',
        timezone,
        locale,
      },
      PACK_NOW,
    ),
  ),
};
/** The pack's verdict as a kit program prints it: "valid", or "invalid CODE" for any of the expected codes. */
function expectPackVerdicts(pack: Pack, out: string[]): void {
  pack.cases.forEach((c, k) => {
    if (c.expected.valid) expect(out[k], `${pack.scheme} pack: ${c.id}`).toBe('valid');
    else
      expect(
        c.expected.codes.map((code) => `invalid ${code}`),
        `${pack.scheme} pack: ${c.id}: ${out[k]}`,
      ).toContain(out[k]);
  });
}

it('the non-UTF-8 identifier cases mean what they say: valid when hashed as bytes, a mismatch as U+FFFD', () => {
  // Signet's verdicts, which php.live.test.ts holds to PHP's own; the kit verifiers are then held to these.
  const verdicts = NON_UTF8_CASES.map((c) => [c.name, verifyEberUrl({ ...c, now: new Date(c.now * 1000) }).codes]);
  expect(verdicts).toEqual(NON_UTF8_CASES.map((c) => [c.name, c.name.endsWith('as bytes') ? [] : ['HASH_MISMATCH']]));
});

it('the Node programs are TypeScript that type-checks under --strict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signet-codekit-tsc-'));
  dirs.push(dir);
  const files = (['signer', 'verifier'] as const).flatMap((role) => [
    generateCode({ scheme: 'mmob', lang: 'node', role, inputs: MMOB_INPUTS }),
    generateCode({ scheme: 'eber', lang: 'node', role, inputs: EBER_INPUTS }),
  ]);
  for (const g of files) writeFileSync(join(dir, g.filename), g.code);
  const r = spawnSync(
    process.execPath,
    [
      join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'),
      ...[
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
      ],
      ...['--types', 'node', '--typeRoots', join(PROJECT_ROOT, 'node_modules/@types')],
      ...files.map((g) => join(dir, g.filename)),
    ],
    { encoding: 'utf8' },
  );
  expect(r.stdout + r.stderr, 'tsc').toBe('');
  expect(r.status).toBe(0);
});

describe.each(CODE_LANGS.map((lang) => [lang] as const))('code kit: %s', (lang) => {
  const missing = missingCommands(lang);
  const why = `${lang} toolchain missing (${missing.join(', ')}): ${TOOLCHAINS[lang].install}`;
  if (missing.length > 0) {
    console.warn(`SKIPPED: the ${lang} code kit is NOT verified here. ${why}`);
    if (ON_CI) it('has its toolchain on CI', () => expect.fail(why));
  }
  let cases = 0;
  let ms = 0;
  let replayCount = 0;
  let unsignedCount = 0;
  let packCount = 0;
  // Each test's wall time (build + runs) adds to the language's total.
  const run = (name: string, body: () => void) =>
    it.skipIf(missing.length > 0)(missing.length > 0 ? `${name} [SKIPPED: ${why}]` : name, () => {
      const t0 = Date.now();
      try {
        body();
      } finally {
        ms += Date.now() - t0;
      }
    });
  afterAll(() => {
    if (missing.length === 0)
      timings.push(
        `  ${lang.padEnd(7)} ${String(ms).padStart(6)} ms, ${cases} cases` +
          (lang === 'shell'
            ? ''
            : ` (${replayCount} NONCE_REUSED, ${unsignedCount} phone_code/locale refusals, ${packCount} pack cases)`),
      );
  });

  // sh spawns openssl per field and per MAC (~0.15 s a case): it runs the vectors and 20 random cases, not 60.
  const fewer = <T>(all: T[]): T[] => (lang === 'shell' ? all.slice(0, all.length - 40) : all);
  const mmobSign = fewer(mmobSignCases);
  const eberSign = fewer(eberSignCases);

  run(`mmob signer: ${mmobSign.length} cases byte-for-byte = signMmob; its own inputs and env secret`, () => {
    const p = programFor('mmob', lang, 'signer');
    const out = outputLines(
      p.run(
        ['--batch'],
        mmobSign.map((c) => line([c.secret, c.cpId, c.cpDeploymentId, c.email, c.timestamp, c.nonce])).join('\n') +
          '\n',
      ),
      mmobSign.length,
    );
    mmobSign.forEach((c, k) => expect(out[k], c.name).toBe(signMmob(c).signature));
    cases += mmobSign.length;
    // Without --batch: embedded hostile inputs, the secret from MMOB_SECRET, now and a fresh nonce.
    const secret = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0';
    const before = Math.floor(Date.now() / 1000);
    const r = p.run([], '', { MMOB_SECRET: secret });
    expect(r.status, r.stderr).toBe(0);
    const [ts, , nonce] = r.stdout.trim().split(':') as [string, string, string];
    expect(Number(ts)).toBeGreaterThanOrEqual(before);
    expect(Number(ts)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(r.stdout).toBe(`${signMmob({ ...MMOB_INPUTS, secret, timestamp: Number(ts), nonce }).signature}\n`);
    expect(p.run([], '', {}).status, 'no secret: exit 2').toBe(2);
  });

  // The shell kit is a signer only (generateCode refuses a shell verifier; codekit.test.ts checks that).
  const verifierRun = lang === 'shell' ? () => {} : run;

  verifierRun(`mmob verifier: ${mmobVerifyBatch.length} cases agree with verifyMmob, replays refused`, () => {
    const p = programFor('mmob', lang, 'verifier');
    const out = outputLines(
      p.run(
        ['--batch'],
        mmobVerifyBatch
          .map((c) => line([c.secret, c.cpId, c.cpDeploymentId, c.email, c.signature, c.now, c.toleranceSeconds]))
          .join('\n') + '\n',
      ),
      mmobVerifyBatch.length,
    );
    const expected = mmobExpected(mmobVerifyBatch);
    mmobVerifyBatch.forEach((c, k) => {
      const r = expected[k]!;
      if (r.valid) expect(out[k], c.name).toBe('valid');
      else
        expect(
          r.codes.map((code) => `invalid ${code}`),
          c.name,
        ).toContain(out[k]);
    });
    // The replays are judged exactly: NONCE_REUSED for each replay inside its window, and nothing else.
    const replays = out.slice(mmobVerifyCases.length);
    expect(replays, 'replays').toEqual(
      mmobReplayCases
        .flatMap(() => [
          'invalid NONCE_REUSED',
          'invalid NONCE_REUSED',
          'invalid TIMESTAMP_TOO_OLD',
          'invalid SIGNATURE_MISMATCH',
          'valid',
          'invalid NONCE_REUSED',
        ])
        .slice(0, replays.length),
    );
    replayCount = out.filter((o) => o === 'invalid NONCE_REUSED').length;
    for (const pack of packs.mmob) {
      const packOut = outputLines(
        p.run(
          ['--batch'],
          pack.cases
            .map((c) =>
              line([
                PACK_MMOB_SECRET,
                c.cpId!,
                c.cpDeploymentId!,
                c.email!,
                c.signature!,
                c.now,
                pack.toleranceSeconds!,
              ]),
            )
            .join('\n') + '\n',
        ),
        pack.cases.length,
      );
      expectPackVerdicts(pack, packOut);
      expect(packOut[pack.cases.findIndex((c) => c.kind === 'replay')], 'the replay').toBe('invalid NONCE_REUSED');
      packCount += pack.cases.length;
    }
    cases += mmobVerifyBatch.length;
    const secret = 'c2lnbmV0LWNvZGUta2l0LXRlc3Qta2V5';
    const sig = signMmob({ ...MMOB_INPUTS, secret }).signature;
    const ok = p.run([sig], '', { MMOB_SECRET: secret });
    expect([ok.stdout, ok.status], ok.stderr).toEqual(['valid\n', 0]);
    const bad = p.run([sig, 'someone@else.com'], '', { MMOB_SECRET: secret });
    expect([bad.stdout, bad.status]).toEqual(['invalid SIGNATURE_MISMATCH\n', 1]);
  });

  run(`eber signer: ${eberSign.length} cases byte-for-byte = buildEberUrl; its own inputs and env secret`, () => {
    const p = programFor('eber', lang, 'signer');
    const out = outputLines(
      p.run(
        ['--batch'],
        eberSign
          .map((c) =>
            line([
              c.secret,
              c.baseUrl.replace(/\/$/, ''),
              c.identifierType,
              c.identifier,
              c.phoneCode,
              c.expiry,
              c.locale,
              c.timezone,
              c.now,
              c.minutes,
            ]),
          )
          .join('\n') + '\n',
      ),
      eberSign.length,
    );
    eberSign.forEach((c, k) => {
      expect(out[k], c.name).toBe(signetUrl(c));
      if (c.url) expect(out[k], `${c.name} (vector)`).toBe(c.url);
      if (c.hash) expect(new URL(out[k]!).searchParams.get('hmac_hash'), `${c.name} (vector)`).toBe(c.hash);
    });
    cases += eberSign.length;
    const secret = 'Eb3r-Pub1ic-Test-Key';
    const before = new Date();
    const r = p.run([], '', { EBER_SECRET: secret });
    const after = new Date();
    expect(r.status, r.stderr).toBe(0);
    const expiry = new URL(r.stdout.trim()).searchParams.get('hmac_expiry_date')!;
    const allowed = [before, after].map((now) => expiryInMinutes(30, EBER_INPUTS.timezone, now));
    expect(allowed).toContain(expiry);
    expect(r.stdout).toBe(`${buildEberUrl({ ...EBER_INPUTS, secret, expiry }).url}\n`);
  });

  verifierRun(`eber verifier: ${eberVerifyCases.length} cases agree with verifyEberUrl`, () => {
    const p = programFor('eber', lang, 'verifier');
    const out = outputLines(
      p.run(['--batch'], eberVerifyCases.map((c) => line([c.secret, c.url, c.timezone, c.now])).join('\n') + '\n'),
      eberVerifyCases.length,
    );
    eberVerifyCases.forEach((c, k) => {
      const codes = verifyEberUrl({ ...c, now: new Date(c.now * 1000) }).codes;
      if (codes.length === 0) expect(out[k], c.name).toBe('valid');
      else
        expect(
          codes.map((code) => `invalid ${code}`),
          `${c.name}: ${out[k]}`,
        ).toContain(out[k]);
    });
    cases += eberVerifyCases.length;
    unsignedCount = out.filter((o) => o === 'invalid PHONE_CODE_MISSING' || o === 'invalid LOCALE_UNSUPPORTED').length;
    for (const pack of packs.eber) {
      const packOut = outputLines(
        p.run(
          ['--batch'],
          pack.cases
            .map((c) => line([PACK_EBER_SECRET, c.url!, pack.timezone!, Math.floor(Date.parse(String(c.now)) / 1000)]))
            .join('\n') + '\n',
        ),
        pack.cases.length,
      );
      expectPackVerdicts(pack, packOut);
      packCount += pack.cases.length;
    }
    // Every phone_code and locale case is judged exactly as Signet judges it (its first code, or valid).
    expect(unsignedCount, 'PHONE_CODE_MISSING and LOCALE_UNSUPPORTED verdicts').toBeGreaterThanOrEqual(
      (1 + EBER_LOCALE_CODES.length) * 3 + PHONE_LOCALE_CASES.filter((c) => c.identifierType === 'phone').length * 2,
    );
    const secret = 'Eb3r-Pub1ic-Test-Key';
    const url = buildEberUrl({ ...EBER_INPUTS, secret, expiry: expiryInMinutes(30, EBER_INPUTS.timezone) }).url;
    const ok = p.run([url], '', { EBER_SECRET: secret });
    expect([ok.stdout, ok.status], ok.stderr).toEqual(['valid\n', 0]);
    const bad = p.run([url.replace('%2B', '+')], '', { EBER_SECRET: secret });
    expect([bad.stdout, bad.status]).toEqual(['invalid HASH_MISMATCH\n', 1]);
  });
});
