// Which Chromium the E2E suite drives: CHROMIUM_PATH, else the system's (Debian: /usr/bin/chromium),
// else Playwright's own download (installed once by ensure-browser.mjs on machines that can fetch it).
import { existsSync } from 'node:fs';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {string | undefined} an executable path, or undefined to use Playwright's managed browser */
export function chromiumExecutable() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return SYSTEM_CANDIDATES.find((p) => existsSync(p));
}

// Flags for a headless browser on a closed network: without the background-networking ones Chromium keeps
// trying to reach Google's hosts.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
