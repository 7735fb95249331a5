/**
 * Signet against a live PHP, for random input: the hash (hash_hmac('sha256', $identifier . $expiry, $key) with
 * random key bytes, not only UTF-8) and the query as $_GET holds it (parse_str). Skipped, loudly, where php is
 * not on PATH; on CI (CI=true) a missing php fails instead.
 */
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eberDigest } from './hash';
import { readPhpQuery } from './query';
import { buildEberUrl } from './url';
import { verifyEberUrl } from './verify';

const PHP = spawnSync('php', ['-v'], { encoding: 'utf8' });
const HAVE_PHP = PHP.status === 0 && /^PHP 8\./.test(PHP.stdout);
const ON_CI = process.env.CI === 'true';
if (!HAVE_PHP)
  console.warn(
    '\n*** SKIPPED: the live-PHP property test of Eber hashing and query reading needs php 8 on PATH (Debian: apt-get install php-cli) ***\n',
  );

const SCRIPT = `
$cases = json_decode(stream_get_contents(STDIN), true);
foreach ($cases as $c) {
  $out = [];
  if (isset($c["k"])) $out["h"] = hash_hmac("sha256", base64_decode($c["m"]), base64_decode($c["k"]));
  if (isset($c["q"])) { parse_str($c["q"], $get); $out["get"] = $get; }
  if (isset($c["url"])) {
    parse_str(parse_url($c["url"], PHP_URL_QUERY), $g);
    $id = $g["hmac_custom_id"] ?? null;
    $out["id"] = $id;
    $out["ok"] = is_string($id) && hash_equals(hash_hmac("sha256", $id . ($g["hmac_expiry_date"] ?? ""), base64_decode($c["secret"])), $g["hmac_hash"]);
  }
  echo json_encode($out, JSON_INVALID_UTF8_SUBSTITUTE), "\\n";
}`;

type Answer = { h?: string; get?: Record<string, unknown>; id?: string | null; ok?: boolean };
function php(cases: object[]): Answer[] {
  const r = spawnSync('php', ['-r', SCRIPT], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`php failed: ${r.stderr}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Answer);
}

const QUERY_PIECES = [
  'hmac_email',
  'hmac.email',
  'hmac email',
  ' hmac_email',
  'hmac_email[]',
  'hmac_email[',
  'hmac_hash',
  'hmac_expiry_date',
  'a',
  '=',
  '&',
  '+',
  '%2B',
  '%20',
  '%zz',
  '%',
  '%4',
  '%41',
  '%C3%A9',
  '%FC',
  'é',
  '.',
  '[',
  ']',
  'x',
];

describe('Signet agrees with a live PHP 8', () => {
  it.runIf(!HAVE_PHP && ON_CI)('has php on PATH (CI=true: the live-PHP test must run)', () => {
    throw new Error('php 8 is not on PATH, and on CI the live-PHP property test must run');
  });

  it.skipIf(!HAVE_PHP)('hashes random keys (any bytes), identifiers and expiries as hash_hmac does', () => {
    const cases = fc.sample(
      fc.record({
        key: fc.uint8Array({ minLength: 1, maxLength: 100 }),
        identifier: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
        expiry: fc.oneof(fc.constant(''), fc.constant('2030-01-15 09:30:00')),
      }),
      { numRuns: 400, seed: 20301 },
    );
    const answers = php(
      cases.map((c) => ({
        k: Buffer.from(c.key).toString('base64'),
        m: Buffer.from(c.identifier + c.expiry, 'utf8').toString('base64'),
      })),
    );
    cases.forEach((c, i) => expect(eberDigest(c.key, c.identifier, c.expiry), JSON.stringify(c)).toBe(answers[i]!.h));
  });

  it.skipIf(!HAVE_PHP)(
    'reads random query strings as parse_str fills $_GET (last one wins, mangled names, arrays)',
    () => {
      const queries = fc.sample(
        fc.array(fc.constantFrom(...QUERY_PIECES), { minLength: 1, maxLength: 14 }).map((p) => p.join('')),
        {
          numRuns: 600,
          seed: 20302,
        },
      );
      const answers = php(queries.map((q) => ({ q })));
      queries.forEach((q, i) => {
        const get = answers[i]!.get ?? {};
        const last = new Map<string, { array: boolean; decoded: string }>();
        for (const p of readPhpQuery(q)) {
          // PHP keeps appending to an array once a name is one; a later plain value replaces it.
          last.set(p.phpName, { array: p.array, decoded: p.decoded });
        }
        for (const [name, v] of last) {
          expect(Object.hasOwn(get, name), `${q}: PHP has ${name}`).toBe(true);
          if (v.array) expect(typeof get[name], q).toBe('object');
          else expect(get[name], q).toBe(v.decoded);
        }
        expect(Object.keys(get).sort(), q).toEqual([...last.keys()].sort());
      });
    },
  );

  it.skipIf(!HAVE_PHP)('a URL Signet builds for a random identifier is one PHP reads and verifies', () => {
    const cases = fc.sample(
      fc.record({
        secret: fc.string({ minLength: 1, maxLength: 30 }),
        identifier: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
      }),
      { numRuns: 300, seed: 20303 },
    );
    const urls = cases.map(
      (c) =>
        buildEberUrl({
          ...c,
          baseUrl: 'https://demo.eber.co',
          identifierType: 'customId',
          expiry: '2030-01-15 09:30:00',
        }).url,
    );
    const answers = php(urls.map((url, i) => ({ url, secret: Buffer.from(cases[i]!.secret).toString('base64') })));
    cases.forEach((c, i) => {
      expect(answers[i]!.ok, `${JSON.stringify(c)}: PHP verifies ${urls[i]}`).toBe(true);
      const r = verifyEberUrl({
        url: urls[i]!,
        secret: c.secret,
        timezone: 'UTC',
        now: new Date('2030-01-01T00:00:00Z'),
      });
      expect(r.valid).toBe(true);
      expect(r.details.identifier).toBe(answers[i]!.id);
    });
  });
});
