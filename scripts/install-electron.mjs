// Electron 42+ no longer downloads its runtime on install, yet `npm start` (electron-vite) needs it.
// Run Electron's own installer so a user's `npm install` leaves a runnable app, but never fail the
// install where the binary cannot be fetched (offline machines, CI sandboxes): warn once instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) process.exit(0); // production install without devDependencies: nothing to do

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.warn('signet: ELECTRON_SKIP_BINARY_DOWNLOAD is set; the Electron runtime was not installed.');
  process.exit(0);
}

if (existsSync(join(dir, 'path.txt')) && existsSync(join(dir, 'dist'))) process.exit(0); // already installed

const installer = join(dir, 'install.js');
if (!existsSync(installer)) process.exit(0);

const result = spawnSync(process.execPath, [installer], {
  cwd: dir,
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: Number(process.env.SIGNET_ELECTRON_INSTALL_TIMEOUT_MS ?? 300_000),
  encoding: 'utf8',
});

if (result.status !== 0) {
  // The installer prints a stack trace; its first line names the cause ("TypeError: fetch failed").
  const reason = (result.error?.message ?? result.stderr ?? '').trim().split('\n')[0] || `exit code ${result.status}`;
  console.warn(
    `signet: WARNING: the Electron runtime could not be downloaded (${reason}). ` +
      'The CLI and the tests work without it; `npm start` needs it: run `node node_modules/electron/install.js` once you are online.',
  );
}
process.exit(0);
