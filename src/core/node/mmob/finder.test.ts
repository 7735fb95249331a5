import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../testing/vectors';
import { MMOB_HINTS, type MmobHint } from '../../common/mmob/codes';
import type { MmobAlternateSecret } from '../../common/mmob/signature';
import { createMmobVerifier, verifyMmob } from './verify';

interface HintVector {
  name: string;
  hints: MmobHint[];
  secret: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  now: number;
  toleranceSeconds: number;
  signature: string;
  valid: boolean;
  codes: string[];
  computedWith: string;
  alternates?: MmobAlternateSecret[];
}

const VECTORS = JSON.parse(readFileSync(join(PROJECT_ROOT, 'vectors/mmob-hints.json'), 'utf8')) as HintVector[];

describe('mmob-hints.json (computed with python3 hmac/hashlib)', () => {
  it('has a vector for every hint, each with the command that computed it', () => {
    const covered = new Set(VECTORS.flatMap((v) => v.hints));
    expect((Object.keys(MMOB_HINTS) as MmobHint[]).filter((h) => !covered.has(h))).toEqual([]);
    for (const v of VECTORS) expect(v.computedWith).toMatch(/^python3 -c '/);
  });
  for (const v of VECTORS) {
    it(`names ${v.hints.join(' + ')}: ${v.name}`, () => {
      const r = verifyMmob(v);
      expect(r.valid).toBe(false);
      expect(r.codes).toEqual(v.codes);
      expect(r.hints).toEqual(v.hints);
      for (const h of v.hints) expect(r.details.explanations.some((e) => e.kind === 'hint' && e.code === h)).toBe(true);
      // Without the alternates, another key's signature is explained by nothing.
      if (v.alternates) expect(verifyMmob({ ...v, alternates: undefined }).hints).toEqual([]);
    });
  }
});

describe('explanations name the specifics', () => {
  const byName = (name: string) => VECTORS.find((v) => v.name === name)!;
  it("names the other key's label, and never its secret", () => {
    const v = byName("signed with profile Staging's key");
    const r = verifyMmob(v);
    expect(r.details.signedWith).toBe('Staging');
    const text = r.details.explanations.find((e) => e.code === 'SIGNED_WITH_OTHER_KEY')!.text;
    expect(text).toContain("'Staging'");
    expect(JSON.stringify(r)).not.toContain(v.alternates![0]!.secret);
  });
  it('says how many hours the timestamp is off', () => {
    const text = (name: string) =>
      verifyMmob(byName(name)).details.explanations.find((e) => e.code === 'TIMESTAMP_OFF_BY_HOURS')!.text;
    expect(text('local time UTC+2 taken as epoch')).toContain('2 hours ahead (UTC+2 local time)');
    expect(text('local time UTC-5 taken as epoch')).toContain('5 hours behind (UTC−5 local time)');
    expect(text('local time UTC+5:45 taken as epoch')).toContain('5 h 45 min ahead (UTC+5:45 local time)');
  });
  it('a stale signature far from any zone offset gets no offset hint', () => {
    const v = byName('local time UTC+2 taken as epoch');
    expect(verifyMmob({ ...v, now: v.now + 900 }).hints).toEqual([]);
  });
});

describe('SECRET_NOT_CANONICAL_BASE64 at verify time', () => {
  const v = VECTORS[0]!;
  it.each([
    ['url-safe', v.secret.replaceAll('+', '-').replaceAll('/', '_') + '-', 'url-safe characters', 'Java Base64.getDecoder()'],
    ['unpadded', v.secret.replace(/=+$/, ''), 'missing "=" padding', 'Go StdEncoding'],
    ['whitespace', `${v.secret}\n`, 'whitespace', 'b64decode(validate=True)'],
    ['leftover bits', 'QR==', 'leftover bits', 'Strict()'],
  ])('warns for a %s secret with the key length and the decoders that differ', (_label, secret, reason, decoder) => {
    const r = verifyMmob({ ...v, secret });
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings[0]!;
    expect(w).toMatchObject({ code: 'SECRET_NOT_CANONICAL_BASE64', kind: 'warning' });
    expect(w.text).toContain(reason);
    expect(w.text).toContain(`${Buffer.from(secret, 'base64').length}-byte key`);
    expect(w.text).toContain(decoder);
  });
  it('does not warn for a strict secret', () => {
    expect(verifyMmob(v).warnings).toEqual([]);
  });
});

// ---- Property tests: signatures made by an independent signer (createHmac) with injected mistakes ----

type Category = 'key' | 'message' | 'alg' | 'form' | 'time';
interface Spec {
  key: Buffer;
  secretText: string;
  swapped: boolean;
  alternates: MmobAlternateSecret[];
  cpId: string;
  cpDeploymentId: string;
  /** The email the verifier is given, and the one signed. */
  email: string;
  signedEmail: string;
  dropEmail: boolean;
  suffix: string;
  latin1: boolean;
  /** The timestamp sent in the signature, and the one signed. */
  ts: number;
  signedTs: number;
  alg: 'sha256' | 'sha1' | 'sha512' | 'md5';
  form: 'b64' | 'hex' | 'url' | 'url-unpadded' | 'b64-of-hex';
  now: number;
}
type EmailNeed = 'empty' | 'latin1' | 'any';
interface Mistake {
  hint: MmobHint;
  category: Category;
  email: EmailNeed;
  apply: (s: Spec, other: Buffer) => void;
}

const ACCENTED = 'José.Ñandú@Example.com';
const MISTAKES: Mistake[] = [
  { hint: 'SECRET_USED_AS_TEXT', category: 'key', email: 'any', apply: (s) => void (s.key = Buffer.from(s.secretText)) },
  {
    hint: 'SECRET_TEXT_WITH_WHITESPACE',
    category: 'key',
    email: 'any',
    apply: (s) => void (s.key = Buffer.from(`${s.secretText}\r\n`)),
  },
  { hint: 'HMAC_ARGUMENTS_SWAPPED', category: 'key', email: 'any', apply: (s) => void (s.swapped = true) },
  {
    hint: 'SIGNED_WITH_OTHER_KEY',
    category: 'key',
    email: 'any',
    apply: (s, other) => {
      s.key = other;
      s.alternates = [{ label: 'Staging', secret: other.toString('base64') }];
    },
  },
  { hint: 'EMAIL_MISMATCH', category: 'message', email: 'latin1', apply: (s) => void (s.signedEmail = s.signedEmail.toLowerCase()) },
  { hint: 'EMAIL_SEGMENT_DROPPED', category: 'message', email: 'empty', apply: (s) => void (s.dropEmail = true) },
  { hint: 'EMAIL_NULL_LITERAL', category: 'message', email: 'empty', apply: (s) => void (s.signedEmail = 'None') },
  {
    hint: 'EMAIL_UNICODE_NORMALIZATION',
    category: 'message',
    email: 'latin1',
    apply: (s) => void (s.signedEmail = s.signedEmail.normalize('NFD')),
  },
  {
    hint: 'FIELDS_SWAPPED',
    category: 'message',
    email: 'any',
    apply: (s) => void ([s.cpId, s.cpDeploymentId] = [s.cpDeploymentId, s.cpId]),
  },
  { hint: 'TIMESTAMP_IN_MILLISECONDS', category: 'message', email: 'any', apply: (s) => void (s.signedTs *= 1000) },
  { hint: 'MESSAGE_TRAILING_NEWLINE', category: 'message', email: 'any', apply: (s) => void (s.suffix = '\n') },
  { hint: 'MESSAGE_LATIN1', category: 'message', email: 'latin1', apply: (s) => void (s.latin1 = true) },
  { hint: 'ALGORITHM_SHA1', category: 'alg', email: 'any', apply: (s) => void (s.alg = 'sha1') },
  { hint: 'ALGORITHM_SHA512', category: 'alg', email: 'any', apply: (s) => void (s.alg = 'sha512') },
  { hint: 'ALGORITHM_MD5', category: 'alg', email: 'any', apply: (s) => void (s.alg = 'md5') },
  { hint: 'DIGEST_HEX', category: 'form', email: 'any', apply: (s) => void (s.form = 'hex') },
  { hint: 'DIGEST_BASE64URL', category: 'form', email: 'any', apply: (s) => void (s.form = 'url-unpadded') },
  { hint: 'DIGEST_BASE64_OF_HEX', category: 'form', email: 'any', apply: (s) => void (s.form = 'b64-of-hex') },
  {
    hint: 'TIMESTAMP_OFF_BY_HOURS',
    category: 'time',
    email: 'any',
    // Local time at UTC+3 taken as epoch: the timestamp sent and signed are 3 hours ahead.
    apply: (s) => {
      const inMilliseconds = s.signedTs !== s.ts;
      s.ts += 3 * 3600;
      s.signedTs = inMilliseconds ? s.ts * 1000 : s.ts;
    },
  },
];
const ORDER: Category[] = ['key', 'message', 'alg', 'form', 'time'];

function compatible(a: Mistake, b: Mistake): boolean {
  if (a.hint === b.hint) return false;
  // One mistake per kind, except the message, where any two differ.
  if (a.category === b.category && a.category !== 'message') return false;
  if ((a.email === 'empty' && b.email === 'latin1') || (a.email === 'latin1' && b.email === 'empty')) return false;
  if (a.email === 'empty' && b.email === 'empty') return false;
  const pair = new Set([a.hint, b.hint]);
  if (pair.has('EMAIL_UNICODE_NORMALIZATION') && pair.has('MESSAGE_LATIN1')) return false; // NFD is not Latin-1
  // The finder swaps only the right key; the swapped form is tried with one more mistake of the message or digest.
  if (pair.has('HMAC_ARGUMENTS_SWAPPED') && pair.has('SIGNED_WITH_OTHER_KEY')) return false;
  return true;
}

/** The hints in the order Signet lists them: key, message (in the finder's order), algorithm, form, time. */
function expectedOrder(mistakes: Mistake[]): MmobHint[] {
  const rank = (m: Mistake) => ORDER.indexOf(m.category) * 100 + MISTAKES.indexOf(m);
  return [...mistakes].sort((a, b) => rank(a) - rank(b)).map((m) => m.hint);
}

function sign(s: Spec): string {
  const head = `${s.signedTs}:${s.cpId}:${s.cpDeploymentId}`;
  const text = `${s.dropEmail ? head : `${head}:${s.signedEmail}`}:${NONCE}${s.suffix}`;
  const message = Buffer.from(text, s.latin1 ? 'latin1' : 'utf8');
  const h = s.swapped ? createHmac(s.alg, message).update(s.key) : createHmac(s.alg, s.key).update(message);
  const digest = h.digest();
  const mac = {
    b64: () => digest.toString('base64'),
    hex: () => digest.toString('hex'),
    url: () => digest.toString('base64').replaceAll('+', '-').replaceAll('/', '_'),
    'url-unpadded': () => digest.toString('base64url'),
    'b64-of-hex': () => Buffer.from(digest.toString('hex')).toString('base64'),
  }[s.form]();
  return `${s.ts}:${mac}:${NONCE}`;
}

const NONCE = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const id = fc.stringMatching(/^[A-Za-z0-9_]{1,16}$/);
const world = fc.record({
  key: fc.uint8Array({ minLength: 16, maxLength: 64 }),
  other: fc.uint8Array({ minLength: 16, maxLength: 64 }),
  cpId: id,
  cpDeploymentId: id,
  ts: fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
  delay: fc.integer({ min: 0, max: 30 }),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function baseSpec(w: World, email: string): Spec {
  const key = Buffer.from(w.key);
  return {
    key,
    secretText: key.toString('base64'),
    swapped: false,
    alternates: [],
    cpId: w.cpId,
    cpDeploymentId: w.cpDeploymentId,
    email,
    signedEmail: email,
    dropEmail: false,
    suffix: '',
    latin1: false,
    ts: w.ts,
    signedTs: w.ts,
    alg: 'sha256',
    form: 'b64',
    now: w.ts + w.delay,
  };
}

function verifySpec(s: Spec, secret: string) {
  return createMmobVerifier(secret).verify({
    signature: sign(s),
    cpId: w0(s).cpId,
    cpDeploymentId: w0(s).cpDeploymentId,
    email: s.email,
    now: s.now,
    toleranceSeconds: 60,
    alternates: s.alternates,
  });
}
/** The fields the verifier is given: the original ones, whatever the signer swapped. */
const original = new WeakMap<Spec, { cpId: string; cpDeploymentId: string }>();
const w0 = (s: Spec) => original.get(s)!;

function run(mistakes: Mistake[], w: World) {
  const needs = new Set(mistakes.map((m) => m.email));
  const email = needs.has('empty') ? '' : ACCENTED;
  const s = baseSpec(w, email);
  original.set(s, { cpId: w.cpId, cpDeploymentId: w.cpDeploymentId });
  const secret = s.secretText;
  for (const m of mistakes) m.apply(s, Buffer.from(w.other));
  return verifySpec(s, secret);
}

const distinct = (w: World) =>
  w.cpId !== w.cpDeploymentId && !Buffer.from(w.key).equals(Buffer.from(w.other));

describe('mistake finder properties', () => {
  it('a valid signature never gets a hint (any fields, any alternates)', () => {
    fc.assert(
      fc.property(world, fc.string({ maxLength: 40 }), (w, email) => {
        const s = baseSpec(w, email);
        original.set(s, { cpId: w.cpId, cpDeploymentId: w.cpDeploymentId });
        s.alternates = [{ label: 'x', secret: Buffer.from(w.other).toString('base64') }];
        const r = verifySpec(s, s.secretText);
        expect(r.valid).toBe(true);
        expect(r.hints).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  for (const m of MISTAKES) {
    it(`names ${m.hint} alone`, () => {
      fc.assert(
        fc.property(world.filter(distinct), (w) => {
          const r = run([m], w);
          expect(r.valid).toBe(false);
          expect(r.hints).toEqual([m.hint]);
        }),
        { numRuns: 15 },
      );
    });
  }

  const pairs: [Mistake, Mistake][] = [];
  MISTAKES.forEach((a, i) => MISTAKES.slice(i + 1).forEach((b) => compatible(a, b) && pairs.push([a, b])));
  it(`names each of the ${pairs.length} compatible pairs as that pair`, () => {
    expect(pairs.length).toBeGreaterThan(100);
    for (const [a, b] of pairs) {
      fc.assert(
        fc.property(world.filter(distinct), (w) => {
          const r = run([a, b], w);
          expect(r.valid).toBe(false);
          expect(r.hints).toEqual(expectedOrder([a, b]));
        }),
        { numRuns: 2 },
      );
    }
  }, 120_000);
});

describe('maxMistakes: 1 (a bounded finder for huge batches)', () => {
  it('names single mistakes only', () => {
    const single = VECTORS.find((v) => v.name === 'HMAC-SHA1')!;
    const pair = VECTORS.find((v) => v.name === 'HMAC-SHA1 as hex')!;
    const other = VECTORS.find((v) => v.name === "signed with profile Staging's key")!;
    const bounded = (v: HintVector) => createMmobVerifier(v.secret, { maxMistakes: 1 }).verify(v);
    expect(bounded(single).hints).toEqual(['ALGORITHM_SHA1']);
    expect(bounded(pair).hints).toEqual([]);
    expect(bounded(other).hints).toEqual(['SIGNED_WITH_OTHER_KEY']);
  });
});
