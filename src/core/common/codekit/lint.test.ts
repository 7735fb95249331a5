import { describe, expect, it } from 'vitest';
import { EBER_HINTS } from '../eber/constants';
import { MMOB_HINTS } from '../mmob/codes';
import { CODE_LANGS, generateCode } from './index';
import { lintCode, LINT_RULES, type LintLang, type LintRule, type LintScheme } from './lint';

interface Case {
  rule: LintRule;
  lang: LintLang;
  scheme: LintScheme;
  bad: string;
  good: string;
}

const CASES: Case[] = [
  // hash_hmac argument order
  {
    rule: 'HMAC_ARGUMENT_ORDER',
    lang: 'php',
    scheme: 'eber',
    bad: `<?php $hash = hash_hmac('sha256', $secret, $email . $expiry);`,
    good: `<?php $hash = hash_hmac('sha256', $email . $expiry, $secret);`,
  },
  {
    rule: 'HMAC_ARGUMENT_ORDER',
    lang: 'js',
    scheme: 'eber',
    bad: `const hash = createHmac('sha256', email + expiry).update(secret).digest('hex');`,
    good: `const hash = createHmac('sha256', secret).update(email + expiry).digest('hex');`,
  },
  {
    rule: 'HMAC_ARGUMENT_ORDER',
    lang: 'python',
    scheme: 'eber',
    bad: `h = hmac.new((email + expiry).encode(), secret.encode(), hashlib.sha256).hexdigest()`,
    good: `h = hmac.new(secret.encode(), (email + expiry).encode(), hashlib.sha256).hexdigest()`,
  },
  // the mmob key used as text
  {
    rule: 'MMOB_KEY_NOT_DECODED',
    lang: 'php',
    scheme: 'mmob',
    bad: `<?php $mac = base64_encode(hash_hmac('sha256', "$ts:$cpId:$deployment:$email:$nonce", $secret, true));`,
    good: `<?php $mac = base64_encode(hash_hmac('sha256', "$ts:$cpId:$deployment:$email:$nonce", base64_decode($secret), true));`,
  },
  {
    rule: 'MMOB_KEY_NOT_DECODED',
    lang: 'js',
    scheme: 'mmob',
    bad: `const mac = createHmac('sha256', secret).update(\`\${ts}:\${cpId}:\${cpDeploymentId}:\${email}:\${nonce}\`).digest('base64');`,
    good: `const mac = createHmac('sha256', Buffer.from(secret, 'base64')).update(\`\${ts}:\${cpId}:\${cpDeploymentId}:\${email}:\${nonce}\`).digest('base64');`,
  },
  {
    rule: 'MMOB_KEY_NOT_DECODED',
    lang: 'python',
    scheme: 'mmob',
    bad: `mac = base64.b64encode(hmac.new(secret.encode(), f"{ts}:{cp_id}:{deployment}:{email}:{nonce}".encode(), hashlib.sha256).digest())`,
    good: `mac = base64.b64encode(hmac.new(base64.b64decode(secret), f"{ts}:{cp_id}:{deployment}:{email}:{nonce}".encode(), hashlib.sha256).digest())`,
  },
  // milliseconds
  {
    rule: 'TIMESTAMP_NOT_SECONDS',
    lang: 'js',
    scheme: 'mmob',
    bad: `const ts = Date.now(); // cpId nonce`,
    good: `const ts = Math.floor(Date.now() / 1000); // cpId nonce`,
  },
  {
    rule: 'TIMESTAMP_NOT_SECONDS',
    lang: 'js',
    scheme: 'mmob',
    bad: `const ts = Date.now() / 1000; // cpId nonce`,
    good: `const ts = Math.trunc(Date.now() / 1000); // cpId nonce`,
  },
  {
    rule: 'TIMESTAMP_NOT_SECONDS',
    lang: 'php',
    scheme: 'mmob',
    bad: `<?php $ts = round(microtime(true) * 1000); // cpId nonce`,
    good: `<?php $ts = time(); // cpId nonce`,
  },
  {
    rule: 'TIMESTAMP_NOT_SECONDS',
    lang: 'python',
    scheme: 'mmob',
    bad: `ts = int(time.time() * 1000)  # cp_id nonce`,
    good: `ts = int(time.time())  # cp_id nonce`,
  },
  // the identifier unencoded in the URL
  {
    rule: 'IDENTIFIER_NOT_URL_ENCODED',
    lang: 'php',
    scheme: 'eber',
    bad: `<?php $url = "https://demo.eber.co/login/hmac?hmac_email=" . $email . "&hmac_hash=" . $hash;`,
    good: `<?php $url = "https://demo.eber.co/login/hmac?hmac_email=" . urlencode($email) . "&hmac_hash=" . $hash;`,
  },
  {
    rule: 'IDENTIFIER_NOT_URL_ENCODED',
    lang: 'php',
    scheme: 'eber',
    bad: `<?php $url = "https://demo.eber.co/login/hmac?hmac_email=$email&hmac_hash=$hash";`,
    good: `<?php $url = 'https://demo.eber.co/login/hmac?' . http_build_query(['hmac_email' => $email, 'hmac_hash' => $hash]);`,
  },
  {
    rule: 'IDENTIFIER_NOT_URL_ENCODED',
    lang: 'js',
    scheme: 'eber',
    bad: 'const url = `https://demo.eber.co/login/hmac?hmac_email=${email}&hmac_hash=${hash}`;',
    good: 'const url = `https://demo.eber.co/login/hmac?hmac_email=${encodeURIComponent(email)}&hmac_hash=${hash}`;',
  },
  {
    rule: 'IDENTIFIER_NOT_URL_ENCODED',
    lang: 'python',
    scheme: 'eber',
    bad: `url = f"https://demo.eber.co/login/hmac?hmac_email={email}&hmac_hash={h}"`,
    good: `url = f"https://demo.eber.co/login/hmac?hmac_email={quote_plus(email)}&hmac_hash={h}"`,
  },
  // the expiry encoded before hashing
  {
    rule: 'EXPIRY_ENCODED_BEFORE_HASHING',
    lang: 'php',
    scheme: 'eber',
    bad: `<?php $hash = hash_hmac('sha256', $email . urlencode($expiry), $secret);`,
    good: `<?php $hash = hash_hmac('sha256', $email . $expiry, $secret);`,
  },
  {
    rule: 'EXPIRY_ENCODED_BEFORE_HASHING',
    lang: 'js',
    scheme: 'eber',
    bad: `const hash = createHmac('sha256', secret).update(email + encodeURIComponent(expiry)).digest('hex');`,
    good: `const hash = createHmac('sha256', secret).update(email + expiry).digest('hex');`,
  },
  {
    rule: 'EXPIRY_ENCODED_BEFORE_HASHING',
    lang: 'python',
    scheme: 'eber',
    bad: `h = hmac.new(secret.encode(), (email + quote_plus(expiry)).encode(), hashlib.sha256).hexdigest()`,
    good: `h = hmac.new(secret.encode(), (email + expiry).encode(), hashlib.sha256).hexdigest()`,
  },
  // hex vs base64 for the scheme
  {
    rule: 'DIGEST_HEX_FOR_MMOB',
    lang: 'php',
    scheme: 'mmob',
    bad: `<?php $mac = base64_encode(hash_hmac('sha256', "$ts:$cpId:$deployment:$email:$nonce", base64_decode($secret)));`,
    good: `<?php $mac = base64_encode(hash_hmac('sha256', "$ts:$cpId:$deployment:$email:$nonce", base64_decode($secret), true));`,
  },
  {
    rule: 'DIGEST_HEX_FOR_MMOB',
    lang: 'js',
    scheme: 'mmob',
    bad: `const mac = createHmac('sha256', Buffer.from(secret, 'base64')).update(canonical).digest('hex'); // cpId nonce`,
    good: `const mac = createHmac('sha256', Buffer.from(secret, 'base64')).update(canonical).digest('base64'); // cpId nonce`,
  },
  {
    rule: 'DIGEST_HEX_FOR_MMOB',
    lang: 'python',
    scheme: 'mmob',
    bad: `mac = hmac.new(base64.b64decode(secret), canonical.encode(), hashlib.sha256).hexdigest()  # cp_id nonce`,
    good: `mac = base64.b64encode(hmac.new(base64.b64decode(secret), canonical.encode(), hashlib.sha256).digest())  # cp_id nonce`,
  },
  {
    rule: 'DIGEST_BASE64_FOR_EBER',
    lang: 'php',
    scheme: 'eber',
    bad: `<?php $hash = base64_encode(hash_hmac('sha256', $email . $expiry, $secret, true));`,
    good: `<?php $hash = hash_hmac('sha256', $email . $expiry, $secret);`,
  },
  {
    rule: 'DIGEST_BASE64_FOR_EBER',
    lang: 'js',
    scheme: 'eber',
    bad: `const hash = createHmac('sha256', secret).update(email + expiry).digest('base64');`,
    good: `const hash = createHmac('sha256', secret).update(email + expiry).digest('hex');`,
  },
  {
    rule: 'DIGEST_BASE64_FOR_EBER',
    lang: 'python',
    scheme: 'eber',
    bad: `h = base64.b64encode(hmac.new(secret.encode(), (email + expiry).encode(), hashlib.sha256).digest())`,
    good: `h = hmac.new(secret.encode(), (email + expiry).encode(), hashlib.sha256).hexdigest()`,
  },
  {
    rule: 'DIGEST_UPPERCASE_FOR_EBER',
    lang: 'php',
    scheme: 'eber',
    bad: `<?php $hash = strtoupper(hash_hmac('sha256', $email . $expiry, $secret));`,
    good: `<?php $hash = hash_hmac('sha256', $email . $expiry, $secret);`,
  },
  // == instead of a constant-time compare
  {
    rule: 'NON_CONSTANT_TIME_COMPARE',
    lang: 'php',
    scheme: 'eber',
    bad: `<?php if ($expected == $_GET['hmac_hash']) { login(); }`,
    good: `<?php if (hash_equals($expected, $_GET['hmac_hash'])) { login(); }`,
  },
  {
    rule: 'NON_CONSTANT_TIME_COMPARE',
    lang: 'js',
    scheme: 'mmob',
    bad: `if (expectedMac === receivedMac) accept(); // cpId nonce`,
    good: `if (timingSafeEqual(Buffer.from(expectedMac), Buffer.from(receivedMac))) accept(); // cpId nonce`,
  },
  {
    rule: 'NON_CONSTANT_TIME_COMPARE',
    lang: 'python',
    scheme: 'eber',
    bad: `if expected == received_hash:\n    login()`,
    good: `if hmac.compare_digest(expected, received_hash):\n    login()`,
  },
];

describe('lint-code', () => {
  it('has a bad and a good snippet for every rule', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(Object.keys(LINT_RULES)));
  });

  it.each(CASES.map((c, k) => [`${c.rule} ${c.lang} #${k}`, c] as const))('%s: bad flagged, good clean', (_, c) => {
    const bad = lintCode(c.bad, { lang: c.lang, scheme: c.scheme });
    expect(
      bad.warnings.map((w) => w.rule),
      c.bad,
    ).toContain(c.rule);
    const good = lintCode(c.good, { lang: c.lang, scheme: c.scheme });
    expect(
      good.warnings.map((w) => w.rule),
      c.good,
    ).not.toContain(c.rule);
  });

  it('links every warning to a verification code and a hint, saying when the hint is only proposed', () => {
    const known = new Set([...Object.keys(MMOB_HINTS), ...Object.keys(EBER_HINTS)]);
    for (const c of CASES)
      for (const w of lintCode(c.bad, { lang: c.lang, scheme: c.scheme }).warnings) {
        expect(w.causes.length).toBeGreaterThan(0);
        expect(w.hintExists).toBe(known.has(w.hint));
      }
    const r = lintCode(`<?php $h = hash_hmac('sha256', $secret, $email);`);
    expect(r.note).toMatch(/not a proof/);
  });

  it('links each rule to a hint Signet emits, except the timing leak (no verifier can see one)', () => {
    const seen = new Map<string, boolean>();
    for (const c of CASES)
      for (const w of lintCode(c.bad, { lang: c.lang, scheme: c.scheme }).warnings) seen.set(w.rule, w.hintExists);
    expect(new Set(seen.keys())).toEqual(new Set(Object.keys(LINT_RULES)));
    expect([...seen].filter(([, exists]) => !exists).map(([rule]) => rule)).toEqual(['NON_CONSTANT_TIME_COMPARE']);
  });

  it('detects the language and the scheme', () => {
    expect(lintCode(`<?php echo hash_hmac('sha256', $m, $k);`).lang).toBe('php');
    expect(lintCode(`import hmac\nhmac.new(k, m, hashlib.sha256)`).lang).toBe('python');
    expect(lintCode(`const h = createHmac('sha256', k)`).lang).toBe('js');
    expect(lintCode(`hmac_email=`).scheme).toBe('eber');
    expect(lintCode(`cpDeploymentId nonce`).scheme).toBe('mmob');
  });

  it("finds nothing in the code kit's own PHP, Node and Python programs", () => {
    const langs = { php: 'php', node: 'js', python: 'python' } as const;
    for (const lang of CODE_LANGS.filter((l): l is keyof typeof langs => l in langs))
      for (const role of ['signer', 'verifier'] as const) {
        const mmob = generateCode({
          scheme: 'mmob',
          lang,
          role,
          inputs: {
            cpId: 'cp_1',
            cpDeploymentId: 'cpd_1',
            email: 'a@b.co',
            toleranceSeconds: 60,
            secretEnv: 'MMOB_SECRET',
          },
        });
        expect(lintCode(mmob.code, { lang: langs[lang], scheme: 'mmob' }).warnings, `mmob ${lang} ${role}`).toEqual([]);
        const eber = generateCode({
          scheme: 'eber',
          lang,
          role,
          inputs: {
            identifierType: 'email',
            identifier: 'a@b.co',
            phoneCode: '',
            baseUrl: 'https://demo.eber.co',
            timezone: 'Asia/Singapore',
            expiryMinutes: 30,
            locale: '',
            secretEnv: 'EBER_SECRET',
          },
        });
        expect(lintCode(eber.code, { lang: langs[lang], scheme: 'eber' }).warnings, `eber ${lang} ${role}`).toEqual([]);
      }
  });
});
