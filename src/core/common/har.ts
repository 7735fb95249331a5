/**
 * Reading what a browser recorded: a HAR file (devtools → "Save all as HAR") scanned for Eber login URLs and
 * mmob boot posts, and the body of one boot post as the vendor's marketplace receives it. Pure string work, no
 * Node APIs: the CLI (`signet verify-har`), the loopback receiver (src/capture) and, later, the app's Batch
 * screen all use it. Corrupt or huge input is refused with a clear message, never a crash; one unreadable
 * entry is skipped and counted, never fatal.
 */
import { SignetInputError } from './errors';
import { EBER_LOGIN_PATH } from './eber/constants';
import { CUSTOMER_INFO_FIELDS } from './mmob/snippet';

/** Larger HAR text is refused unread (a browser's export of a long session is tens of MiB). */
export const MAX_HAR_CHARS = 256 * 1024 * 1024;
/** At most this many findings are kept; the rest are counted. */
export const MAX_HAR_FINDINGS = 100_000;
/** A boot body larger than this is not a boot post (the vendor's form is well under 4 KiB). */
export const MAX_BOOT_BODY_CHARS = 65_536;

/** The path the vendor's React component posts to: `${marketplace_url}/boot`. */
export const MMOB_BOOT_PATH = '/boot';

/** The fields of one boot post, as the marketplace reads them (form fields are decoded, + as space). */
export interface BootFields {
  cpId: string | null;
  cpDeploymentId: string | null;
  signature: string | null;
  page: string | null;
  locale: string | null;
  /** customerInfo.email: the one customer field the signature covers. */
  email: string | null;
  /** Every customerInfo field that was present (email included). */
  customerInfo: Record<string, string>;
  /** Field names the vendor's component does not send (kept for the report, values not interpreted). */
  unknownFields: string[];
}

export type BootBodyResult =
  | { ok: true; fields: BootFields; format: 'form' | 'json' }
  | { ok: false; code: 'JSON_INVALID' | 'JSON_NOT_OBJECT' | 'FORMAT'; message: string };

const KNOWN = new Set<string>(['cp_id', 'cp_deployment_id', 'signature', 'page', 'locale', ...CUSTOMER_INFO_FIELDS]);

/** The media type of a Content-Type header value, lower case, without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function fieldsOf(get: (name: string) => string | null, names: Iterable<string>): BootFields {
  const customerInfo: Record<string, string> = {};
  for (const k of CUSTOMER_INFO_FIELDS) {
    const v = get(k);
    if (v !== null) customerInfo[k] = v;
  }
  const unknownFields = [...new Set([...names].filter((n) => !KNOWN.has(n) && n !== 'customerInfo'))].slice(0, 50);
  return {
    cpId: get('cp_id'),
    cpDeploymentId: get('cp_deployment_id'),
    signature: get('signature'),
    page: get('page'),
    locale: get('locale'),
    email: customerInfo.email ?? null,
    customerInfo,
    unknownFields,
  };
}

/**
 * One boot post's body: application/x-www-form-urlencoded (what the vendor's form sends; the last of a repeated
 * field wins, as in PHP and Express) or JSON (fields at the top level, or customerInfo fields nested in
 * `customerInfo`). Any other media type is refused as FORMAT.
 */
export function parseBootBody(contentType: string | null | undefined, body: string): BootBodyResult {
  if (body.length > MAX_BOOT_BODY_CHARS)
    return { ok: false, code: 'FORMAT', message: `The body is ${body.length} characters long; a boot post is far smaller.` };
  const type = mediaType(contentType);
  if (type === 'application/json' || (type === '' && body.trimStart().startsWith('{'))) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      return { ok: false, code: 'JSON_INVALID', message: `The body is not valid JSON (${(e as Error).message.slice(0, 120)}).` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, code: 'JSON_NOT_OBJECT', message: 'The body is JSON but not an object.' };
    const top = value as Record<string, unknown>;
    const nested =
      typeof top.customerInfo === 'object' && top.customerInfo !== null && !Array.isArray(top.customerInfo)
        ? (top.customerInfo as Record<string, unknown>)
        : {};
    const get = (name: string): string | null =>
      (Object.hasOwn(top, name) ? scalar(top[name]) : null) ?? (Object.hasOwn(nested, name) ? scalar(nested[name]) : null);
    return { ok: true, format: 'json', fields: fieldsOf(get, [...Object.keys(top), ...Object.keys(nested)]) };
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    const params = new URLSearchParams(body);
    const get = (name: string): string | null => params.getAll(name).at(-1) ?? null;
    return { ok: true, format: 'form', fields: fieldsOf(get, params.keys()) };
  }
  return {
    ok: false,
    code: 'FORMAT',
    message: `The body is ${type.slice(0, 60)}; the boot form is posted as application/x-www-form-urlencoded (JSON is read too).`,
  };
}

// ---- HAR ------------------------------------------------------------------------------------------------------

interface FindingBase {
  /** 0-based index of the entry in log.entries. */
  entry: number;
  /** The entry's startedDateTime (when the browser made the request), when it is a valid date. */
  startedAt: string | null;
}
export interface EberFinding extends FindingBase {
  scheme: 'eber';
  /** The login URL exactly as recorded (its query bytes untouched). */
  url: string;
  /** Where it was seen: the request itself, or a redirect's target (Location / redirectURL). */
  source: 'request' | 'redirect';
}
export interface MmobFinding extends FindingBase {
  scheme: 'mmob';
  /** The URL the boot form was posted to. */
  url: string;
  contentType: string;
  body: string;
  parsed: BootBodyResult;
}
export type HarFinding = EberFinding | MmobFinding;

export interface HarScan {
  findings: HarFinding[];
  /** Entries in the file. */
  entries: number;
  /** Entries that are not objects with a request URL (skipped). */
  skipped: number;
  /** Findings beyond MAX_HAR_FINDINGS (not kept). */
  truncated: number;
  /** Boot posts whose body the HAR does not hold (devtools omits large or binary bodies). */
  bodiesMissing: number;
}

function harError(message: string): SignetInputError {
  return new SignetInputError('HAR_INVALID', message, 'input');
}

/** The path of a URL (without parsing the query), or null when the text is not an absolute http(s) URL. */
function pathOf(url: string): string | null {
  const m = /^https?:\/\/[^/?#]*(\/[^?#]*)?/i.exec(url);
  return m ? (m[1] ?? '/') : null;
}

export function isEberLoginUrl(url: string): boolean {
  return pathOf(url) === EBER_LOGIN_PATH && url.includes('?');
}
export function isMmobBootUrl(url: string): boolean {
  const path = pathOf(url);
  return path !== null && (path === MMOB_BOOT_PATH || path.endsWith(MMOB_BOOT_PATH));
}

const obj = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function headerValue(headers: unknown, name: string): string | null {
  if (!Array.isArray(headers)) return null;
  for (const h of headers) {
    const o = obj(h);
    if (o && str(o.name)?.toLowerCase() === name) return str(o.value);
  }
  return null;
}

/** Where a JSON.parse error happened, as "line L, column C" when the engine says a position. */
function wherePosition(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const pos = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return ` at line ${line}, column ${pos - before.lastIndexOf('\n')}`;
}

/**
 * Every Eber login URL and mmob boot post in a HAR file, in entry order. Throws HAR_INVALID (input) when the text
 * is not a HAR at all, HAR_TOO_LARGE when it is longer than MAX_HAR_CHARS.
 */
export function scanHar(text: string): HarScan {
  if (text.length > MAX_HAR_CHARS) {
    throw new SignetInputError(
      'HAR_TOO_LARGE',
      `The HAR file is ${Math.round(text.length / 1_048_576)} MiB; Signet reads HAR files up to ${MAX_HAR_CHARS / 1_048_576} MiB. Export only the login's requests (devtools: filter, then "Save all as HAR").`,
      'input',
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) throw harError('The HAR file is empty.');
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch (e) {
    const message = (e as Error).message;
    const where = wherePosition(body, message);
    const engine = where ? '' : `: ${message.replace(/\s+/g, ' ').slice(0, 100)}`;
    throw harError(
      `The file is not valid JSON${where}${engine} (a HAR file is JSON; is it truncated or another format?).`,
    );
  }
  const log = obj(obj(root)?.log);
  if (!log || !Array.isArray(log.entries))
    throw harError('The JSON is not a HAR file: it has no log.entries list (export it with devtools → "Save all as HAR").');

  const scan: HarScan = { findings: [], entries: log.entries.length, skipped: 0, truncated: 0, bodiesMissing: 0 };
  const seenUrls = new Set<string>();
  const redirects: EberFinding[] = [];
  const add = (f: HarFinding) => {
    if (scan.findings.length < MAX_HAR_FINDINGS) scan.findings.push(f);
    else scan.truncated++;
  };
  (log.entries as unknown[]).forEach((raw, index) => {
    const entry = obj(raw);
    const request = obj(entry?.request);
    const url = str(request?.url);
    if (!entry || !request || url === null) {
      scan.skipped++;
      return;
    }
    const started = str(entry.startedDateTime);
    const startedAt = started !== null && !Number.isNaN(Date.parse(started)) ? new Date(started).toISOString() : null;
    const method = (str(request.method) ?? 'GET').toUpperCase();
    if (method === 'GET' && isEberLoginUrl(url)) {
      seenUrls.add(url);
      add({ scheme: 'eber', entry: index, startedAt, url, source: 'request' });
    } else if (method === 'POST' && isMmobBootUrl(url)) {
      const post = obj(request.postData);
      const contentType = str(post?.mimeType) ?? headerValue(request.headers, 'content-type') ?? '';
      let bodyText = str(post?.text);
      if (bodyText === null && Array.isArray(post?.params)) {
        // Some exporters give only params: rebuild the form from them (already decoded there).
        const form = new URLSearchParams();
        for (const p of post.params as unknown[]) {
          const o = obj(p);
          const name = str(o?.name);
          if (name !== null) form.append(name, str(o?.value) ?? '');
        }
        bodyText = form.toString();
      }
      if (bodyText === null) {
        scan.bodiesMissing++;
        bodyText = '';
      }
      add({ scheme: 'mmob', entry: index, startedAt, url, contentType, body: bodyText, parsed: parseBootBody(contentType, bodyText) });
    }
    // A login URL the browser was redirected to (the integrator's server answered 302 to Eber).
    const response = obj(entry.response);
    const location = str(response?.redirectURL) || headerValue(response?.headers, 'location');
    if (location && isEberLoginUrl(location)) redirects.push({ scheme: 'eber', entry: index, startedAt, url: location, source: 'redirect' });
  });
  // A redirect the browser followed appears again as a request: report it once, as the request.
  for (const r of redirects) if (!seenUrls.has(r.url)) add(r);
  scan.findings.sort((a, b) => a.entry - b.entry);
  return scan;
}
