// Regenerates vectors/eber-hints.json: `node vectors/eber-hints.gen.mjs > vectors/eber-hints.json` (needs php).
// Every hash is computed by PHP's hash_hmac (the command is kept as `computedWith`), and every URL's query is
// read back by PHP's parse_str (kept as `phpGet`), never by Signet's code. `expect` is what Signet must say.
import { execFileSync } from 'node:child_process';

const php = (code) => execFileSync('php', ['-r', code], { encoding: 'utf8' });
const S = 'Eb3r-Pub1ic-Test-Key';
const E = '2030-01-15 09:30:00';
const EQ = '2030-01-15+09%3A30%3A00';
const TZ = 'Asia/Singapore';
const NOW = '2030-01-15T01:00:00Z'; // 09:00 in Singapore
const B = 'https://demo.eber.co/login/hmac?';
const hmac = (data, key = `"${S}"`, algo = 'sha256') => `echo hash_hmac("${algo}", ${data}, ${key});`;

/** [name, expect {codes, hints, warnings}, php code echoing the hash, url with {h}, extra input] */
const cases = [
  // ---- the key
  ['secret with a trailing CR LF', { codes: ['HASH_MISMATCH'], hints: ['SECRET_WHITESPACE'] }, hmac(`"a@c.co${E}"`, `"${S}\\r\\n"`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['secret with a leading tab', { codes: ['HASH_MISMATCH'], hints: ['SECRET_WHITESPACE'] }, hmac(`"a@c.co${E}"`, `"\\t${S}"`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['secret with a trailing space', { codes: ['HASH_MISMATCH'], hints: ['SECRET_WHITESPACE'] }, hmac(`"a@c.co"`, `"${S} "`), `hmac_email=a%40c.co&hmac_hash={h}`],
  ['secret base64-decoded', { codes: ['HASH_MISMATCH'], hints: ['SECRET_BASE64_DECODED'] }, hmac(`"a@c.co${E}"`, 'base64_decode("c2lnbmV0LWViZXIta2V5LTIwMzA=")'), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`, { secret: 'c2lnbmV0LWViZXIta2V5LTIwMzA=' }],
  ['secret hex-decoded', { codes: ['HASH_MISMATCH'], hints: ['SECRET_HEX_DECODED'] }, hmac(`"a@c.co${E}"`, 'hex2bin("5369676e65744b6579f00d")'), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`, { secret: '5369676e65744b6579f00d' }],
  ["signed with another profile's key", { codes: ['HASH_MISMATCH'], hints: ['SIGNED_WITH_OTHER_KEY'] }, hmac(`"a@c.co${E}"`, '"staging-secret-1"'), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`, { alternates: [{ label: 'Staging', secret: 'staging-secret-1' }], text: 'Staging' }],
  // ---- the algorithm and the digest
  ['hash_hmac key and message swapped', { codes: ['HASH_MISMATCH'], hints: ['HMAC_ARGUMENTS_SWAPPED'] }, `echo hash_hmac("sha256", "${S}", "a@c.co${E}");`, `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['HMAC-SHA1', { codes: ['HASH_MALFORMED'], hints: ['HASH_SHA1'] }, hmac(`"a@c.co${E}"`, undefined, 'sha1'), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['HMAC-SHA512', { codes: ['HASH_MALFORMED'], hints: ['HASH_SHA512'] }, hmac(`"a@c.co${E}"`, undefined, 'sha512'), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['HMAC-MD5', { codes: ['HASH_MALFORMED'], hints: ['HASH_MD5'] }, hmac(`"a@c.co${E}"`, undefined, 'md5'), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['base64 digest, URL-encoded', { codes: ['HASH_MALFORMED'], hints: ['HASH_BASE64'] }, `echo rawurlencode(base64_encode(hash_hmac("sha256", "a@c.co${E}", "${S}", true)));`, `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['base64 digest sent raw ("+" read as space)', { codes: ['HASH_MALFORMED'], hints: ['HASH_BASE64'] }, `echo base64_encode(hash_hmac("sha256", "u2@c.co", "${S}", true));`, `hmac_email=u2%40c.co&hmac_hash={h}`],
  ['uppercase hex', { codes: ['HASH_MISMATCH'], hints: ['HASH_UPPERCASE'] }, `echo strtoupper(hash_hmac("sha256", "a@c.co${E}", "${S}"));`, `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  // ---- the message
  ['"+" in the email sent raw', { codes: ['HASH_MISMATCH'], hints: ['PLUS_DECODED_AS_SPACE'] }, hmac(`"a+b@c.co${E}"`), `hmac_email=a+b@c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['phone "+60 12-345 6789" sent raw, real spaces too', { codes: ['HASH_MISMATCH'], hints: ['PLUS_DECODED_AS_SPACE'] }, hmac('"+60 12-345 6789"'), `hmac_phone=+60%2012-345%206789&phone_code=MY&hmac_hash={h}`],
  ['identifier hashed in another case', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_CASE'] }, hmac(`"ann@c.co${E}"`), `hmac_email=Ann%40C.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['identifier hashed urlencoded', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_URLENCODED'] }, hmac(`urlencode("a+b@c.co") . "${E}"`), `hmac_email=a%2Bb%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['identifier hashed rawurlencoded', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_URLENCODED'] }, hmac('rawurlencode("ann lee@c.co")'), `hmac_email=ann%20lee%40c.co&hmac_hash={h}`],
  ['expiry hashed urlencoded', { codes: ['HASH_MISMATCH'], hints: ['EXPIRY_URLENCODED'] }, hmac(`"a@c.co" . urlencode("${E}")`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['expiry before the identifier', { codes: ['HASH_MISMATCH'], hints: ['EXPIRY_FIRST'] }, hmac(`"${E}" . "a@c.co"`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['joined with "|"', { codes: ['HASH_MISMATCH'], hints: ['EXPIRY_SEPARATOR'] }, hmac(`"a@c.co|${E}"`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['joined with a space', { codes: ['HASH_MISMATCH'], hints: ['EXPIRY_SEPARATOR'] }, hmac(`"a@c.co ${E}"`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['joined with ":"', { codes: ['HASH_MISMATCH'], hints: ['EXPIRY_SEPARATOR'] }, hmac(`"a@c.co:${E}"`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['expiry not hashed', { codes: ['HASH_MISMATCH'], hints: ['EXPIRY_NOT_HASHED'] }, hmac('"a@c.co"'), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['trailing newline', { codes: ['HASH_MISMATCH'], hints: ['MESSAGE_TRAILING_NEWLINE'] }, hmac(`"a@c.co${E}\\n"`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['hashed as Latin-1, sent as UTF-8', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_LATIN1'] }, hmac(`"j\\xFCrgen@c.co${E}"`), `hmac_email=j%C3%BCrgen%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['hashed as UTF-8, sent as Latin-1', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_LATIN1'] }, hmac('"j\\xC3\\xBCrgen@c.co"'), `hmac_email=j%FCrgen%40c.co&hmac_hash={h}`],
  ['hashed NFD, sent NFC', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_UNICODE_FORM'] }, hmac('"rene\\xCC\\x81@c.co"'), `hmac_email=ren%C3%A9%40c.co&hmac_hash={h}`],
  ['unencoded "&" cut the custom id short', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_CUT_SHORT'], warnings: ['IDENTIFIER_MAYBE_CUT'] }, hmac('"AT&T-0042"'), `hmac_custom_id=AT&T-0042&hmac_hash={h}`],
  ['unencoded "#" cut the email short (and hid the hash)', { codes: ['HASH_MISSING'], hints: ['IDENTIFIER_CUT_SHORT'], warnings: ['IDENTIFIER_MAYBE_CUT'] }, hmac('"a#b@c.co"'), `hmac_email=a#b@c.co&hmac_hash={h}`],
  ['unencoded "%41" in the custom id', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_CUT_SHORT'] }, hmac('"id%41-7"'), `hmac_custom_id=id%41-7&hmac_hash={h}`],
  // ---- time (the hash is right; "now + 30 minutes" was written in the wrong zone: now is 01:00 UTC, 17:00 in Los Angeles)
  ['expiry written in UTC', { codes: ['EXPIRED'], hints: ['EXPIRY_IN_UTC'], text: 'Valid if read as UTC' }, hmac('"a@c.co2030-01-15 01:30:00"'), 'hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=2030-01-15+01%3A30%3A00'],
  ['expiry written in Los Angeles time', { codes: ['EXPIRED'], hints: ['EXPIRY_IN_OTHER_ZONE'], text: 'America/Los_Angeles' }, hmac('"a@c.co2030-01-14 17:30:00"'), 'hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=2030-01-14+17%3A30%3A00'],
  // ---- pairs
  ['pair: whitespace key + expiry not hashed', { codes: ['HASH_MISMATCH'], hints: ['SECRET_WHITESPACE', 'EXPIRY_NOT_HASHED'] }, hmac('"a@c.co"', `"${S}\\n"`), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['pair: "+" as space + uppercase', { codes: ['HASH_MISMATCH'], hints: ['PLUS_DECODED_AS_SPACE', 'HASH_UPPERCASE'] }, `echo strtoupper(hash_hmac("sha256", "a+b@c.co", "${S}"));`, 'hmac_email=a+b@c.co&hmac_hash={h}'],
  ['pair: expiry first + SHA-1', { codes: ['HASH_MALFORMED'], hints: ['EXPIRY_FIRST', 'HASH_SHA1'] }, hmac(`"${E}a@c.co"`, undefined, 'sha1'), `hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  ['pair: other profile + base64', { codes: ['HASH_MALFORMED'], hints: ['SIGNED_WITH_OTHER_KEY', 'HASH_BASE64'] }, 'echo rawurlencode(base64_encode(hash_hmac("sha256", "a@c.co", "staging-secret-1", true)));', 'hmac_email=a%40c.co&hmac_hash={h}', { alternates: [{ label: 'Staging', secret: 'staging-secret-1' }] }],
  ['pair: base64-decoded key + swapped', { codes: ['HASH_MISMATCH'], hints: ['SECRET_BASE64_DECODED', 'HMAC_ARGUMENTS_SWAPPED'] }, 'echo hash_hmac("sha256", base64_decode("c2lnbmV0LWViZXIta2V5LTIwMzA="), "a@c.co");', 'hmac_email=a%40c.co&hmac_hash={h}', { secret: 'c2lnbmV0LWViZXIta2V5LTIwMzA=' }],
  ['pair: urlencoded identifier + trailing newline', { codes: ['HASH_MISMATCH'], hints: ['IDENTIFIER_URLENCODED', 'MESSAGE_TRAILING_NEWLINE'] }, hmac(`urlencode("a+b@c.co") . "${E}\\n"`), `hmac_email=a%2Bb%40c.co&hmac_hash={h}&hmac_expiry_date=${EQ}`],
  // ---- query edge cases (valid unless said; warnings only)
  ['empty hmac_expiry_date is absent', { codes: [], warnings: ['PARAMETER_EMPTY'] }, hmac('"a@c.co"'), 'hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date='],
  ['empty hmac_locale is absent', { codes: [], warnings: ['PARAMETER_EMPTY'] }, hmac('"a@c.co"'), 'hmac_email=a%40c.co&hmac_hash={h}&hmac_locale='],
  ['repeated email: the last one counts', { codes: [], warnings: ['PARAMETER_REPEATED'] }, hmac('"b@c.co"'), 'hmac_email=a%40c.co&hmac_email=b%40c.co&hmac_hash={h}'],
  ['repeated hash: the last one counts', { codes: ['HASH_MISMATCH'], warnings: ['PARAMETER_REPEATED'] }, 'echo hash_hmac("sha256", "a@c.co", "' + S + '") . "&hmac_hash=" . str_repeat("0", 64);', 'hmac_email=a%40c.co&hmac_hash={h}'],
  ['"hmac.email" is hmac_email to PHP', { codes: [], warnings: ['PARAMETER_NAME_MANGLED'] }, hmac('"a@c.co"'), 'hmac.email=a%40c.co&hmac_hash={h}'],
  ['"hmac_email[]" is an array to PHP', { codes: ['IDENTIFIER_MISSING'], warnings: ['PARAMETER_ARRAY'] }, hmac('"a@c.co"'), 'hmac_email[]=a%40c.co&hmac_hash={h}'],
  ['a fragment after a valid URL', { codes: [], warnings: ['IDENTIFIER_MAYBE_CUT'] }, hmac('"a@c.co"'), 'hmac_email=a%40c.co&hmac_hash={h}#top'],
  ['expiry in the repeated hour (New York)', { codes: [], warnings: ['EXPIRY_AMBIGUOUS'], timezone: 'America/New_York', now: '2030-11-01T00:00:00Z' }, hmac('"a@c.co2030-11-03 01:30:00"'), 'hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=2030-11-03+01%3A30%3A00'],
  ['expiry in the DST gap (New York)', { codes: [], warnings: ['EXPIRY_IN_GAP'], timezone: 'America/New_York', now: '2030-03-01T00:00:00Z' }, hmac('"a@c.co2030-03-10 02:30:00"'), 'hmac_email=a%40c.co&hmac_hash={h}&hmac_expiry_date=2030-03-10+02%3A30%3A00'],
];

const shq = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
const vectors = cases.map(([name, expect, code, query, extra = {}]) => {
  const hash = php(code);
  const url = B + query.replace('{h}', hash);
  const search = url.slice(url.indexOf('?') + 1).split('#')[0];
  const getCode = `parse_str(${JSON.stringify(search).replaceAll('$', '\\$')}, $o); echo json_encode($o, JSON_INVALID_UTF8_SUBSTITUTE);`;
  return {
    name,
    url,
    secret: extra.secret ?? S,
    ...(extra.alternates ? { alternates: extra.alternates } : {}),
    timezone: expect.timezone ?? TZ,
    now: expect.now ?? NOW,
    valid: expect.codes.length === 0,
    codes: expect.codes,
    hints: expect.hints ?? [],
    warnings: expect.warnings ?? [],
    ...(expect.text || extra.text ? { textContains: expect.text ?? extra.text } : {}),
    computedWith: `php -r ${shq(code)}`,
    phpGet: JSON.parse(php(getCode)),
  };
});
process.stdout.write(`${JSON.stringify(vectors, null, 2)}\n`);
