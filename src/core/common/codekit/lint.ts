/**
 * "Check my code": pasted signing or verifying code (PHP, JavaScript/TypeScript, Python) read for the mistakes
 * that make Signet's verifiers fail. It is a LINT — regular expressions over the text, never a proof: clean
 * output means no known pattern matched, not that the code is right (sign a test value and run `signet … verify`).
 * Each warning names the verification code it would cause and the Signet hint that explains it; where Signet has
 * no hint for the mistake yet, `hintExists` is false and `hint` is the proposed name.
 */
import { EBER_HINTS } from '../eber/constants';
import { MMOB_HINTS } from '../mmob/codes';

export type LintLang = 'php' | 'js' | 'python';
export type LintScheme = 'mmob' | 'eber';

export const LINT_RULES = {
  HMAC_ARGUMENT_ORDER:
    'The secret is passed where the message goes (PHP: hash_hmac(algo, DATA, KEY); Python: hmac.new(KEY, DATA); Node: createHmac(algo, KEY).update(DATA)).',
  MMOB_KEY_NOT_DECODED:
    'The mmob secret is used as text: base64-decode it first (Node: Buffer.from(secret, "base64"); PHP: base64_decode; Python: a lenient b64decode).',
  TIMESTAMP_NOT_SECONDS:
    'The timestamp is milliseconds or fractional: use floored Unix seconds (Math.floor(Date.now() / 1000), time(), int(time.time())).',
  IDENTIFIER_NOT_URL_ENCODED:
    'The identifier goes into the URL unencoded: a "+" in an email is then read as a space. Use urlencode / encodeURIComponent / quote_plus (or http_build_query / URLSearchParams / urlencode).',
  EXPIRY_ENCODED_BEFORE_HASHING:
    'The expiry is URL-encoded before hashing: hash the plain "Y-m-d H:i:s" string and encode it only in the URL.',
  DIGEST_HEX_FOR_MMOB: 'mmob wants standard base64 of the raw MAC bytes, not hex.',
  DIGEST_BASE64_FOR_EBER: "Eber wants lowercase hex (hash_hmac's default), not base64 or raw bytes.",
  DIGEST_UPPERCASE_FOR_EBER: 'Eber compares lowercase hex: do not upper-case the hash.',
  NON_CONSTANT_TIME_COMPARE:
    'The MAC is compared with ==/===/strcmp, whose time depends on where the first difference is: use hash_equals / crypto.timingSafeEqual / hmac.compare_digest.',
} as const;
export type LintRule = keyof typeof LINT_RULES;

/** The verification code each mistake causes and the hint that names it (proposed where Signet has none). */
const LINKS: Record<LintRule, { code: string; hint: string }> = {
  HMAC_ARGUMENT_ORDER: { code: 'SIGNATURE_MISMATCH / HASH_MISMATCH', hint: 'HMAC_ARGUMENTS_SWAPPED' },
  MMOB_KEY_NOT_DECODED: { code: 'SIGNATURE_MISMATCH', hint: 'SECRET_USED_AS_TEXT' },
  TIMESTAMP_NOT_SECONDS: { code: 'TIMESTAMP_INVALID / TIMESTAMP_IN_FUTURE', hint: 'TIMESTAMP_IN_MILLISECONDS' },
  IDENTIFIER_NOT_URL_ENCODED: { code: 'HASH_MISMATCH', hint: 'PLUS_DECODED_AS_SPACE' },
  EXPIRY_ENCODED_BEFORE_HASHING: { code: 'HASH_MISMATCH', hint: 'EXPIRY_URLENCODED' },
  DIGEST_HEX_FOR_MMOB: { code: 'SIGNATURE_MISMATCH', hint: 'DIGEST_HEX' },
  DIGEST_BASE64_FOR_EBER: { code: 'HASH_MALFORMED', hint: 'HASH_BASE64' },
  DIGEST_UPPERCASE_FOR_EBER: { code: 'HASH_MISMATCH', hint: 'HASH_UPPERCASE' },
  NON_CONSTANT_TIME_COMPARE: { code: '(none: a timing leak, not a failure)', hint: 'COMPARE_NOT_CONSTANT_TIME' },
};

const KNOWN_HINTS = new Set<string>([...Object.keys(MMOB_HINTS), ...Object.keys(EBER_HINTS)]);

export interface LintWarning {
  rule: LintRule;
  /** 1-based line of the match. */
  line: number;
  excerpt: string;
  message: string;
  /** The verification code(s) Signet would report. */
  causes: string;
  hint: string;
  /** False when `hint` is a proposed name that Signet does not emit yet. */
  hintExists: boolean;
}

export interface LintResult {
  kind: 'lint';
  note: string;
  lang: LintLang;
  scheme: LintScheme | null;
  warnings: LintWarning[];
}

export const LINT_NOTE =
  'A pattern-based lint, not a proof: it finds known mistakes by their shape and can miss others or flag correct code. Sign a test value and check it with signet mmob verify / eber verify.';

export function detectLang(source: string): LintLang {
  if (/<\?php|\$[A-Za-z_]\w*\s*=|hash_hmac\s*\(/.test(source)) return 'php';
  if (/^\s*(def |import \w|from \w+ import )/m.test(source) || /hmac\.new\s*\(/.test(source)) return 'python';
  return 'js';
}

export function detectScheme(source: string): LintScheme | null {
  const mmob = /cp_?id|cpDeploymentId|cp_deployment_id|deployment|nonce|mmob/i.test(source);
  const eber = /hmac_(email|phone|custom_id|hash|expiry)|eber|expiry/i.test(source);
  return mmob === eber ? null : mmob ? 'mmob' : 'eber';
}

/** The source with comments blanked (same length and lines), so a comment that names a mistake is not one. */
export function blankComments(source: string, lang: LintLang): string {
  const out = source.split('');
  let quote = '';
  for (let k = 0; k < source.length; k++) {
    const c = source[k]!;
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      continue;
    }
    const line = (lang !== 'python' && c === '/' && source[k + 1] === '/') || (lang !== 'js' && c === '#');
    const block = lang !== 'python' && c === '/' && source[k + 1] === '*';
    if (!line && !block) continue;
    const end = line ? source.indexOf('\n', k) : source.indexOf('*/', k + 2) + 2;
    const stop = end <= 1 || end === -1 ? source.length : end;
    for (let j = k; j < stop; j++) if (out[j] !== '\n') out[j] = ' ';
    k = stop - 1;
  }
  return out.join('');
}

/** The top-level arguments of the call whose "(" is at `open` (nested brackets and quotes respected). */
function callArgs(source: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let start = open + 1;
  for (let k = open; k < source.length; k++) {
    const c = source[k]!;
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(source.slice(start, k).trim());
        return { args, end: k + 1 };
      }
    } else if (c === ',' && depth === 1) {
      args.push(source.slice(start, k).trim());
      start = k + 1;
    }
  }
  return { args, end: source.length };
}

/** Names that hold a secret/key vs. a MAC being compared. */
const SECRET = /(secret|key)/i;
const MAC_NAME = /(hash|hmac|mac|sig|signature|digest|expected|computed)\w*/i;

export function lintCode(original: string, options: { lang?: LintLang; scheme?: LintScheme } = {}): LintResult {
  const lang = options.lang ?? detectLang(original);
  const scheme = options.scheme ?? detectScheme(original);
  const source = blankComments(original, lang);
  const warnings: LintWarning[] = [];
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  const add = (rule: LintRule, index: number) => {
    const line = lineOf(index);
    if (warnings.some((w) => w.rule === rule && w.line === line)) return;
    const { code, hint } = LINKS[rule];
    warnings.push({
      rule,
      line,
      excerpt: (original.split('\n')[line - 1] ?? '').trim().slice(0, 160),
      message: LINT_RULES[rule],
      causes: code,
      hint,
      hintExists: KNOWN_HINTS.has(hint),
    });
  };
  const each = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    for (const m of source.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))) f(m);
  };
  const mmob = scheme === 'mmob';
  const eber = scheme === 'eber';

  // ---- HMAC calls: argument order, key decoding, digest encoding, expiry encoded before hashing
  if (lang === 'php') {
    each(/hash_hmac\s*\(/, (m) => {
      const { args } = callArgs(source, m.index + m[0].length - 1);
      const [algo = '', data = '', key = '', raw = ''] = args;
      if (!/sha256/i.test(algo)) return;
      if (SECRET.test(data) && !SECRET.test(key)) add('HMAC_ARGUMENT_ORDER', m.index);
      if (mmob && !/base64_decode/.test(key) && !/base64_decode/.test(source)) add('MMOB_KEY_NOT_DECODED', m.index);
      if (mmob && !/^(true|1)$/i.test(raw)) add('DIGEST_HEX_FOR_MMOB', m.index);
      if (eber && /^(true|1)$/i.test(raw)) add('DIGEST_BASE64_FOR_EBER', m.index);
      if (eber && /(raw)?urlencode\s*\(/.test(data)) add('EXPIRY_ENCODED_BEFORE_HASHING', m.index);
    });
    if (eber)
      each(/strtoupper\s*\(\s*hash_hmac|strtoupper\s*\(\s*\$\w*(hash|hmac)/i, (m) =>
        add('DIGEST_UPPERCASE_FOR_EBER', m.index),
      );
  } else if (lang === 'js') {
    each(/createHmac\s*\(/, (m) => {
      const call = callArgs(source, m.index + m[0].length - 1);
      const key = call.args[1] ?? '';
      const update = /^\s*\.update\s*\(/.exec(source.slice(call.end));
      const data = update ? (callArgs(source, call.end + update[0].length - 1).args[0] ?? '') : '';
      if (SECRET.test(data) && !SECRET.test(key)) add('HMAC_ARGUMENT_ORDER', m.index);
      if (mmob && !/base64/.test(key) && !/Buffer\.from\([^)]*['"]base64['"]\s*\)/.test(source))
        add('MMOB_KEY_NOT_DECODED', m.index);
      if (eber && /encodeURI(Component)?\s*\(/.test(data)) add('EXPIRY_ENCODED_BEFORE_HASHING', m.index);
    });
    if (mmob) each(/\.digest\s*\(\s*['"]hex['"]\s*\)/, (m) => add('DIGEST_HEX_FOR_MMOB', m.index));
    if (eber)
      each(/\.digest\s*\(\s*['"](base64|base64url|latin1|binary)['"]\s*\)/, (m) =>
        add('DIGEST_BASE64_FOR_EBER', m.index),
      );
    if (eber)
      each(/\.digest\s*\([^)]*\)\s*\.toUpperCase\s*\(|(hash|hmac)\w*\.toUpperCase\s*\(/i, (m) =>
        add('DIGEST_UPPERCASE_FOR_EBER', m.index),
      );
  } else {
    each(/hmac\.new\s*\(/, (m) => {
      const [key = '', data = ''] = callArgs(source, m.index + m[0].length - 1).args;
      if (SECRET.test(data) && !SECRET.test(key)) add('HMAC_ARGUMENT_ORDER', m.index);
      if (mmob && !/b64decode|base64/.test(key) && !/b64decode/.test(source)) add('MMOB_KEY_NOT_DECODED', m.index);
      if (eber && /quote(_plus)?\s*\(|urlencode\s*\(/.test(data)) add('EXPIRY_ENCODED_BEFORE_HASHING', m.index);
    });
    if (mmob) each(/\.hexdigest\s*\(\s*\)/, (m) => add('DIGEST_HEX_FOR_MMOB', m.index));
    if (eber) each(/\.digest\s*\(\s*\)/, (m) => add('DIGEST_BASE64_FOR_EBER', m.index));
    if (eber) each(/hexdigest\s*\(\s*\)\s*\.upper\s*\(/, (m) => add('DIGEST_UPPERCASE_FOR_EBER', m.index));
  }

  // ---- timestamps (mmob): milliseconds or fractional seconds
  if (scheme !== 'eber') {
    if (lang === 'js')
      each(/Date\.now\s*\(\s*\)|new Date\s*\(\s*\)\s*\.getTime\s*\(\s*\)/, (m) => {
        const around = source.slice(Math.max(0, m.index - 30), m.index + m[0].length + 20);
        const seconds = /\/\s*1000/.test(around);
        const floored = /Math\.(floor|trunc)\s*\(|\|\s*0|parseInt\s*\(/.test(around);
        if (mmob || seconds) if (!(seconds && floored)) add('TIMESTAMP_NOT_SECONDS', m.index);
      });
    if (lang === 'php')
      each(/microtime\s*\(\s*(true)?\s*\)/, (m) => {
        const around = source.slice(Math.max(0, m.index - 20), m.index + 40);
        if (!/(intval|floor|\(int\))\s*\(?\s*microtime\s*\([^)]*\)\s*\)?\s*;/.test(around) || /\*\s*1000/.test(around))
          add('TIMESTAMP_NOT_SECONDS', m.index);
      });
    if (lang === 'python')
      each(/time\.time\s*\(\s*\)/, (m) => {
        const before = source.slice(Math.max(0, m.index - 12), m.index);
        const after = source.slice(m.index + m[0].length, m.index + m[0].length + 10);
        if (!/(int|floor)\s*\(\s*$/.test(before) || /^\s*\*\s*1000/.test(after)) add('TIMESTAMP_NOT_SECONDS', m.index);
      });
  }

  // ---- the identifier in the URL (Eber): concatenated without encoding
  if (scheme !== 'mmob') {
    const encoders =
      /^\s*(\.|\+)?\s*(urlencode|rawurlencode|encodeURIComponent|encodeURI|quote_plus|quote|urllib\.parse\.quote(_plus)?)\s*\(/;
    each(/hmac_(email|phone|custom_id)=(\$\{|\{|["'`]\s*(\.|\+)|\$)/, (m) => {
      const rest = source.slice(m.index + m[0].length - (m[2] === '$' ? 1 : 0));
      const next = m[2] === '${' || m[2] === '{' ? rest : rest.replace(/^["'`]?\s*/, '');
      if (!encoders.test(next) && !/^\s*(\.|\+)?\s*\$?\w*(encoded|Encoded|_enc|Enc)\b/.test(next))
        add('IDENTIFIER_NOT_URL_ENCODED', m.index);
    });
  }

  // ---- comparisons of MACs (verifiers)
  const constantTime = /hash_equals|timingSafeEqual|compare_digest|fixed_length_secure_compare/.test(source);
  if (!constantTime) {
    const name = MAC_NAME.source;
    const cmp = lang === 'php' ? '(===|!==|==|!=)' : lang === 'js' ? '(===|!==|==|!=)' : '(==|!=)';
    each(new RegExp(`\\$?${name}\\s*${cmp}\\s*\\$?\\w+|\\$?\\w+\\s*${cmp}\\s*\\$?${name}`, 'i'), (m) => {
      if (/\b(null|undefined|None|true|false|''|"")\b|===?\s*(['"]|\d)|(['"]|\d)\s*===?/.test(m[0])) return;
      if (/\.length|count\(|len\(/.test(m[0])) return;
      add('NON_CONSTANT_TIME_COMPARE', m.index);
    });
    each(/strcmp\s*\(\s*\$\w*(hash|hmac|mac|sig|expected)/i, (m) => add('NON_CONSTANT_TIME_COMPARE', m.index));
  }

  warnings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
  return { kind: 'lint', note: LINT_NOTE, lang, scheme, warnings };
}
