import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { EBER_HINTS } from '../../common/eber/constants';
import { MMOB_HINTS } from '../../common/mmob/codes';
import { parseCsvHeader } from '../../common/batch/records';
import { packCsv, packHtml, packJsonl, packMarkdown, safeSvg, type Pack } from '../../common/packs';
import { base64, sha256 } from '../../common/packs/sha256';
import { createBatchVerifier, type BatchConfig } from '../batch/verify';
import { verifyMmob } from '../mmob/verify';
import { CATALOGUE } from './catalogue';
import { generateEberPack, generateMmobPack, nextRepeatedWallTime } from './generate';

// Hex text that is also base64, so a hex-decoding signer is a mistake the verifier can name.
const MMOB_SECRET = 'deadbeef0123456789abcdef01234567';
const EBER_SECRET = 'eber-qa-secret';
const NOW = new Date('2026-11-21T14:00:00Z');

const mmobPack = (now = NOW) =>
  generateMmobPack({ secret: MMOB_SECRET, cpId: 'cp-1', cpDeploymentId: 'dep-9', email: 'QA.User@example.com' }, now);
const eberPack = (
  timezone: string,
  now = NOW,
  identifier = 'qa.user@example.com',
  identifierType: 'email' | 'phone' | 'customId' = 'email',
) =>
  generateEberPack(
    {
      secret: EBER_SECRET,
      baseUrl: 'https://demo.eber.co',
      identifierType,
      identifier,
      phoneCode: 'MY',
      timezone,
      locale: 'en',
    },
    now,
  );

/** Runs the core batch verifier (what `signet verify-batch` runs) over a formatted pack. */
function batchVerdicts(pack: Pack, format: 'jsonl' | 'csv', secret?: string) {
  const text = format === 'jsonl' ? packJsonl(pack) : packCsv(pack);
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const config: BatchConfig = {
    scheme: pack.scheme,
    format,
    secret: secret ?? (pack.scheme === 'mmob' ? MMOB_SECRET : EBER_SECRET),
    nowSeconds: 0,
    nowMs: 0,
    timezone: pack.timezone,
    toleranceSeconds: pack.toleranceSeconds,
    details: true,
  };
  if (format === 'csv') config.csvColumns = parseCsvHeader(pack.scheme, lines.shift()!);
  const v = createBatchVerifier(config);
  return lines.map((l, i) => v.verifyRecord(l, i + 1));
}

function expectPackVerifies(pack: Pack, secret?: string) {
  for (const format of ['jsonl', 'csv'] as const) {
    const results = batchVerdicts(pack, format, secret);
    expect(results).toHaveLength(pack.cases.length);
    pack.cases.forEach((c, i) => {
      const r = results[i]!;
      expect('error' in r, `${format} ${c.id}`).toBe(false);
      if ('error' in r) return;
      // verify-batch judges each line alone: the replay reads as the case it repeats.
      const exp = c.replayOf ? pack.cases.find((o) => o.id === c.replayOf)!.expected : c.expected;
      expect({ id: c.id, valid: r.valid, codes: r.codes, hints: r.hints }).toEqual({
        id: c.id,
        valid: exp.valid,
        codes: exp.codes,
        hints: exp.hints,
      });
      const warnings = ((r.details as { explanations: { code: string; kind: string }[] }).explanations ?? [])
        .filter((e) => e.kind === 'warning')
        .map((e) => e.code);
      expect(warnings, `${c.id} warnings`).toEqual(exp.warnings);
    });
  }
}

describe('catalogue', () => {
  it('has an entry for every hint Signet names (fails when a hint is added without one: intended)', () => {
    const have = (scheme: string) =>
      CATALOGUE.filter((e) => e.scheme === scheme)
        .map((e) => e.hint)
        .sort();
    expect(have('mmob')).toEqual(Object.keys(MMOB_HINTS).sort());
    expect(have('eber')).toEqual(Object.keys(EBER_HINTS).sort());
    for (const e of CATALOGUE) expect(e.description).toMatch(/^[^\n]{10,140}$/);
  });
});

describe('mmob pack', () => {
  it('every case gets exactly its expected verdict, codes and hints from the batch verifier', () => {
    const pack = mmobPack();
    // Every hint is a case or a skip with its reason; for this identity (a non-empty ASCII email, one key) these
    // mistakes cannot show and are skipped (the secret is hex text, so SECRET_HEX_DECODED shows).
    expect(pack.skipped.map((s) => s.id).sort()).toEqual(
      [
        'EMAIL_NULL_LITERAL',
        'EMAIL_SEGMENT_DROPPED',
        'EMAIL_UNICODE_NORMALIZATION',
        'MESSAGE_LATIN1',
        'SIGNED_WITH_OTHER_KEY',
      ].map((h) => `mistake-${h}`),
    );
    for (const s of pack.skipped) expect(s.reason.length, s.id).toBeGreaterThan(10);
    const skipped = new Set(pack.skipped.map((s) => s.id));
    expect(pack.cases.map((c) => c.id)).toEqual([
      'valid',
      ...Object.keys(MMOB_HINTS)
        .map((h) => `mistake-${h}`)
        .filter((id) => !skipped.has(id)),
      'time-stale-over',
      'time-stale-within',
      'time-future-over',
      'time-future-within',
      'replay',
    ]);
    expectPackVerifies(pack);
  });

  it('an empty or non-ASCII email shows the email mistakes that need one', () => {
    const secret = 'c2lnbmV0LXFhLXBhY2stc2VjcmV0LWtleS0xMjM0NTY=';
    const noEmail = generateMmobPack({ secret, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email: '' }, NOW);
    const ids = (p: typeof noEmail) => p.cases.map((c) => c.id);
    expect(ids(noEmail)).toEqual(
      expect.arrayContaining(['mistake-EMAIL_SEGMENT_DROPPED', 'mistake-EMAIL_NULL_LITERAL']),
    );
    expectPackVerifies(noEmail, secret);
    const accented = generateMmobPack(
      { secret, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email: 'jos\u00e9@example.com' },
      NOW,
    );
    expect(ids(accented)).toEqual(
      expect.arrayContaining(['mistake-MESSAGE_LATIN1', 'mistake-EMAIL_UNICODE_NORMALIZATION']),
    );
    expectPackVerifies(accented, secret);
  });

  it('the replay is refused by a verifier that remembers nonces', () => {
    const pack = mmobPack();
    const valid = pack.cases[0]!;
    const replay = pack.cases.find((c) => c.kind === 'replay')!;
    const seen = new Set([valid.signature!.split(':')[2]!]);
    const r = verifyMmob({
      secret: MMOB_SECRET,
      signature: replay.signature!,
      cpId: 'cp-1',
      cpDeploymentId: 'dep-9',
      email: 'QA.User@example.com',
      now: replay.now as number,
      seenNonces: seen,
    });
    expect({ valid: r.valid, codes: r.codes, hints: r.hints, warnings: [] }).toEqual(replay.expected);
    expect(replay.expected).toEqual({ valid: false, codes: ['NONCE_REUSED'], hints: [], warnings: [] });
  });

  it('skips what an identity cannot show, and says why', () => {
    const secret = 'c2lnbmV0LXFhLXBhY2stc2VjcmV0LWtleS0xMjM0NTY=';
    const pack = generateMmobPack({ secret, cpId: 'same', cpDeploymentId: 'same', email: '' }, NOW);
    expect(pack.skipped.map((s) => s.id).sort()).toEqual([
      'mistake-EMAIL_MISMATCH',
      'mistake-EMAIL_UNICODE_NORMALIZATION',
      'mistake-FIELDS_SWAPPED',
      'mistake-MESSAGE_LATIN1',
      'mistake-SECRET_HEX_DECODED',
      'mistake-SIGNED_WITH_OTHER_KEY',
    ]);
    expectPackVerifies(pack, secret);
  });
});

describe('Eber pack', () => {
  it.each(['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Singapore'])(
    '%s: verifies as expected',
    (tz) => {
      const pack = eberPack(tz);
      const repeated = pack.cases.find((c) => c.id === 'time-repeated-hour');
      expect(repeated === undefined).toBe(tz === 'Asia/Singapore');
      expectPackVerifies(pack);
    },
  );

  it('verifies for phone and custom-id identifiers, and at a time inside a repeated hour', () => {
    expectPackVerifies(eberPack('Asia/Kuala_Lumpur', NOW, '+60123456789', 'phone'));
    expectPackVerifies(eberPack('Europe/Paris', NOW, 'Member-42', 'customId'));
    expectPackVerifies(eberPack('Europe/London', new Date('2026-10-25T00:45:00Z')));
  });

  it('a hex secret, a non-ASCII email and a custom id with "%XX" show the mistakes that need them', () => {
    const make = (identifier: string, identifierType: 'email' | 'customId', secret: string) =>
      generateEberPack(
        { secret, baseUrl: 'https://demo.eber.co', identifierType, identifier, timezone: 'Asia/Singapore' },
        NOW,
      );
    const ids = (p: Pack) => p.cases.map((c) => c.id);
    const accented = make('j\u00fcrgen@example.com', 'email', '5369676e65744b6579f00d');
    expect(ids(accented)).toEqual(
      expect.arrayContaining(
        [
          'SECRET_HEX_DECODED',
          'IDENTIFIER_LATIN1',
          'IDENTIFIER_UNICODE_FORM',
          'EXPIRY_IN_UTC',
          'EXPIRY_IN_OTHER_ZONE',
        ].map((h) => `mistake-${h}`),
      ),
    );
    expectPackVerifies(accented, '5369676e65744b6579f00d');
    const percent = make('id%41-7', 'customId', EBER_SECRET);
    expect(ids(percent)).toContain('mistake-IDENTIFIER_CUT_SHORT');
    expectPackVerifies(percent);
  });

  it('finds the next repeated hour', () => {
    expect(nextRepeatedWallTime('Europe/London', NOW.getTime())).toEqual({
      expiry: '2027-10-31 01:30:00',
      firstReading: Date.parse('2027-10-31T00:30:00Z'),
    });
    expect(nextRepeatedWallTime('Asia/Tokyo', NOW.getTime())).toBeNull();
  });
});

describe('formats', () => {
  it('sha256 matches node:crypto', () => {
    for (const s of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'é€😀'.repeat(40)])
      expect(base64(sha256(s))).toBe(createHash('sha256').update(s, 'utf8').digest('base64'));
  });

  it('HTML: strict CSP by hash, everything escaped, QR codes only as plain SVG', async () => {
    const pack = eberPack('Europe/London');
    pack.identity.note = '<script>alert(1)</script>"\'&';
    const svg = await QRCode.toString('https://demo.eber.co/login/hmac?a=1', { type: 'svg' });
    expect(safeSvg(svg)).not.toBeNull();
    expect(safeSvg('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')).toBeNull();
    const html = packHtml(pack, () => svg);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(1)');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!.replaceAll('&#39;', "'");
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]+=*'; style-src 'sha256-/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(html).not.toMatch(/\s(src|style|on[a-z]+)=/);
    expect(html.match(/<svg /g)).toHaveLength(pack.cases.length);
  });

  it('Markdown checklist and CSV: one line per case', () => {
    const pack = mmobPack();
    const md = packMarkdown(pack);
    expect(md.match(/^- \[ \] /gm)).toHaveLength(pack.cases.length);
    expect(packCsv(pack).trimEnd().split('\r\n')).toHaveLength(pack.cases.length + 1);
  });
});
