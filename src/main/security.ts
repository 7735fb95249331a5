/**
 * Pure security predicates for the window and the shell, kept free of Electron so property tests can
 * hammer them.
 */

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

/** The window may only ever show the app itself: any navigation elsewhere is denied. */
export function isAllowedNavigation(candidate: string, appOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (appOrigin === 'file://') return false; // a packaged app never navigates: it is a single page
  return url.origin === appOrigin && url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
}

/** Whether an IPC message comes from the app's own top frame. */
export function isTrustedSender(sender: { url: string; isTopFrame: boolean }, allowedOrigins: readonly string[]): boolean {
  if (!sender.isTopFrame) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  // A packaged app is one file page: trust exactly that file, not any file:// page.
  if (url.protocol === 'file:') return allowedOrigins.includes(`file://${url.pathname}`);
  return allowedOrigins.includes(url.origin);
}

/** The renderer's Content Security Policy (also in index.html's meta tag). */
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
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
