// Makes sure `npm test` has a Chromium to drive: the system's when present, otherwise Playwright's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumExecutable } from './chromium.mjs';

const system = chromiumExecutable();
if (system) {
  if (!existsSync(system)) {
    console.error(`e2e: CHROMIUM_PATH points to ${system}, which does not exist.`);
    process.exit(1);
  }
  process.exit(0);
}
if (existsSync(chromium.executablePath())) process.exit(0);
console.log("e2e: no system Chromium found; installing Playwright's Chromium once (npx playwright install chromium)…");
const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error(
    'e2e: could not install a browser. Install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH.',
  );
  process.exit(1);
}
