/**
 * Finds an mmob signature in whatever a user pastes: the bare signature, a boot snippet (the published
 * `mmob.init({ customerInfo: { email, … }, cp_id, cp_deployment_id, …, signature })`, or the older shape with
 * everything inside customerInfo), JSON of either shape (snake_case or Signet's camelCase names), or the
 * React component's `/boot` form body (`cp_id=…&cp_deployment_id=…&email=…&signature=…`).
 * Pure string work (no Node APIs) so the renderer can use it while the user types.
 */

export type ExtractedFormat = 'bare' | 'snippet' | 'json' | 'form';
export type ExtractedField = 'signature' | 'cpId' | 'cpDeploymentId' | 'email';

export interface ExtractedSignature {
  /** As the vendor's server reads it (for a form body: "+" decoded as a space, as every form decoder does). */
  signature: string;
  /** Other fields found next to it (a snippet, JSON or form body usually carries them). */
  cpId?: string;
  cpDeploymentId?: string;
  email?: string;
  /** Where it came from, for the UI: the bare signature, or a named field of a larger text. */
  source: 'bare' | 'field';
  /** What was pasted. */
  format: ExtractedFormat;
  /**
   * Form bodies only, and only when some field's raw text held a "+": that field's value with the "+" kept.
   * A form decoder reads a raw "+" as a space, so the values above are what the server sees; these are what
   * the sender probably meant (a signature's base64 and many emails contain "+", which must be sent as %2B).
   */
  plusAsSpace?: Partial<Record<ExtractedField, string>>;
}

/** Each field's names: the vendor's snake_case, then Signet's camelCase. */
const NAMES: Record<ExtractedField, readonly string[]> = {
  signature: ['signature'],
  cpId: ['cp_id', 'cpId'],
  cpDeploymentId: ['cp_deployment_id', 'cpDeploymentId'],
  email: ['email'],
};
const OTHER_FIELDS = ['cpId', 'cpDeploymentId', 'email'] as const;

export const MAX_EXTRACT_INPUT = 1_000_000;
const SIGNATURE_SHAPE = /^[^\s:]+:[^\s:]+:[^\s:]+$/;
/** A form body: name=value pairs joined by "&", nothing that percent-encoding would have removed. */
const FORM_BODY = /^[^\s"'`{}<>=&]+=[^\s"'`{}<>]*$/;

export function extractMmobSignature(text: string): ExtractedSignature | null {
  if (text.length > MAX_EXTRACT_INPUT) return null;
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  // A body, or a query string (with its URL, as when a boot is sent by GET and copied from the address bar).
  const body = trimmed.replace(/^[^\s?=&"'`{}<>]*\?/, '');
  if (FORM_BODY.test(body) && /(?:^|&)signature=/.test(body)) return fromFormBody(body);
  if (SIGNATURE_SHAPE.test(trimmed)) return { signature: trimmed, source: 'bare', format: 'bare' };
  return fromScript(trimmed);
}

/** The first value of each field, decoded as application/x-www-form-urlencoded. */
function fromFormBody(body: string): ExtractedSignature | null {
  const decoded = new URLSearchParams(body);
  const plusKept = new URLSearchParams(body.replace(/\+/g, '%2B'));
  const rawValues = new Map<string, string>();
  for (const pair of body.split('&')) {
    const at = pair.indexOf('=');
    const name = safeDecode(at < 0 ? pair : pair.slice(0, at));
    if (!rawValues.has(name)) rawValues.set(name, at < 0 ? '' : pair.slice(at + 1));
  }
  const value = (field: ExtractedField) => {
    for (const name of NAMES[field]) {
      const v = decoded.get(name);
      if (v !== null) return { name, v };
    }
    return null;
  };
  const signature = value('signature');
  if (!signature) return null;
  const result: ExtractedSignature = { signature: signature.v, source: 'field', format: 'form' };
  for (const field of OTHER_FIELDS) {
    const found = value(field);
    if (found) result[field] = found.v;
  }
  for (const field of ['signature', ...OTHER_FIELDS] as const) {
    const found = value(field);
    if (found && rawValues.get(found.name)?.includes('+')) {
      (result.plusAsSpace ??= {})[field] = plusKept.get(found.name) ?? found.v;
    }
  }
  return result;
}

/** A form name as the decoder reads it ("+" is a space), for matching raw pairs to decoded ones. */
function safeDecode(s: string): string {
  return new URLSearchParams(`${s}=`).keys().next().value ?? s;
}

/**
 * A snippet or JSON: reads it as JavaScript tokens (strings and comments skipped properly, so a customer's
 * name that looks like `email: "x"` stays a value), and takes the first `name: "string"` (or `name = "…"`)
 * for each wanted field, at any depth.
 */
function fromScript(text: string): ExtractedSignature | null {
  const found = new Map<string, string>();
  let prev2: Token | null = null;
  let prev1: Token | null = null;
  for (const token of tokens(text)) {
    if (
      token.kind === 'string' &&
      prev1?.kind === 'punct' &&
      (prev1.text === ':' || prev1.text === '=') &&
      prev2 !== null &&
      (prev2.kind === 'ident' || prev2.kind === 'string') &&
      !found.has(prev2.text)
    ) {
      found.set(prev2.text, token.text);
    }
    prev2 = prev1;
    prev1 = token;
  }
  const first = (field: ExtractedField) => NAMES[field].map((n) => found.get(n)).find((v) => v !== undefined);
  const signature = first('signature');
  if (signature === undefined) return null;
  const result: ExtractedSignature = { signature, source: 'field', format: isJson(text) ? 'json' : 'snippet' };
  for (const field of OTHER_FIELDS) {
    const v = first(field);
    if (v !== undefined) result[field] = v;
  }
  return result;
}

function isJson(text: string): boolean {
  if (!/^[{[]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface Token {
  kind: 'string' | 'ident' | 'punct';
  text: string;
}

/** JavaScript-ish tokens: identifiers, decoded string literals and single punctuation characters. */
function* tokens(text: string): Generator<Token> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      const literal = readString(text, i);
      if (literal) {
        yield { kind: 'string', text: literal.value };
        i = literal.end;
      } else {
        // Not a string after all (an apostrophe in prose, say): go on after the quote.
        yield { kind: 'punct', text: c };
        i++;
      }
    } else if (/[A-Za-z_$]/.test(c)) {
      let end = i + 1;
      while (end < n && /[\w$]/.test(text[end]!)) end++;
      yield { kind: 'ident', text: text.slice(i, end) };
      i = end;
    } else {
      yield { kind: 'punct', text: c };
      i++;
    }
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The string literal opening at `start`, decoded; null when it is not closed on its line (templates may span lines). */
function readString(text: string, start: number): { value: string; end: number } | null {
  const quote = text[start]!;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return { value, end: i + 1 };
    if ((c === '\n' || c === '\r') && quote !== '`') return null;
    if (c !== '\\') {
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    if (e === undefined) return null;
    if (e === 'u' && text[i + 2] === '{') {
      const m = /^\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(i + 2, i + 10));
      const cp = m ? parseInt(m[1]!, 16) : NaN;
      if (!(cp <= 0x10ffff)) return null;
      value += String.fromCodePoint(cp);
      i += 2 + m![0].length;
    } else if (e === 'u' || e === 'x') {
      const len = e === 'u' ? 4 : 2;
      const hex = text.slice(i + 2, i + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return null;
      value += String.fromCharCode(parseInt(hex, 16));
      i += 2 + len;
    } else if (e === '\r' || e === '\n' || e === '\u2028' || e === '\u2029') {
      // A line continuation: the backslash and the line break are not part of the value.
      i += e === '\r' && text[i + 2] === '\n' ? 3 : 2;
    } else {
      value += SIMPLE_ESCAPES[e] ?? e;
      i += 2;
    }
  }
  return null;
}
