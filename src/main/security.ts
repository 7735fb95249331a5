/**
 * Security predicates for the window, the shell and the app:// protocol, kept free of Electron so property
 * tests can hammer them.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** Hosts Signet may open in the user's browser, besides the hosts of saved profiles. */
export const VENDOR_HOST_SUFFIXES = ['eber.co', 'mmob.com'];

function hostMatches(host: string, allowed: string): boolean {
  return host === allowed || host.endsWith(`.${allowed}`);
}

/**
 * `shell.openExternal` only for https URLs on an Eber/mmob host or a saved profile's host. Userinfo
 * ("https://eber.co@evil.com"), other schemes and look-alike hosts ("eber.co.evil.com", "evil-eber.co")
 * are refused.
 */
export function isAllowedExternalUrl(candidate: string, profileHosts: readonly string[]): boolean {
  if (typeof candidate !== 'string' || candidate.length > 16_384) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  if (host === '' || host.endsWith('.')) return false;
  if (VENDOR_HOST_SUFFIXES.some((suffix) => hostMatches(host, suffix))) return true;
  return profileHosts.some((h) => h.length > 0 && host === h.toLowerCase());
}

/** The app's own origin: a privileged, standard, secure custom scheme serving only the built renderer. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'signet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The full origin of a URL: scheme, host and port. Node's `URL#origin` is "null" for schemes it does not
 * know (app:), and "file://" would drop nothing but the path, so it is spelled out here.
 */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

function parse(candidate: unknown): URL | null {
  if (typeof candidate !== 'string' || candidate.length > 16_384) return null;
  try {
    return new URL(candidate);
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An http origin on the loopback interface (the dev server, the browser E2E harness), else null. */
export function loopbackHttpOrigin(candidate: string | undefined): string | null {
  const url = parse(candidate);
  if (!url || url.protocol !== 'http:' || url.username !== '' || url.password !== '') return null;
  return LOOPBACK_HOSTS.has(url.hostname) ? originOf(url) : null;
}

/** The window may only ever show the app itself: any navigation elsewhere is denied. */
export function isAllowedNavigation(candidate: string, appOrigin: string): boolean {
  const url = parse(candidate);
  if (!url) return false;
  // The app is a single page on app://signet: it never navigates, not even to itself.
  if (loopbackHttpOrigin(appOrigin) !== appOrigin) return false;
  // In development only, the dev server's own pages (Vite's full reload).
  return originOf(url) === appOrigin;
}

/** Whether an IPC message comes from the app's own top frame: its full origin (scheme, host, port) must match. */
export function isTrustedSender(sender: { url: string; isTopFrame: boolean }, allowedOrigins: readonly string[]): boolean {
  if (!sender.isTopFrame) return false;
  const url = parse(sender.url);
  if (!url || url.username !== '' || url.password !== '') return false;
  // file:// has no host to compare: no file page is ever trusted (under file://, 'self' is the whole disk).
  if (url.protocol !== `${APP_SCHEME}:` && url.protocol !== 'http:') return false;
  return allowedOrigins.includes(originOf(url));
}

/** What main does with a link the page asks it to open. */
export type ExternalOpen =
  | { action: 'open'; href: string; host: string }
  | { action: 'ask'; href: string; host: string }
  | { action: 'refuse' };

/**
 * Vendor hosts open straight away; any other https host (a saved profile's, which the page can set) is
 * only opened after the user confirms it in a native dialog that names the host. Only the normalised
 * `href` is ever handed to the OS, never the string the page sent.
 */
export function externalOpenDecision(candidate: string): ExternalOpen {
  const url = parse(candidate);
  if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return { action: 'refuse' };
  const host = url.hostname.toLowerCase();
  if (host === '' || host.endsWith('.')) return { action: 'refuse' };
  const vendor = VENDOR_HOST_SUFFIXES.some((suffix) => hostMatches(host, suffix));
  return { action: vendor ? 'open' : 'ask', href: url.href, host };
}

/** Command-line switches that open the app to a debugger: refused in a packaged (shipped) app. */
export const FORBIDDEN_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
];

/** The forbidden switches present in argv (in any `--x`, `--x=v` form) or known to Chromium's command line. */
export function forbiddenSwitches(argv: readonly string[], hasSwitch: (name: string) => boolean): string[] {
  const found = new Set<string>();
  for (const arg of argv) {
    const m = /^--?([a-z][a-z0-9-]*)/i.exec(arg);
    const name = m?.[1]?.toLowerCase();
    if (name && FORBIDDEN_SWITCHES.includes(name)) found.add(name);
  }
  for (const name of FORBIDDEN_SWITCHES) if (hasSwitch(name)) found.add(name);
  return [...found];
}

/**
 * The renderer's Content Security Policy: the one constant behind both the response header (app:// and
 * webRequest) and index.html's meta tag (a test holds them equal, and holds this text exactly). No
 * frame-ancestors: a meta tag cannot carry it (Chromium logs an error), and `default-src 'none'` already
 * forbids any frame inside the app.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine writes its CSS variables into a <style> element at run time; scripts stay strict.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

function within(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/**
 * The file under `root` an app:// request names, or why not. Anything that could step outside `root` is
 * refused outright rather than normalised: dot segments (plain or percent-encoded), encoded slashes and
 * backslashes, NUL, drive letters, another host; and a symlink that resolves outside `root`.
 */
export async function resolveAppAsset(root: string, requestUrl: string): Promise<{ path: string } | { status: 400 | 403 | 404 }> {
  if (typeof requestUrl !== 'string' || requestUrl.length > 4096) return { status: 400 };
  // Refuse on the raw text: a URL parser would quietly resolve "/../" and "%2e%2e" to something in the root.
  if (/%2e|%2f|%5c|%00|\\|\/\.\.?(\/|$|\?|#)/i.test(requestUrl)) return { status: 403 };
  const url = parse(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') return { status: 403 };
  const segments: string[] = [];
  for (const raw of url.pathname.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { status: 400 };
    }
    if (segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return { status: 403 };
    segments.push(segment);
  }
  const relative = segments.filter((s) => s !== '').join('/') || 'index.html';
  const base = resolve(root);
  const candidate = resolve(base, relative);
  if (!within(base, candidate) || candidate === base) return { status: 403 };
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(candidate), realpath(base)]);
  } catch {
    return { status: 404 };
  }
  if (!within(realRoot, real)) return { status: 403 }; // a symlink out of the renderer folder
  try {
    if (!(await stat(real)).isFile()) return { status: 404 };
  } catch {
    return { status: 404 };
  }
  return { path: real };
}

/** The app:// protocol handler: GET of files under `root` only, with their type and the CSP. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const asset = await resolveAppAsset(root, request.url);
    if ('status' in asset) return new Response(null, { status: asset.status, headers: appResponseHeaders('text/plain; charset=utf-8') });
    const body = request.method === 'HEAD' ? null : await readFile(asset.path);
    return new Response(body, { status: 200, headers: appResponseHeaders(contentTypeOf(asset.path)) });
  };
}
